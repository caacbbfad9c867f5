/**
 * What a NetworkPolicy object means once the API server has defaulted it
 * (kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicySpec):
 * its namespace, which pods it selects, and its effective policyTypes.
 */
import { selectorMatches, type Labels } from "../k8s/label-selector.js";
import { NAMESPACE_NAME_LABEL } from "../k8s/well-known-labels.js";
import type {
  ClusterNamespace,
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
  let types = policyTypesOf.get(policy);
  if (!types) {
    const written = policy.spec?.policyTypes ?? [];
    types =
      written.length > 0 ? [...written] : (policy.spec?.egress ?? []).length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
    policyTypesOf.set(policy, types);
  }
  return types;
}
/** Computed once per policy object (flows ask again and again); read them, never change them. */
const policyTypesOf = new WeakMap<NetworkPolicyObject, Direction[]>();

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
      const list = index.get(ns);
      if (list) list.push(p);
      else index.set(ns, [p]);
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

/** A policy's rules by direction, built once per policy object: every flow evaluation reads them. */
const rulesOf = new WeakMap<NetworkPolicyObject, Record<Direction, DirectedRule[]>>();

export function policyRules(policy: NetworkPolicyObject, direction: Direction): DirectedRule[] {
  let rules = rulesOf.get(policy);
  if (!rules) {
    rules = {
      Ingress: (policy.spec?.ingress ?? []).map((r: PolicyIngressRule) => ({
        peers: r.from ?? [],
        ports: r.ports ?? [],
      })),
      Egress: (policy.spec?.egress ?? []).map((r: PolicyEgressRule) => ({ peers: r.to ?? [], ports: r.ports ?? [] })),
    };
    rulesOf.set(policy, rules);
  }
  return rules[direction];
}

/**
 * The namespaces of a list by name (the first of a name, as `find` would), indexed once per list;
 * a list that grew since (flow-context.ts adds assumed namespaces) is indexed again.
 */
const namespacesByName = new WeakMap<ClusterNamespace[], { size: number; byName: Map<string, ClusterNamespace> }>();
export function clusterNamespace(
  cluster: Pick<NetworkCluster, "namespaces">,
  name: string,
): ClusterNamespace | undefined {
  let index = namespacesByName.get(cluster.namespaces);
  if (!index || index.size !== cluster.namespaces.length) {
    const byName = new Map<string, ClusterNamespace>();
    for (const n of cluster.namespaces) if (!byName.has(n.name)) byName.set(n.name, n);
    index = { size: cluster.namespaces.length, byName };
    namespacesByName.set(cluster.namespaces, index);
  }
  return index.byName.get(name);
}

/** Namespace labels as the API server keeps them: `kubernetes.io/metadata.name` is always set (since 1.21). */
export function namespaceLabels(cluster: Pick<NetworkCluster, "namespaces">, namespace: string): Labels {
  const written = clusterNamespace(cluster, namespace)?.labels ?? {};
  return { ...written, [NAMESPACE_NAME_LABEL]: namespace };
}

/** The pods of each namespace, in their order, indexed once per pod list (and again when it grew). */
const podsByNamespace = new WeakMap<ClusterPod[], { size: number; byNamespace: Map<string, ClusterPod[]> }>();
export function podsOfNamespace(cluster: Pick<NetworkCluster, "pods">, namespace: string): ClusterPod[] {
  let index = podsByNamespace.get(cluster.pods);
  if (!index || index.size !== cluster.pods.length) {
    const byNamespace = new Map<string, ClusterPod[]>();
    for (const p of cluster.pods) {
      const list = byNamespace.get(p.namespace);
      if (list) list.push(p);
      else byNamespace.set(p.namespace, [p]);
    }
    index = { size: cluster.pods.length, byNamespace };
    podsByNamespace.set(cluster.pods, index);
  }
  return index.byNamespace.get(namespace) ?? [];
}
