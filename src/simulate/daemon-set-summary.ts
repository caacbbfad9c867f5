/** The DaemonSets of a simulation, one line each: how many of their eligible nodes run their pod. */
import type { SimComponent, SimulationResult } from "./model.js";

export interface DaemonSetSummary {
  /** `namespace/name`. */
  name: string;
  component: SimComponent;
  /** Nodes its controller makes a pod for. */
  eligible: number;
  /** Of those, the nodes where the pod fits. */
  placed: number;
}

export function daemonSetSummaries(result: SimulationResult): DaemonSetSummary[] {
  const byGroup = new Map<string, DaemonSetSummary>();
  for (const p of result.placement) {
    if (!p.perNode) continue;
    // Group ids are `namespace/Kind/name`.
    const [namespace, , name] = p.group.split("/");
    const d = byGroup.get(p.group) ?? { name: `${namespace}/${name}`, component: p.component, eligible: 0, placed: 0 };
    d.eligible++;
    if (p.node !== null) d.placed++;
    byGroup.set(p.group, d);
  }
  return [...byGroup.values()];
}

/** "on every eligible node (6)", "on 5 of 6 eligible nodes". */
export function daemonSetCoverage(d: DaemonSetSummary): string {
  return d.placed === d.eligible
    ? `on every eligible node (${d.eligible})`
    : `on ${d.placed} of ${d.eligible} eligible nodes`;
}
