/**
 * Pods → the Kubernetes API server, on 443 or 6443 (alternatives, outside-addresses.ts):
 * - a Prometheus CR: the operator generates `kubernetes_sd_configs` for every ServiceMonitor,
 *   PodMonitor and Alertmanager endpoint (prometheus-operator pkg/prometheus/promcfg.go); a plain
 *   Prometheus whose prometheus.yml uses `kubernetes_sd_configs`;
 * - a CloudNativePG instance: its instance manager watches its Cluster
 *   (cloudnative-pg.io/documentation/current/instance_manager/);
 * - any pod whose ServiceAccount a RoleBinding or ClusterRoleBinding of the input grants
 *   permissions to, with its token mounted (`automountServiceAccountToken` not false on the pod
 *   or, when the pod leaves it unset, the ServiceAccount): operators, kube-state-metrics, kube-rbac-proxy sidecars.
 */
import type { Inventory } from "../../inventory/model.js";
import { asRecords, asString } from "../../k8s/json.js";
import type { FlowContext, RequiredFlow } from "./model.js";
import { OUTSIDE } from "./outside-addresses.js";
import { atIp, atPod, originName, podOf } from "./_build.js";
import { KUBERNETES_API_PORTS } from "../../k8s/api-server.js";

function boundServiceAccounts(inv: Inventory): Map<string, string> {
  const bound = new Map<string, string>();
  for (const b of inv.objects.filter((o) => o.ref.kind === "RoleBinding" || o.ref.kind === "ClusterRoleBinding")) {
    for (const s of asRecords(b.raw.subjects)) {
      if (s.kind !== "ServiceAccount") continue;
      const ns = asString(s.namespace) ?? b.ref.namespace ?? "default";
      bound.set(`${ns}/${String(s.name)}`, `${b.ref.kind} ${b.ref.name}`);
    }
  }
  return bound;
}

export function kubernetesApiFlows(inv: Inventory, ctx: FlowContext): RequiredFlow[] {
  const bound = boundServiceAccounts(inv);
  const noAutomount = new Set(
    inv.objects
      .filter((o) => o.ref.kind === "ServiceAccount" && o.raw.automountServiceAccountToken === false)
      .map((o) => `${o.ref.namespace ?? "default"}/${o.ref.name}`),
  );
  const out: RequiredFlow[] = [];
  for (const g of inv.podGroups) {
    const spec = (g.template.spec ?? {}) as Record<string, unknown>;
    const sa = asString(spec.serviceAccountName) ?? asString(spec.serviceAccount) ?? "default";
    const key = `${g.namespace}/${sa}`;
    const name = originName(g);
    let why: string | undefined;
    if (g.component === "prometheus" && g.config.crSpec)
      why = `${name}: the operator's kubernetes_sd_configs (monitors, Alertmanager endpoints)`;
    else if (
      g.component === "prometheus" &&
      JSON.stringify(g.config.prometheusYaml ?? {}).includes("kubernetes_sd_configs")
    )
      why = `${name}: prometheus.yml kubernetes_sd_configs`;
    else if (g.component === "postgresql" && g.owner.ref.kind === "Cluster")
      why = `${name}: the CloudNativePG instance manager watches its Cluster`;
    // The pod's automountServiceAccountToken, when set, wins over the ServiceAccount's (kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/).
    else if (
      bound.has(key) &&
      (spec.automountServiceAccountToken === true ||
        (spec.automountServiceAccountToken === undefined && !noAutomount.has(key)))
    )
      why = `${name}: ServiceAccount ${sa} is granted permissions by ${bound.get(key)}`;
    if (!why) continue;
    for (const port of KUBERNETES_API_PORTS) {
      out.push({
        from: atPod(podOf(ctx, g)),
        to: atIp(OUTSIDE.kubernetesApi.ip),
        port,
        protocol: "TCP",
        why: `Kubernetes API: ${why}`,
        origin: g.owner,
        anyOf: `kubernetes-api|${g.id}`,
      });
    }
  }
  return out;
}
