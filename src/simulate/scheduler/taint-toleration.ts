/**
 * Mirrors kube-scheduler's TaintToleration plugin
 * (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go).
 * Filter: every NoSchedule and NoExecute taint of the node must be tolerated.
 * Score (weight 3): fewer untolerated PreferNoSchedule taints is better (reversed normalization).
 */
import type { IToleration } from "kubernetes-models/v1";
import type { Taint } from "../model.js";
import { defaultNormalize, type FilterPlugin, type ScorePlugin } from "./plugin.js";

/** k8s.io/api/core/v1 toleration.go ToleratesTaint. */
export function toleratesTaint(t: IToleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  // An empty key with operator Exists matches every taint (validation forbids an empty key with Equal).
  if (t.operator === "Exists") return true;
  return (t.value ?? "") === (taint.value ?? "");
}

export function firstUntoleratedTaint(
  tolerations: readonly IToleration[],
  taints: readonly Taint[],
  effects: readonly string[],
): Taint | undefined {
  return taints.find((taint) => effects.includes(taint.effect) && !tolerations.some((t) => toleratesTaint(t, taint)));
}

export const taintTolerationFilter: FilterPlugin = {
  name: "TaintToleration",
  prepare(ctx) {
    const tolerations = ctx.pod.spec.tolerations ?? [];
    return (node) => {
      if (ctx.toleratesTaints(node)) return null;
      const taint = firstUntoleratedTaint(tolerations, ctx.state.nodes[node]!.taints, ["NoSchedule", "NoExecute"])!;
      return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`;
    };
  },
};

export const taintTolerationScore: ScorePlugin = {
  name: "TaintToleration",
  weight: 3,
  score(ctx, feasible) {
    const tolerations = (ctx.pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === "PreferNoSchedule");
    const raw = new Float64Array(feasible.length);
    for (let i = 0; i < feasible.length; i++) {
      let n = 0;
      for (const taint of ctx.state.nodes[feasible[i]!]!.taints) {
        if (taint.effect === "PreferNoSchedule" && !tolerations.some((t) => toleratesTaint(t, taint))) n++;
      }
      raw[i] = n;
    }
    return defaultNormalize(raw, true);
  },
};
