/**
 * PREREQUISITES.md, written beside the manifests: what must exist in the cluster before
 * `kubectl apply -k`.
 */
import type { Spec } from "../spec/schema.js";
import { CNPG_OPERATOR } from "../upstream/cloudnative-pg.js";
import { minorOf, VERSIONS } from "../upstream/versions.js";
import { CREDENTIAL_KEYS, objectStoreProvider } from "../upstream/barman-cloud.js";
import { features } from "../spec/features.js";
import { grafanaRootUrl } from "./components/grafana-way-in.js";
import { COREDNS_METRICS, KUBELET_SERVICE, NODE_EXPORTER } from "../upstream/cluster-targets.js";

/** The operator releases to install (src/upstream/versions.ts, with their support status). */
const PROMETHEUS_OPERATOR_VERSION = VERSIONS.prometheusOperator.tag;
const CLOUDNATIVE_PG_VERSION = VERSIONS.cloudNativePg.tag;

/** What each receiver type keeps in its Secret key. */
const RECEIVER_CREDENTIAL = {
  pagerduty: "the PagerDuty routing key",
  opsgenie: "the Opsgenie API key",
  slack: "the Slack incoming-webhook URL",
  webhook: "the bearer token",
} as const;

export function prerequisitesMarkdown(spec: Spec): string {
  const f = features(spec);
  const lines = [
    "# Prerequisites",
    "",
    "hamon renders the stack; these must exist in the cluster before `kubectl apply -k .`:",
    "",
    `1. **Prometheus Operator ${PROMETHEUS_OPERATOR_VERSION} or later** (CRDs Prometheus, Alertmanager, ServiceMonitor, PodMonitor, PrometheusRule):`,
    "   `kubectl apply --server-side -f https://github.com/prometheus-operator/prometheus-operator/releases/download/" +
      `${PROMETHEUS_OPERATOR_VERSION}/bundle.yaml\``,
  ];
  if (f.cloudNativePg) {
    lines.push(
      `2. **CloudNativePG ${CLOUDNATIVE_PG_VERSION} or later** in namespace \`${CNPG_OPERATOR.namespace}\` (the NetworkPolicies admit its operator from there):`,
      `   \`kubectl apply --server-side -f https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/release-${minorOf(CLOUDNATIVE_PG_VERSION)}/releases/cnpg-` +
        `${CLOUDNATIVE_PG_VERSION}.yaml\``,
    );
  }
  const backup =
    f.cloudNativePg && spec.grafana.database.type === "cloudnativepg" ? spec.grafana.database.backup : undefined;
  if (backup) {
    const plugin = VERSIONS.barmanCloudPlugin.tag;
    lines.push(
      `3. **CloudNativePG's Barman Cloud plugin ${plugin} or later** in \`${CNPG_OPERATOR.namespace}\`, for the database backups (it needs cert-manager: https://cert-manager.io/docs/installation/):`,
      `   \`kubectl apply -f https://github.com/cloudnative-pg/plugin-barman-cloud/releases/download/${plugin}/manifest.yaml\``,
    );
  }
  lines.push("", "Secrets, created by you in namespace `" + spec.namespace + "` (hamon only references them):", "");
  const alerting = spec.alerting;
  if (alerting) {
    const keys = [
      ...alerting.receivers.flatMap((r) =>
        r.secretKey === undefined
          ? []
          : [`\`${r.secretKey}\` (${RECEIVER_CREDENTIAL[r.type]} of receiver \`${r.name}\`)`],
      ),
      ...(alerting.heartbeat?.secretKey !== undefined
        ? [
            `\`${alerting.heartbeat.secretKey}\` (the heartbeat service's ${alerting.heartbeat.authorizationType} credential)`,
          ]
        : []),
    ];
    lines.push(
      `- \`${alerting.secretName}\`` +
        (keys.length > 0 ? `, keys ${keys.join(", ")}` : " (no keys needed yet)") +
        ": the Alertmanager receivers' credentials, mounted in every Alertmanager; hamon's routing reads them as files (docs/alerting.md)." +
        (alerting.heartbeat
          ? ` Set up the heartbeat check at the outside service first: it must alert when no ping reaches ${alerting.heartbeat.url} for ${alerting.heartbeat.repeatInterval.toString()} + 10s + its grace.`
          : ""),
    );
  }
  if (f.thanos) {
    lines.push(
      `- \`${spec.objectStorage.secretName}\`, key \`${spec.objectStorage.secretKey}\`: the Thanos bucket config (https://thanos.io/tip/thanos/storage.md/).`,
    );
  }
  if (f.grafana) {
    lines.push(...grafanaSecrets(spec));
    if (backup) {
      const provider = objectStoreProvider(backup.destinationPath);
      const keys = provider ? Object.entries(CREDENTIAL_KEYS[provider]) : [];
      lines.push(
        `- \`${backup.secretName}\`, keys ${keys.map(([k, what]) => `\`${k}\` (${what})`).join(", ")}: write access to \`${backup.destinationPath}\` for the database backups (docs/backups.md).`,
      );
    }
  }
  if (f.dedicatedPool) {
    const taint = spec.nodePool.taint;
    lines.push(
      "",
      "Nodes: the dedicated pool must carry the labels " +
        Object.entries(spec.nodePool.labels)
          .map(([k, v]) => `\`${k}=${v}\``)
          .join(", ") +
        (taint ? ` and the taint \`${taint.key}=${taint.value}:${taint.effect}\`` : "") +
        `, ${spec.nodePool.nodesPerZone} per zone in ${spec.cluster.zones.map((z) => `\`${z}\``).join(", ")}.`,
    );
  }
  const t = spec.targets;
  if (t.kubelet) {
    lines.push(
      "",
      `Kubelet: the kubelet monitor scrapes the Service \`${KUBELET_SERVICE.namespace}/${KUBELET_SERVICE.name}\` that the Prometheus Operator keeps (one endpoint per node, port ${KUBELET_SERVICE.port}) only when the operator runs with \`--kubelet-service=${KUBELET_SERVICE.namespace}/${KUBELET_SERVICE.name}\`: check that the operator Deployment's container args have it (kube-prometheus' manifests set it: \`kubectl get deployment -A -l app.kubernetes.io/name=prometheus-operator -o yaml | grep kubelet-service\`), and add it if not, e.g. \`kubectl -n default patch deployment prometheus-operator --type=json -p '[{"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--kubelet-service=${KUBELET_SERVICE.namespace}/${KUBELET_SERVICE.name}"}]'\` (with the operator's namespace). Then \`kubectl -n ${KUBELET_SERVICE.namespace} get endpoints ${KUBELET_SERVICE.name}\` lists every node.`,
    );
  }
  if (t.nodeExporter) {
    lines.push(
      "",
      `node-exporter: its namespace \`hamon-node-exporter\` is labelled Pod Security **privileged**, the only level that admits it: it reads the node itself (hostNetwork, hostPID, the host's root filesystem mounted read-only), which baseline and restricted forbid. The container stays non-root, without capabilities or privilege escalation. It binds port ${NODE_EXPORTER.port} on every node: no other node-exporter may run (uninstall kube-prometheus' or your distribution's first), and the nodes' firewall must let the Prometheus pods reach it.`,
    );
  }
  if (t.coreDns.enabled) {
    lines.push(
      "",
      `CoreDNS: the monitor selects the Service in \`${COREDNS_METRICS.namespace}\` labelled ${Object.entries(
        t.coreDns.serviceLabels,
      )
        .map(([k, v]) => `\`${k}=${v}\``)
        .join(
          ", ",
        )} with a port named \`${COREDNS_METRICS.portName}\` (${COREDNS_METRICS.port}), as kubeadm, EKS and AKS ship it; other distributions label or expose it differently (GKE's kube-dns has no such port): set \`targets.coreDns.serviceLabels\` or \`targets.coreDns.enabled: false\`.`,
    );
  }
  if (f.networkPolicies) {
    lines.push(
      "",
      "Network: NetworkPolicies need a CNI that enforces them (Calico, Cilium, or your cloud's policy engine).",
    );
  }
  if (f.grafana && spec.grafana.ingress) lines.push("", grafanaWayIn(spec.grafana.ingress, f.networkPolicies));
  return lines.join("\n") + "\n";
}

