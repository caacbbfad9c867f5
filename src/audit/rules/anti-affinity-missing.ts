/** HAMON-SCHED-001. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Rule, RuleFinding } from "../rule.js";
import { groupTitle, replicatedHaGroups } from "./_helpers.js";
import { selfAntiAffinity, selfSpread, separatesNodes } from "./_placement.js";

export const antiAffinityMissing: Rule = {
  id: "HAMON-SCHED-001",
  severity: "warning",
  title: "Replicas not forced onto different nodes",
  what:
    "An HA-critical component with 2 or more replicas and no hard rule that separates its own pods by node: no " +
    "`requiredDuringSchedulingIgnoredDuringExecution` pod anti-affinity on `kubernetes.io/hostname` (or the " +
    "zone) selecting its own pods, and no `DoNotSchedule` topology spread with maxSkew 1. Reported as missing " +
    "(nothing at all, or a term whose selector does not match the pods themselves) or as only soft (preferred " +
    "anti-affinity, or a ScheduleAnyway spread).",
  why:
    "Two replicas on one node die together. The scheduler's default spreading is only a preference " +
    "(ScheduleAnyway, maxSkew 3 per host), as is preferred anti-affinity: under node pressure or after a node " +
    "loss both replicas can land on one node and stay there.",
  sources: [
    {
      title: "Kubernetes: topology spread, internal default constraints",
      url: "https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/#internal-default-constraints",
    },
    {
      title: "Kubernetes: inter-pod affinity and anti-affinity",
      url: "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity",
    },
  ],
  severityReason:
    "Warning: in the common case the default spreading separates the replicas; HA then rests on luck rather than " +
    "on a rule.",
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
