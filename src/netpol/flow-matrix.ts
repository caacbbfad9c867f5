/**
 * The flow matrix that `hamon audit --flows` prints: one row per flow, with the policies that
 * allow it on each side or the reason it is blocked. Pure: the CLI only formats the rows.
 */
import { describeEndpoint, describeRule } from "./describe.js";
import { evaluateFlow } from "./evaluate-flow.js";
import type { Flow, NetworkCluster, SideVerdict } from "./model.js";

export interface FlowMatrixRow {
  from: string;
  to: string;
  /** e.g. `TCP/9093`, `UDP/9094`, `TCP/web`. */
  port: string;
  allowed: boolean;
  /** Who lets it out of the source: rule references, `not isolated`, or `outside the cluster`. */
  egress: string;
  /** Who lets it into the destination. */
  ingress: string;
  /** When blocked: why (both sides' reasons, or the port problem). */
  reason?: string;
}

/** One side of a verdict in words, as the flow matrices print it. */
export function sideText(v: SideVerdict): string {
  switch (v.status) {
    case "external":
      return "outside the cluster";
    case "not-isolated":
      return "not isolated";
    case "allowed":
      return v.by.map(describeRule).join(", ");
    case "blocked":
      return "BLOCKED";
  }
}

export function flowMatrix(cluster: NetworkCluster, flows: Flow[]): FlowMatrixRow[] {
  return flows.map((flow) => {
    const v = evaluateFlow(cluster, flow);
    return {
      from: describeEndpoint(flow.from),
      to: describeEndpoint(flow.to),
      port: `${flow.protocol ?? "TCP"}/${flow.port}`,
      allowed: v.allowed,
      egress: sideText(v.egress),
      ingress: sideText(v.ingress),
      ...(v.allowed ? {} : { reason: v.summary }),
    };
  });
}
