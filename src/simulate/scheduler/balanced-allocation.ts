/**
 * Mirrors kube-scheduler's NodeResourcesBalancedAllocation score (weight 1)
 * (pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go): prefers nodes whose cpu
 * and memory would be used in the same proportion: (1 − standard deviation of the two
 * fractions) × 100, fractions capped at 1. Unlike LeastAllocated it reads the actual requests
 * (resourceAllocationScorer.useRequested).
 */
import { MAX_NODE_SCORE, type ScorePlugin } from "./plugin.js";

export const balancedAllocationScore: ScorePlugin = {
  name: "NodeResourcesBalancedAllocation",
  weight: 1,
  score(ctx, feasible) {
    const req = ctx.pod.requests;
    const out = new Float64Array(feasible.length);
    feasible.forEach((node, i) => {
      const a = ctx.state.nodes[node]!.allocatable;
      const u = ctx.state.usageOf(node);
      const cpu = a.cpu > 0 ? Math.min(1, (u.cpu + req.cpu) / a.cpu) : 1;
      const mem = a.memory > 0 ? Math.min(1, (u.memory + req.memory) / a.memory) : 1;
      // With two resources the standard deviation is half their difference.
      const std = Math.abs(cpu - mem) / 2;
      out[i] = (1 - std) * MAX_NODE_SCORE;
    });
    return out;
  },
};
