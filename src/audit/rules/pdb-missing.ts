/** HAMON-PDB-001. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Rule, RuleFinding } from "../rule.js";
import { groupTitle, replicatedHaGroups } from "./_helpers.js";

export const pdbMissing: Rule = {
  id: "HAMON-PDB-001",
  severity: "warning",
  title: "Replicated HA component without a PodDisruptionBudget",
  what:
    "An HA-critical component with 2 or more replicas that no PodDisruptionBudget in the input selects. " +
    "CloudNativePG clusters are excluded unless `enablePDB: false`: the operator creates their PDBs.",
  why:
    "Without a PDB the eviction API lets any number of the replicas go at once: the cluster autoscaler scaling " +
    "down, a node-pool upgrade draining several nodes in parallel, or `kubectl drain` on two nodes can take " +
    "every replica together.",
  sources: [
    {
      title: "Kubernetes: pod disruption budgets",
      url: "https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets",
    },
    {
      title: "CloudNativePG: pod disruption budgets",
      url: "https://cloudnative-pg.io/documentation/current/kubernetes_upgrade/#pod-disruption-budgets",
    },
  ],
  severityReason:
    "Warning: with replicas on different nodes, one drain at a time keeps HA; it takes parallel disruption to " +
    "lose them all, which the PDB would have refused.",
  fix: "Add a PodDisruptionBudget with maxUnavailable: 1 selecting exactly these pods (one per shard for sharded components).",
  check(inv) {
    const selected = new Set(inv.pdbs.flatMap((p) => p.selects));
    const out: RuleFinding[] = [];
    for (const g of replicatedHaGroups(inv)) {
      if (g.operatorManagedPdb || selected.has(g.id)) continue;
      out.push({
        object: g.owner,
        message: `${groupTitle(g)} runs ${g.replicas} replicas and no PodDisruptionBudget selects them: a parallel drain can evict them all`,
      });
    }
    return out;
  },
};
