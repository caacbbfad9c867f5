/** HAMON-PDB-002. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { PodDisruptionBudgetInfo } from "../../inventory/model.js";
import type { Rule, RuleFinding } from "../rule.js";

function percent(v: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(v);
  return m ? Number(m[1]) : undefined;
}

const asInt = (v: number | string | undefined): number | undefined =>
  typeof v === "number" ? v : typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined;

export function blocksAllEvictions(p: PodDisruptionBudgetInfo, selectedPods: number | undefined): string | undefined {
  if (p.maxUnavailable !== undefined) {
    const n = asInt(p.maxUnavailable);
    const pc = typeof p.maxUnavailable === "string" ? percent(p.maxUnavailable) : undefined;
    if (n === 0 || pc === 0) return `maxUnavailable: ${p.maxUnavailable}`;
    return undefined;
  }
  if (p.minAvailable !== undefined) {
    const pc = typeof p.minAvailable === "string" ? percent(p.minAvailable) : undefined;
    if (pc !== undefined && pc >= 100) return `minAvailable: ${p.minAvailable}`;
    // The disruption controller rounds a percentage up (k8s.io/kubernetes pkg/controller/disruption,
    // GetScaledValueFromIntOrPercent(…, true)): 50% of 1 pod is 1 pod.
    if (
      pc !== undefined &&
      selectedPods !== undefined &&
      selectedPods > 0 &&
      Math.ceil((pc * selectedPods) / 100) >= selectedPods
    )
      return `minAvailable: ${p.minAvailable} of ${selectedPods} pod${selectedPods === 1 ? "" : "s"}, rounded up to all of them`;
    const n = asInt(p.minAvailable);
    if (n !== undefined && selectedPods !== undefined && selectedPods > 0 && n >= selectedPods)
      return `minAvailable: ${n} over ${selectedPods} pod${selectedPods === 1 ? "" : "s"}`;
  }
  return undefined;
}

export const pdbBlocksEviction: Rule = {
  id: "HAMON-PDB-002",
  severity: "error",
  title: "PodDisruptionBudget allows no eviction",
  what:
    "A PodDisruptionBudget with `maxUnavailable: 0` or `0%`, `minAvailable: 100%`, or a `minAvailable` at least " +
    "the number of pods it selects (e.g. `minAvailable: 1` over a single replica, or `50%` of one pod, which the " +
    "disruption controller rounds up to one). When the number of pods selected is unknown (DaemonSet pods, whose " +
    "count depends on the nodes), only `maxUnavailable: 0` or `0%` and `minAvailable: 100%` are judged.",
  why:
    '"If you set maxUnavailable to 0% or 0, or you set minAvailable to 100% or the number of replicas, you are ' +
    'requiring zero voluntary evictions": `kubectl drain` then waits forever, and node upgrades stall or are ' +
    "forced.",
  sources: [
    {
      title: "Kubernetes: specifying a disruption budget",
      url: "https://kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions",
    },
    {
      title: "Kubernetes pkg/controller/disruption (percentages rounded up)",
      url: "https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/disruption/disruption.go",
    },
  ],
  severityReason:
    "Error: it blocks every node maintenance until someone deletes it, which is how the protection ends up " +
    "removed at the worst moment.",
  fix: "Use maxUnavailable: 1 (and run at least 2 replicas).",
  check(inv) {
    const groups = new Map(inv.podGroups.map((g) => [g.id, g]));
    const out: RuleFinding[] = [];
    for (const p of inv.pdbs) {
      const selected = p.selects.map((id) => groups.get(id)).filter((g) => g !== undefined);
      // DaemonSet pod counts depend on nodes: no numeric verdict then.
      const pods =
        selected.length === 0 || selected.some((g) => g.perNode)
          ? undefined
          : selected.reduce((n, g) => n + g.replicas, 0);
      const why = blocksAllEvictions(p, pods);
      if (why)
        out.push({
          object: p.object,
          message: `PodDisruptionBudget ${p.namespace}/${p.object.ref.name} has ${why}: no pod it selects can ever be evicted, so drains block`,
        });
    }
    return out;
  },
};
