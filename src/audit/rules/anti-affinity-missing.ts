/**
 * HAMON-SCHED-001 — replicas are not kept on different nodes.
 *
 * What: an HA-critical group with 2+ replicas and no hard rule that separates its own pods by
 * node: no `requiredDuringScheduling` pod anti-affinity on `kubernetes.io/hostname` (or the zone)
 * selecting its own pods, and no `DoNotSchedule` topology spread with maxSkew 1. Reported as
 * "missing" (nothing at all, or a term whose selector does not match the pods themselves) or
 * "only soft" (preferred anti-affinity / ScheduleAnyway spread).
 *
 * Why: two replicas on one node die together. The scheduler's default spreading is only a
 * preference (kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/#internal-default-constraints:
 * ScheduleAnyway, maxSkew 3 per host), as is preferred anti-affinity
 * (kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity):
 * under node pressure or after a node loss both replicas can land together and stay there.
 *
 * Severity warning: in the common case the default spreading separates them; HA then rests on
 * luck rather than on a rule.
 */
import type { Rule, RuleFinding } from "../rule.js";
import { groupTitle, replicatedHaGroups } from "./_helpers.js";
import { selfAntiAffinity, selfSpread, separatesNodes } from "./_placement.js";

export const antiAffinityMissing: Rule = {
  id: "HAMON-SCHED-001",
  severity: "warning",
  title: "Replicas not forced onto different nodes (anti-affinity missing or only soft)",
  rationale:
    "Only required pod anti-affinity (or DoNotSchedule spread) guarantees replicas on different nodes; default spreading and preferred anti-affinity are " +
    "preferences (kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/#internal-default-constraints, " +
    "kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity). Warning: usually spread, not guaranteed.",
  fix: "Add requiredDuringSchedulingIgnoredDuringExecution pod anti-affinity on kubernetes.io/hostname selecting these pods, plus a ScheduleAnyway zone spread.",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const g of replicatedHaGroups(inv)) {
      const terms = [...selfAntiAffinity(g), ...selfSpread(g)].filter(separatesNodes);
      if (terms.some((t) => t.hard)) continue;
      out.push({
        object: g.owner,
        message:
          terms.length > 0
            ? `${groupTitle(g)}: ${g.replicas} replicas are kept apart only by a preference (${terms.map((t) => t.topologyKey).join(", ")}): two can share a node and fail together`
            : `${groupTitle(g)}: ${g.replicas} replicas have no pod anti-affinity that selects their own pods: two can share a node and fail together`,
      });
    }
    return out;
  },
};
