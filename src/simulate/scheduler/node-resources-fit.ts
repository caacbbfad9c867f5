/**
 * Mirrors kube-scheduler's NodeResourcesFit plugin
 * (pkg/scheduler/framework/plugins/noderesources/fit.go, least_allocated.go).
 * Filter: the pod's requests plus the requests of the pods already on the node fit in the
 * node's allocatable cpu, memory and pod count. Score (weight 1, the default LeastAllocated
 * strategy): the mean over cpu and memory of (allocatable − requested) / allocatable.
 *
 * For this score only, a pod without a cpu or memory request counts as 100m / 200Mi, on the node
 * and for the incoming pod (pkg/scheduler/util/pod_resources.go DefaultMilliCPURequest,
 * DefaultMemoryRequest; NodeInfo.NonZeroRequested).
 */
import { nonZeroRequests } from "../non-zero-requests.js";
import { MAX_NODE_SCORE, type FilterPlugin, type ScorePlugin } from "./plugin.js";

// Requests are sums of parsed decimals; compare with a little slack so that 3 × 0.1 fits in 0.3.
const EPSILON = 1e-9;

export const nodeResourcesFitFilter: FilterPlugin = {
  name: "NodeResourcesFit",
  prepare(ctx) {
    const req = ctx.pod.requests;
    return (node) => {
      const a = ctx.state.nodes[node]!.allocatable;
      const u = ctx.state.usageOf(node);
      if (u.pods + 1 > a.pods) return "Too many pods";
      if (req.cpu > 0 && u.cpu + req.cpu > a.cpu * (1 + EPSILON) + EPSILON) return "Insufficient cpu";
      if (req.memory > 0 && u.memory + req.memory > a.memory * (1 + EPSILON) + EPSILON) return "Insufficient memory";
      return null;
    };
  },
};

function leastAllocated(requested: number, allocatable: number): number {
  if (allocatable <= 0 || requested > allocatable) return 0;
  return ((allocatable - requested) * MAX_NODE_SCORE) / allocatable;
}

export const nodeResourcesFitScore: ScorePlugin = {
  name: "NodeResourcesFit",
  weight: 1,
  score(ctx, feasible) {
    const req = nonZeroRequests(ctx.pod.requests);
    const out = new Float64Array(feasible.length);
    feasible.forEach((node, i) => {
      const a = ctx.state.nodes[node]!.allocatable;
      const u = ctx.state.usageOf(node);
      out[i] =
        (leastAllocated(u.nonZeroCpu + req.cpu, a.cpu) + leastAllocated(u.nonZeroMemory + req.memory, a.memory)) / 2;
    });
    return out;
  },
};
