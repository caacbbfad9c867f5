/**
 * Default deny, the one meaning hamon gives it: for a direction, what the Kubernetes docs call
 * "Default deny all ingress/egress traffic"
 * (kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies): a policy
 * with that direction among its effective policyTypes and no rule for it. The docs' example
 * selects with `podSelector: {}`; a policy whose podSelector is narrower but selects every pod of
 * the namespace in the input denies just as much for those pods, so a namespace is judged by the
 * pods its rule-less policies select (each pod selected by at least one of them). A policy that
 * does carry rules for the direction isolates the pods it selects but is not a deny.
 */
import { selectorIsEmpty } from "../k8s/label-selector.js";
import type { ClusterPod, Direction, NetworkCluster, NetworkPolicyObject } from "./model.js";
import { effectivePolicyTypes, policiesOfNamespace, policyRules, policySelects } from "./policy-facts.js";

export interface MissingDefaultDeny {
  namespace: string;
  /** The directions without a default deny. */
  missing: Direction[];
  /** How many pods of the namespace are affected. */
  pods: number;
}

/** Whether the policy is a default deny for the direction. */
export function isDefaultDeny(policy: NetworkPolicyObject, direction: Direction): boolean {
  return (
    selectorIsEmpty(policy.spec?.podSelector ?? {}) &&
    effectivePolicyTypes(policy).includes(direction) &&
    policyRules(policy, direction).length === 0
  );
}

/** Whether the policy denies every flow of the direction to the pods it selects (no rule for it). */
export function deniesAllFor(policy: NetworkPolicyObject, direction: Direction): boolean {
  return effectivePolicyTypes(policy).includes(direction) && policyRules(policy, direction).length === 0;
}

/** Namespaces with pods but no default deny for a direction: some pod of theirs is selected by no rule-less policy of it. */
export function namespacesWithoutDefaultDeny(cluster: NetworkCluster): MissingDefaultDeny[] {
  const podsByNamespace = new Map<string, ClusterPod[]>();
  for (const p of cluster.pods) {
    const list = podsByNamespace.get(p.namespace);
    if (list) list.push(p);
    else podsByNamespace.set(p.namespace, [p]);
  }
  const result: MissingDefaultDeny[] = [];
  for (const namespace of [...podsByNamespace.keys()].sort()) {
    const pods = podsByNamespace.get(namespace) ?? [];
    const policies = policiesOfNamespace(cluster, namespace);
    const missing = (["Ingress", "Egress"] as Direction[]).filter((d) => {
      const denies = policies.filter((p) => deniesAllFor(p, d));
      return !pods.every((pod) => denies.some((p) => policySelects(p, pod, cluster)));
    });
    if (missing.length > 0) result.push({ namespace, missing, pods: pods.length });
  }
  return result;
}
