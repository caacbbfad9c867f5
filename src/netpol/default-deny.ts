/**
 * Default deny, the one meaning hamon gives it: for a direction, what the Kubernetes docs call
 * "Default deny all ingress/egress traffic"
 * (kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies): a policy
 * with an empty podSelector (every pod of the namespace, including pods created later), that
 * direction among its effective policyTypes, and no rule for it. A `{}`-selecting policy that
 * does carry rules for the direction isolates every pod too but is not a deny.
 */
import { selectorIsEmpty } from "../k8s/label-selector.js";
import type { Direction, NetworkCluster, NetworkPolicyObject } from "./model.js";
import { effectivePolicyTypes, policyId, policyNamespace, policyRules } from "./policy-facts.js";

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

/** The default-deny policies of a namespace for a direction, by id. */
export function defaultDenyPolicies(cluster: NetworkCluster, namespace: string, direction: Direction): string[] {
  return cluster.policies
    .filter((p) => policyNamespace(p, cluster) === namespace && isDefaultDeny(p, direction))
    .map((p) => policyId(p, cluster));
}

/** Namespaces with pods but no default deny for a direction. */

export function namespacesWithoutDefaultDeny(cluster: NetworkCluster): MissingDefaultDeny[] {
  const namespaces = [...new Set(cluster.pods.map((p) => p.namespace))].sort();
  const result: MissingDefaultDeny[] = [];
  for (const namespace of namespaces) {
    const missing = (["Ingress", "Egress"] as Direction[]).filter(
      (d) => defaultDenyPolicies(cluster, namespace, d).length === 0,
    );
    if (missing.length > 0)
      result.push({ namespace, missing, pods: cluster.pods.filter((p) => p.namespace === namespace).length });
  }
  return result;
}
