/**
 * PREREQUISITES.md, written beside the manifests: what must exist in the cluster before
 * `kubectl apply -k`.
 */
import type { Spec } from "../spec/schema.js";
import { CNPG_OPERATOR } from "../upstream/cloudnative-pg.js";
import { features } from "../spec/features.js";

/** Versions the rendered CRs were written against (the CRD schemas in @kubernetes-models/*). */
export const PROMETHEUS_OPERATOR_VERSION = "v0.76.0";
export const CLOUDNATIVE_PG_VERSION = "1.24.1";

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
      "   `kubectl apply --server-side -f https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/release-1.24/releases/cnpg-" +
        `${CLOUDNATIVE_PG_VERSION}.yaml\``,
    );
  }
  lines.push("", "Secrets, created by you in namespace `" + spec.namespace + "` (hamon only references them):", "");
  if (f.thanos) {
    lines.push(
      `- \`${spec.objectStorage.secretName}\`, key \`${spec.objectStorage.secretKey}\`: the Thanos bucket config (https://thanos.io/tip/thanos/storage.md/).`,
    );
  }
  if (f.grafana) {
    lines.push(
      `- \`${spec.grafana.adminSecretName}\`, keys \`admin-user\`, \`admin-password\`: Grafana's admin.`,
      `- \`${spec.grafana.redis.secretName}\`, key \`password\`: Redis for Grafana's remote cache.`,
    );
    if (spec.grafana.database.type === "external") {
      lines.push(
        `- \`${spec.grafana.database.secretName}\`, keys \`username\`, \`password\`: the external PostgreSQL user.`,
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
  if (f.networkPolicies) {
    lines.push(
      "",
      "Network: NetworkPolicies need a CNI that enforces them (Calico, Cilium, or your cloud's policy engine).",
    );
  }
  return lines.join("\n") + "\n";
}
