/**
 * One scheduling cycle for one pod: run every Filter plugin on every live node (first rejection
 * wins, as the framework's RunFilterPlugins), score the feasible nodes with the Score plugins,
 * pick the highest weighted sum.
 *
 * Plugin order and weights are kube-scheduler's default profile
 * (pkg/scheduler/apis/config/v1/default_plugins.go): NodeUnschedulable, NodeName, TaintToleration (3),
 * NodeAffinity (2), NodeResourcesFit (1), VolumeZone, PodTopologySpread (2), InterPodAffinity
 * (2), NodeResourcesBalancedAllocation (1).
 *
 * Tie-break: upstream picks at random among the nodes with the top score
 * (pkg/scheduler/schedule_one.go selectHost); we pick the first by node name, so that a run is
 * reproducible. The worst-case analysis (worst-case.ts) covers what another pick could do.
 * Upstream also stops looking once it has found enough feasible nodes in large clusters
 * (percentageOfNodesToScore); we score every feasible node.
 */
import type { ClusterState } from "../cluster-state.js";
import type { SimPod } from "../model.js";
import { balancedAllocationScore } from "./balanced-allocation.js";
import { interPodAffinityFilter, interPodAffinityScore } from "./inter-pod-affinity.js";
import { matchesRequiredNodeAffinity, nodeAffinityFilter, nodeAffinityScore } from "./node-affinity.js";
import { nodeResourcesFitFilter, nodeResourcesFitScore } from "./node-resources-fit.js";
import { nodeNameFilter } from "./node-name.js";
import { nodeUnschedulable } from "./node-unschedulable.js";
import type { FilterPlugin, SchedulingContext, ScorePlugin } from "./plugin.js";
import { podTopologySpreadFilter, podTopologySpreadScore } from "./pod-topology-spread.js";
import { firstUntoleratedTaint, taintTolerationFilter, taintTolerationScore } from "./taint-toleration.js";
import { volumeZoneFilter } from "./volume-zone.js";

export const FILTER_PLUGINS: readonly FilterPlugin[] = [
  nodeUnschedulable,
  nodeNameFilter,
  taintTolerationFilter,
  nodeAffinityFilter,
  nodeResourcesFitFilter,
  volumeZoneFilter,
  podTopologySpreadFilter,
  interPodAffinityFilter,
];

export const SCORE_PLUGINS: readonly ScorePlugin[] = [
  taintTolerationScore,
  nodeAffinityScore,
  nodeResourcesFitScore,
  podTopologySpreadScore,
  interPodAffinityScore,
  balancedAllocationScore,
];

export interface Rejection {
  node: number;
  plugin: string;
  reason: string;
}

export type ScheduleOutcome = { node: number } | { node: null; rejections: Rejection[] };

export interface ScheduleOptions {
  /** Only these nodes may receive the pod (the others still count for spreading). */
  candidates?: readonly number[];
}

export function schedulingContext(pod: SimPod, state: ClusterState): SchedulingContext {
  const n = state.nodes.length;
  // 0 unknown, 1 yes, 2 no.
  const affinity = new Uint8Array(n);
  const taints = new Uint8Array(n);
  const tolerations = pod.spec.tolerations ?? [];
  return {
    pod,
    state,
    matchesNodeAffinity(node) {
      if (affinity[node] === 0) affinity[node] = matchesRequiredNodeAffinity(pod.spec, state.nodes[node]!) ? 1 : 2;
      return affinity[node] === 1;
    },
    toleratesTaints(node) {
      if (taints[node] === 0)
        taints[node] = firstUntoleratedTaint(tolerations, state.nodes[node]!.taints, ["NoSchedule", "NoExecute"])
          ? 2
          : 1;
      return taints[node] === 1;
    },
  };
}

/** Finds the node for `pod` in `state` without binding it. */
export function schedulePod(pod: SimPod, state: ClusterState, options: ScheduleOptions = {}): ScheduleOutcome {
  const ctx = schedulingContext(pod, state);
  const filters = FILTER_PLUGINS.map((p) => ({ name: p.name, run: p.prepare(ctx) }));
  const feasible: number[] = [];
  // Rejections are only needed when nothing fits: collected in a second pass then.
  // A daemon pod asks for its one node by node affinity (daemon-pods.ts): the only candidate.
  const candidates =
    pod.pinnedNode === undefined
      ? options.candidates
      : (options.candidates ?? [pod.pinnedNode]).filter((n) => n === pod.pinnedNode);
  const visit = (each: (node: number) => void) => {
    if (candidates) for (const node of candidates) each(node);
    else for (let node = 0; node < state.nodes.length; node++) each(node);
  };
  visit((node) => {
    if (state.isDown(node)) return;
    for (const f of filters) if (f.run(node) !== null) return;
    feasible.push(node);
  });
  if (feasible.length === 0) {
    const rejections: Rejection[] = [];
    visit((node) => {
      if (state.isDown(node)) return;
      for (const f of filters) {
        const reason = f.run(node);
        if (reason !== null) {
          rejections.push({ node, plugin: f.name, reason });
          return;
        }
      }
    });
    return { node: null, rejections };
  }
  if (feasible.length === 1) return { node: feasible[0]! };
  const total = new Float64Array(feasible.length);
  for (const plugin of SCORE_PLUGINS) {
    const scores = plugin.score(ctx, feasible);
    for (let i = 0; i < feasible.length; i++) total[i]! += plugin.weight * scores[i]!;
  }
  let best = 0;
  for (let i = 1; i < feasible.length; i++) {
    // Scores are sums of floats: equal within rounding is a tie, and ties go to the lower node index (name order).
    if (
      total[i]! > total[best]! + 1e-9 ||
      (Math.abs(total[i]! - total[best]!) <= 1e-9 && feasible[i]! < feasible[best]!)
    )
      best = i;
  }
  return { node: feasible[best]! };
}

/** Schedules and binds; returns the outcome. */
export function scheduleAndBind(pod: SimPod, state: ClusterState, options: ScheduleOptions = {}): ScheduleOutcome {
  const outcome = schedulePod(pod, state, options);
  if (outcome.node !== null) state.bind(pod, outcome.node);
  return outcome;
}
