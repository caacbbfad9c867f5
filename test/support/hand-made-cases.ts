/**
 * Helpers of the hand-made scheduling cases (src/simulate/**: each expected placement worked out
 * by hand from kube-scheduler's semantics, then compared with what simulate() does): reading a
 * SimulationResult, and the anti-affinity term the cases share.
 */
import type { SimulationResult } from "../../src/simulate/model.js";

export const HOST = "kubernetes.io/hostname";
export const ZONE = "topology.kubernetes.io/zone";

/** Pod name → node name, null for a Pending pod. */
export const placedOn = (r: SimulationResult) => Object.fromEntries(r.placement.map((p) => [p.pod, p.node]));

const scenario = (r: SimulationResult, id: string) => {
  const s = r.scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
};

/** A component's status in scenario `id`. */
export const status = (r: SimulationResult, id: string, component: string) => {
  const c = scenario(r, id).components.find((x) => x.component === component);
  if (!c) throw new Error(`no ${component} in ${id}`);
  return c;
};

/** Required anti-affinity on the hostname: no two pods matching `labels` on one node. */
export const hostAnti = (labels: Record<string, string>) => ({
  podAntiAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: HOST, labelSelector: { matchLabels: labels } }],
  },
});
