/** HAMON-SCHED-002. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import { HOSTNAME_LABEL, ZONE_LABELS } from "../../k8s/well-known-labels.js";
import type { Rule, RuleFinding } from "../rule.js";
import { groupTitle, HA_CRITICAL } from "./_helpers.js";
import { allowedNodeValues, selfAntiAffinity } from "./_placement.js";

const TYPICAL_ZONES_PER_REGION = 3;

export const antiAffinityUnsatisfiable: Rule = {
  id: "HAMON-SCHED-002",
  severity: "error",
  title: "Required anti-affinity cannot be satisfied by the nodes allowed",
  what:
    "Required pod anti-affinity over a component's own pods that the nodes it may use cannot satisfy:\n" +
    "- on the zone key, with more replicas than the zones its nodeSelector or required node affinity allows " +
    "(e.g. `topology.kubernetes.io/zone In [a, b]` and 3 replicas);\n" +
    "- on the hostname key, with more replicas than the hosts it is pinned to;\n" +
    "- on the zone key, with more than 3 replicas and no zone list in the manifests: most cloud regions have " +
    "three zones (AWS, GCP and Azure regions with availability zones), so the extra replicas wait Pending unless " +
    "the region has more.\n" +
    "Topology spread constraints are not counted: maxSkew lets several pods share a domain once every domain has " +
    "one.",
  why:
    "A required term that cannot be met leaves the extra pods Pending forever; for a StatefulSet with " +
    "OrderedReady that also stops every later ordinal and blocks rollouts.",
  sources: [
    {
      title: "Kubernetes: inter-pod affinity and anti-affinity",
      url: "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity",
    },
  ],
  severityReason:
    "Error when the manifests prove it (more replicas than allowed zones or hosts). Warning when it depends on " +
    "the region having more than 3 zones.",
  fix: "Use required anti-affinity per host and a ScheduleAnyway spread per zone, or allow as many zones as replicas.",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const g of inv.podGroups) {
      if (!HA_CRITICAL.has(g.component) || g.perNode || g.replicas < 2) continue;
      // Spread constraints are not counted: maxSkew lets several pods share a domain once every domain has one.
      const hard = selfAntiAffinity(g).filter((t) => t.hard);
      const zoneTerm = hard.find((t) => ZONE_LABELS.has(t.topologyKey));
      const hostTerm = hard.find((t) => t.topologyKey === HOSTNAME_LABEL);
      if (zoneTerm) {
        const zones = allowedNodeValues(g, zoneTerm.topologyKey);
        if (zones !== undefined && g.replicas > zones.size) {
          out.push({
            object: g.owner,
            message: `${groupTitle(g)}: ${g.replicas} replicas must each be in a different zone, but its node constraints allow ${zones.size} (${[...zones].join(", ") || "none"}): ${g.replicas - zones.size} stay Pending`,
          });
        } else if (zones === undefined && g.replicas > TYPICAL_ZONES_PER_REGION) {
          out.push({
            object: g.owner,
            severity: "warning",
            message: `${groupTitle(g)}: ${g.replicas} replicas must each be in a different zone: Pending unless the region has ${g.replicas} zones (most have ${TYPICAL_ZONES_PER_REGION})`,
          });
        }
      }
      if (hostTerm) {
        const hosts = allowedNodeValues(g, HOSTNAME_LABEL);
        if (hosts !== undefined && g.replicas > hosts.size) {
          out.push({
            object: g.owner,
            message: `${groupTitle(g)}: ${g.replicas} replicas must each be on a different node, but it is pinned to ${hosts.size} (${[...hosts].join(", ") || "none"}): ${g.replicas - hosts.size} stay Pending`,
          });
        }
      }
    }
    return out;
  },
};