/** The Secrets Grafana reads, each by reference. */
function grafanaSecrets(spec: Spec): string[] {
  const g = spec.grafana;
  const db = g.database;
  return [
    `- \`${g.adminSecretName}\`, keys \`admin-user\`, \`admin-password\`: Grafana's admin.`,
    `- \`${g.secretKey.secretName}\`, key \`${g.secretKey.key}\`: Grafana's secret_key, which encrypts data source and contact point secrets in its database. Generate it once (\`openssl rand -base64 32\`), keep a copy, never change it: Grafana cannot read what it encrypted with another key.`,
    ...(g.redis.enabled ? [`- \`${g.redis.secretName}\`, key \`password\`: Redis for Grafana's remote cache.`] : []),
    ...(db.type === "external"
      ? [
          `- \`${db.secretName}\`, keys \`username\`, \`password\`: the external ${db.engine === "mysql" ? "MySQL" : "PostgreSQL"} user.`,
          ...(db.caSecret
            ? [
                `- \`${db.caSecret.secretName}\`, key \`${db.caSecret.key}\`: the CA certificate of the external database's server.`,
              ]
            : []),
        ]
      : []),
    ...(g.oauth
      ? [
          `- \`${g.oauth.clientSecret.secretName}\`, key \`${g.oauth.clientSecret.key}\`: the OAuth client secret of client \`${g.oauth.clientId}\`; register the redirect URL ${g.ingress ? grafanaRootUrl(g.ingress) : "<root_url>/"}login/generic_oauth at the identity provider.`,
        ]
      : []),
    ...(g.ingress?.type === "ingress" && g.ingress.tls && !g.ingress.tls.certManager
      ? [`- \`${g.ingress.tls.secretName}\` (type kubernetes.io/tls): the certificate for ${g.ingress.host}.`]
      : []),
  ];
}

