/**
 * The scheduling framework, reduced to what the simulator needs: Filter plugins that reject a
 * node with a reason, Score plugins that give every feasible node a normalized score 0..100
 * (kube-scheduler's framework.MaxNodeScore), weighted as in the default profile
 * (kubernetes pkg/scheduler/apis/config/v1/default_plugins.go).
 */
import type { ClusterState } from "../cluster-state.js";
import type { SimPod } from "../model.js";

/** kube-scheduler's framework.MaxNodeScore. */
export const MAX_NODE_SCORE = 100;

export interface SchedulingContext {
  readonly pod: SimPod;
  readonly state: ClusterState;
  /** Cached per node: the pod's nodeSelector and required node affinity hold (NodeAffinity filter). */
  matchesNodeAffinity(node: number): boolean;
  /** Cached per node: every NoSchedule/NoExecute taint is tolerated (TaintToleration filter). */
  toleratesTaints(node: number): boolean;
}

/** Returns a rejection reason, or null when the node passes. */
export type NodeFilter = (node: number) => string | null;

export interface FilterPlugin {
  readonly name: string;
  /** PreFilter: compute what the filter needs once per pod. */
  prepare(ctx: SchedulingContext): NodeFilter;
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** PreScore + Score + NormalizeScore: one normalized score (0..100) per feasible node, same order. */
  score(ctx: SchedulingContext, feasible: readonly number[]): Float64Array;
}

/**
 * framework.DefaultNormalizeScore (pkg/scheduler/framework/plugins/helper/normalize_score.go):
 * scale to 0..100 by the maximum; `reverse` turns the scale around; all zero stays zero
 * (or all 100 when reversed).
 */
export function defaultNormalize(raw: Float64Array, reverse: boolean): Float64Array {
  let max = 0;
  for (let i = 0; i < raw.length; i++) if (raw[i]! > max) max = raw[i]!;
  if (max === 0) return reverse ? raw.fill(MAX_NODE_SCORE) : raw;
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const s = (MAX_NODE_SCORE * raw[i]!) / max;
    out[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
  return out;
}
