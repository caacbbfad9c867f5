/**
 * Least privilege: the allow rules (peer by peer) that none of a set of flows uses. A rule is
 * used by a flow when it matches the flow on its side (egress at the source, ingress at the
 * destination), whether or not the other side allows the flow.
 */
import { evaluateFlow } from "./evaluate-flow.js";
import type { Direction, Flow, NetworkCluster, RuleRef } from "./model.js";
import { effectivePolicyTypes, policyId, policyRules, policySelects } from "./policy-facts.js";

export interface UnusedRule extends RuleRef {
  /** Why nothing uses it. */
  why: "no flow matches it" | "the policy selects no pod" | "ignored: direction not in policyTypes";
}

const key = (r: RuleRef) => `${r.policy}|${r.direction}|${r.ruleIndex}|${r.peerIndex ?? "*"}`;

export function unusedAllowRules(cluster: NetworkCluster, flows: Flow[]): UnusedRule[] {
  const used = new Set<string>();
  for (const flow of flows) {
    const v = evaluateFlow(cluster, flow);
    for (const s of [v.egress, v.ingress]) if (s.status === "allowed") s.by.forEach((r) => used.add(key(r)));
  }
  const unused: UnusedRule[] = [];
  for (const policy of cluster.policies) {
    const id = policyId(policy, cluster);
    const types = effectivePolicyTypes(policy);
    const selectsAny = cluster.pods.some((p) => policySelects(policy, p, cluster));
    for (const direction of ["Ingress", "Egress"] as Direction[]) {
      policyRules(policy, direction).forEach((rule, ruleIndex) => {
        const refs: RuleRef[] =
          rule.peers.length === 0
            ? [{ policy: id, direction, ruleIndex }]
            : rule.peers.map((_, peerIndex) => ({ policy: id, direction, ruleIndex, peerIndex }));
        for (const ref of refs) {
          if (used.has(key(ref))) continue;
          const why: UnusedRule["why"] = !types.includes(direction)
            ? "ignored: direction not in policyTypes"
            : !selectsAny
              ? "the policy selects no pod"
              : "no flow matches it";
          unused.push({ ...ref, why });
        }
      });
    }
  }
  return unused;
}
