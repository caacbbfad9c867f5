/**
 * What a NetworkPolicy object means once the API server has defaulted it
 * (kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicySpec):
 * its namespace, which pods it selects, and its effective policyTypes.
 */
import { selectorMatches, type Labels } from "../k8s/label-selector.js";
import { NAMESPACE_NAME_LABEL } from "../k8s/well-known-labels.js";
import type {
  ClusterPod,
  Direction,
  NetworkCluster,
  NetworkPolicyObject,
  PolicyEgressRule,
  PolicyIngressRule,
  PolicyPeer,
  PolicyPort,
} from "./model.js";

export function policyNamespace(
  policy: NetworkPolicyObject,
  cluster: Pick<NetworkCluster, "defaultNamespace">,
): string {
  return policy.metadata?.namespace ?? cluster.defaultNamespace ?? "default";
}

export function policyId(policy: NetworkPolicyObject, cluster: Pick<NetworkCluster, "defaultNamespace">): string {
  return `${policyNamespace(policy, cluster)}/${policy.metadata?.name ?? "(unnamed)"}`;
}

/**
 * policyTypes as defaulted by the API server: when the field is empty, "Ingress" always, plus
 * "Egress" when the policy has a non-empty egress list (kubernetes/kubernetes
 * pkg/apis/networking/v1/defaults.go, SetDefaults_NetworkPolicySpec: `if len(obj.Egress) != 0`).
 */
export function effectivePolicyTypes(policy: NetworkPolicyObject): Direction[] {
  const written = policy.spec?.policyTypes ?? [];
  if (written.length > 0) return [...written];
  return (policy.spec?.egress ?? []).length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
}

/** Whether a policy's podSelector matches a pod's labels, computed once per (policy, pod): flows ask it again and again. */
const selectorVerdicts = new WeakMap<NetworkPolicyObject, WeakMap<ClusterPod, boolean>>();

/** podSelector `{}` selects every pod of the policy's namespace; a policy selects nothing in other namespaces. */
export function policySelects(
  policy: NetworkPolicyObject,
  pod: ClusterPod,
  cluster: Pick<NetworkCluster, "defaultNamespace">,
): boolean {
  if (policyNamespace(policy, cluster) !== pod.namespace) return false;
  let byPod = selectorVerdicts.get(policy);
  if (!byPod) selectorVerdicts.set(policy, (byPod = new WeakMap()));
  let matches = byPod.get(pod);
  if (matches === undefined) byPod.set(pod, (matches = selectorMatches(policy.spec?.podSelector ?? {}, pod.labels)));
  return matches;
}

/** The policies of each namespace, indexed once per policy list (the lists are never mutated once built). */
const byNamespace = new WeakMap<NetworkPolicyObject[], Map<string, NetworkPolicyObject[]>>();

/** The policies of `namespace`: the only ones that can select its pods. */
export function policiesOfNamespace(
  cluster: Pick<NetworkCluster, "policies" | "defaultNamespace">,
  namespace: string,
): NetworkPolicyObject[] {
  let index = byNamespace.get(cluster.policies);
  if (!index) {
    index = new Map();
    for (const p of cluster.policies) {
      const ns = policyNamespace(p, cluster);
      index.set(ns, [...(index.get(ns) ?? []), p]);
    }
    byNamespace.set(cluster.policies, index);
  }
  return index.get(namespace) ?? [];
}

/** A rule of either direction: its peers (`from` or `to`) and ports. */
export interface DirectedRule {
  /** undefined or empty: every peer (API reference: "If this field is empty or missing, this rule matches all"). */
  peers: PolicyPeer[];
  ports: PolicyPort[];
}

export function policyRules(policy: NetworkPolicyObject, direction: Direction): DirectedRule[] {
  if (direction === "Ingress") {
    return (policy.spec?.ingress ?? []).map((r: PolicyIngressRule) => ({ peers: r.from ?? [], ports: r.ports ?? [] }));
  }
  return (policy.spec?.egress ?? []).map((r: PolicyEgressRule) => ({ peers: r.to ?? [], ports: r.ports ?? [] }));
}

/** Namespace labels as the API server keeps them: `kubernetes.io/metadata.name` is always set (since 1.21). */
export function namespaceLabels(cluster: Pick<NetworkCluster, "namespaces">, namespace: string): Labels {
  const written = cluster.namespaces.find((n) => n.name === namespace)?.labels ?? {};
  return { ...written, [NAMESPACE_NAME_LABEL]: namespace };
}