/** What the way in to Grafana needs from the cluster. */
function grafanaWayIn(ingress: NonNullable<Spec["grafana"]["ingress"]>, networkPolicies: boolean): string {
  const proxy = `\`${ingress.controller.namespace}\`${
    Object.keys(ingress.controller.podLabels).length > 0
      ? ` labelled ${Object.entries(ingress.controller.podLabels)
          .map(([k, v]) => `\`${k}=${v}\``)
          .join(", ")}`
      : ""
  }`;
  const where = networkPolicies ? ` Grafana's NetworkPolicy admits only its pods in ${proxy}.` : "";
  if (ingress.type === "ingress") {
    const cm = ingress.tls?.certManager;
    return (
      `Way in: an ingress controller${ingress.className ? ` for IngressClass \`${ingress.className}\`` : " (the default IngressClass)"} serving ${ingress.host}, and DNS for ${ingress.host} pointing at it.${where}` +
      (cm
        ? ` cert-manager with the ${cm.kind} \`${cm.name}\` issues the certificate into \`${ingress.tls?.secretName ?? ""}\` (cert-manager.io/docs/usage/ingress/).`
        : "")
    );
  }
  return (
    `Way in: the Gateway API CRDs (v1) and the Gateway${ingress.parentRefs.length > 1 ? "s" : ""} ${ingress.parentRefs
      .map((p) => `\`${p.namespace ? `${p.namespace}/` : ""}${p.name}\``)
      .join(
        ", ",
      )}, with an HTTPS listener for ${ingress.host} that allows routes from this namespace (\`allowedRoutes\`), and DNS for ${ingress.host} pointing at it.` +
    where
  );
}
