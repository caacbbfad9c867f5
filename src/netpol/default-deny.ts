/**
 * Namespaces with pods but no default deny. A default deny for a direction is what the
 * Kubernetes docs call "Default deny all ingress/egress traffic"
 * (kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies): a policy
 * with an empty podSelector (every pod of the namespace, including pods created later), that
 * direction among its effective policyTypes, and no rule for it. A `{}`-selecting policy that
 * does carry rules isolates every pod too but is not a deny; it does not count here.
 */
import { selectorIsEmpty } from "../k8s/label-selector.js";
import type { Direction, NetworkCluster } from "./model.js";
import { effectivePolicyTypes, policyId, policyNamespace, policyRules } from "./policy-facts.js";

export interface MissingDefaultDeny {
  namespace: string;
  /** The directions without a default deny. */
  missing: Direction[];
  /** How many pods of the namespace are affected. */
  pods: number;
}

/** The default-deny policies of a namespace for a direction, by id. */
export function defaultDenyPolicies(cluster: NetworkCluster, namespace: string, direction: Direction): string[] {
  return cluster.policies
    .filter(
      (p) =>
        policyNamespace(p, cluster) === namespace &&
        selectorIsEmpty(p.spec?.podSelector ?? {}) &&
        effectivePolicyTypes(p).includes(direction) &&
        policyRules(p, direction).length === 0,
    )
    .map((p) => policyId(p, cluster));
}

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
