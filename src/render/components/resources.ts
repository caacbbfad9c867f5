import type { IResourceRequirements } from "kubernetes-models/v1";
import type { PodResources } from "../../sizing/size-stack.js";

/**
 * Requests from sizing; a memory limit equal to the request (an OOM kill beats starving the
 * node), and no CPU limit: CFS throttling stalls scrapes and gossip without saving anything
 * the request does not already reserve (kubernetes.io/docs/concepts/configuration/manage-resources-containers/).
 */
export function podResources(r: PodResources): IResourceRequirements {
  return {
    requests: { cpu: r.cpu.toCpuString(), memory: r.memory.toBytesString() },
    limits: { memory: r.memory.toBytesString() },
  };
}
