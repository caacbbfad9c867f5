/**
 * The requests kube-scheduler's scoring counts for a pod: a pod without a cpu or memory request
 * counts as 100m / 200Mi, on the node and for the incoming pod (pkg/scheduler/util/pod_resources.go
 * DefaultMilliCPURequest, DefaultMemoryRequest; NodeInfo.NonZeroRequested). The cluster state keeps
 * these sums per node; the NodeResourcesFit and BalancedAllocation scores read them.
 */
import type { Resources } from "./model.js";

export const DEFAULT_SCORING_CPU = 0.1;
export const DEFAULT_SCORING_MEMORY = 200 * 2 ** 20;

export function nonZeroRequests(r: Resources): Resources {
  return { cpu: r.cpu > 0 ? r.cpu : DEFAULT_SCORING_CPU, memory: r.memory > 0 ? r.memory : DEFAULT_SCORING_MEMORY };
}
