/**
 * HAMON-PDB-001 — a replicated HA component has no PodDisruptionBudget.
 *
 * What: an HA-critical group with 2+ replicas that no PDB in the input selects (CloudNativePG
 * clusters excluded: the operator creates their PDBs).
 *
 * Why: without a PDB the eviction API lets any number of the replicas go at once: the cluster
 * autoscaler scaling down, a node-pool upgrade draining several nodes in parallel, or
 * `kubectl drain` on two nodes can take every replica together
 * (kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets).
 *
 * Severity warning: with replicas on different nodes, one drain at a time keeps HA; it takes
 * parallel disruption to lose all, which the PDB would have refused.
 */
import type { Rule, RuleFinding } from "../rule.js";
import { groupTitle, replicatedHaGroups } from "./_helpers.js";

export const pdbMissing: Rule = {
  id: "HAMON-PDB-001",
  severity: "warning",
  title: "Replicated HA component without a PodDisruptionBudget",
  rationale:
    "Without a PDB, voluntary disruptions (drains, autoscaler scale-down, node upgrades) may evict every replica at once " +
    "(kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets). Warning: one drain at a time still keeps a replica.",
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
