/** HAMON-SCHED-004. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Rule, RuleFinding } from "../rule.js";
import { ZONE_LABELS } from "../../k8s/well-known-labels.js";
import { groupTitle, replicatedHaGroups } from "./_helpers.js";
import { selfAntiAffinity, selfSpread } from "./_placement.js";

export const zoneSpreadMissing: Rule = {
  id: "HAMON-SCHED-004",
  severity: "warning",
  title: "Replicas not spread over zones",
  what:
    "An HA-critical component with 2 or more replicas and nothing about zones among the rules that place its " +
    "own pods: no topology spread constraint and no pod anti-affinity term (required or preferred) on " +
    "`topology.kubernetes.io/zone` (or the legacy `failure-domain.beta.kubernetes.io/zone`) selecting its pods.",
  why:
    "A zone outage takes every node in it. Anti-affinity on `kubernetes.io/hostname` keeps replicas on " +
    "different nodes, not different zones: all of them can run in one zone and fail together. The " +
    "scheduler's built-in default spreading is a soft preference applied only when a pod names no constraint " +
    "of its own, and cluster operators can turn it off; a zone spread in the pod spec states the intent.",
  sources: [
    {
      title: "Kubernetes: pod topology spread constraints",
      url: "https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/",
    },
    {
      title: "Kubernetes: running in multiple zones",
      url: "https://kubernetes.io/docs/setup/best-practices/multiple-zones/",
    },
    {
      title: "Kubernetes: well-known labels, topology.kubernetes.io/zone",
      url: "https://kubernetes.io/docs/reference/labels-annotations-taints/#topologykubernetesiozone",
    },
  ],
  severityReason:
    "Warning: a zone outage is rarer than a node loss, and in a single-zone cluster nothing can be done; but in " +
    "a multi-zone cluster the component's HA rests on where the scheduler happened to put the pods.",
  fix: "Add a topologySpreadConstraint on topology.kubernetes.io/zone selecting these pods (maxSkew: 1; ScheduleAnyway to prefer, DoNotSchedule to require).",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const g of replicatedHaGroups(inv)) {
      if ([...selfAntiAffinity(g), ...selfSpread(g)].some((t) => ZONE_LABELS.has(t.topologyKey))) continue;
      out.push({
        object: g.owner,
        message: `${groupTitle(g)}: ${g.replicas} replicas have no zone spread or zone anti-affinity, hard or soft: all can run in one zone and fail with it`,
      });
    }
    return out;
  },
};
