/** Words for the ends of required flows: the workload a pod stands for, an assumed pod, or the outside place. */
import type { Endpoint } from "../model.js";
import type { FlowContext, RequiredFlow } from "./model.js";
import { outsideLabel } from "./outside-addresses.js";

export function describeEnd(ctx: FlowContext, e: Endpoint, flow?: RequiredFlow): string {
  if (e.kind === "ip") return outsideLabel(e.ip, flow?.outsideHost);
  const g = ctx.groupOfPod.get(e.pod);
  if (g) {
    const shard = g.owner.ref.kind === "Prometheus" && g.shard !== undefined && g.shard > 0 ? ` shard ${g.shard}` : "";
    return `${g.owner.ref.kind} ${g.namespace}/${g.owner.ref.name}${shard}`;
  }
  return `${e.pod.namespace}/${e.pod.name} (assumed)`;
}

/** The destination, saying so when a flow goes from a group to itself (one pod stands for every replica). */
export function describeDestination(ctx: FlowContext, flow: RequiredFlow): string {
  const to = describeEnd(ctx, flow.to, flow);
  return flow.from.kind === "pod" && flow.to.kind === "pod" && flow.from.pod === flow.to.pod
    ? `${to} (another replica)`
    : to;
}

export const describePort = (f: RequiredFlow): string => `${f.protocol ?? "TCP"}/${f.port}`;
