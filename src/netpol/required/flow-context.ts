/**
 * The evaluator's cluster for an inventory (one pod per PodGroup, from-inventory.ts), plus the
 * pods the stack talks to that the input usually does not hold, when it does not: cluster DNS
 * (src/upstream/cluster-dns.ts), the CloudNativePG operator when a CloudNativePG Cluster is in
 * the input (src/upstream/cloudnative-pg.ts), and the proxy pods an Ingress or HTTPRoute names
 * (route-proxies.ts).
 */
import type { Inventory } from "../../inventory/model.js";
import { selectorMatches } from "../../k8s/label-selector.js";
import { networkClusterFromInventory } from "../from-inventory.js";
import type { ClusterPod } from "../model.js";
import { wellFormedPolicy } from "../well-formed-policy.js";
import type { AssumedPod, FlowContext } from "./model.js";
import { CLUSTER_DNS, CLUSTER_DNS_PORTS } from "../../upstream/cluster-dns.js";
import { CNPG_OPERATOR } from "../../upstream/cloudnative-pg.js";
import { PROXY_NAMESPACE_ANNOTATION } from "../../vocabulary.js";
import { routeProxies } from "./route-proxies.js";

const labelsText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");

const matching = (pods: ClusterPod[], where: { namespace: string; podLabels: Record<string, string> }) =>
  pods.filter((p) => p.namespace === where.namespace && selectorMatches({ matchLabels: where.podLabels }, p.labels));

export function flowContext(inv: Inventory): FlowContext {
  const cluster = networkClusterFromInventory(inv);
  // Policies as the API schema shapes them: a malformed one must not stop the audit.
  cluster.policies = inv.networkPolicies.map((o) =>
    wellFormedPolicy({
      ...o.raw,
      metadata: { ...(o.raw.metadata as object), namespace: o.ref.namespace ?? "default" },
    }),
  );
  const podOfGroup = new Map<string, ClusterPod>();
  const groupOfPod = new Map<ClusterPod, Inventory["podGroups"][number]>();
  inv.podGroups.forEach((g, i) => {
    const pod = cluster.pods[i] as ClusterPod;
    podOfGroup.set(g.id, pod);
    groupOfPod.set(pod, g);
  });
  const assumed: AssumedPod[] = [];
  if (matching(cluster.pods, CLUSTER_DNS).length === 0) {
    assumed.push({
      pod: {
        namespace: CLUSTER_DNS.namespace,
        name: "cluster DNS",
        labels: CLUSTER_DNS.podLabels,
        ports: [...CLUSTER_DNS_PORTS],
      },
      why: `cluster DNS (CoreDNS, ${labelsText(CLUSTER_DNS.podLabels)} in ${CLUSTER_DNS.namespace}), not in the input`,
    });
  }
  const cnpg = inv.podGroups.some((g) => g.owner.ref.kind === "Cluster" && g.component === "postgresql");
  if (cnpg && matching(cluster.pods, CNPG_OPERATOR).length === 0) {
    assumed.push({
      pod: {
        namespace: CNPG_OPERATOR.namespace,
        name: "CloudNativePG operator",
        labels: CNPG_OPERATOR.podLabels,
        ports: [{ name: "webhook-server", containerPort: CNPG_OPERATOR.webhookPort }],
      },
      why: `the CloudNativePG operator (${labelsText(CNPG_OPERATOR.podLabels)} in ${CNPG_OPERATOR.namespace}), not in the input`,
    });
  }
  for (const proxy of routeProxies(inv)) {
    const where = { namespace: proxy.namespace, podLabels: proxy.podLabels };
    const known = [...cluster.pods, ...assumed.map((a) => a.pod)];
    if (matching(known, where).length > 0) continue;
    const labels = labelsText(proxy.podLabels);
    assumed.push({
      pod: { namespace: proxy.namespace, name: "route proxy", labels: proxy.podLabels, ports: [] },
      why: `the pods that proxy ${proxy.route.ref.kind} ${proxy.route.ref.namespace ?? "default"}/${proxy.route.ref.name} (${labels === "" ? "every pod" : labels} in ${proxy.namespace}, from its ${PROXY_NAMESPACE_ANNOTATION} annotation), not in the input`,
    });
  }
  for (const a of assumed) {
    cluster.pods.push(a.pod);
    if (!cluster.namespaces.some((n) => n.name === a.pod.namespace)) cluster.namespaces.push({ name: a.pod.namespace });
  }
  return { cluster, podOfGroup, groupOfPod, assumed };
}

/** Pods of cluster DNS: those of the input if it has them, else the assumed one. */
export const clusterDnsPods = (ctx: FlowContext): ClusterPod[] => matching(ctx.cluster.pods, CLUSTER_DNS);
export const cnpgOperatorPods = (ctx: FlowContext): ClusterPod[] => matching(ctx.cluster.pods, CNPG_OPERATOR);

/** Pods that proxy a route: those of the input if it has them, else the assumed one. */
export const proxyPods = (
  ctx: FlowContext,
  where: { namespace: string; podLabels: Record<string, string> },
): ClusterPod[] => matching(ctx.cluster.pods, where);
