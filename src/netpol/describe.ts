/** Words for endpoints, ports and rules in verdicts and findings. */
import type { Endpoint, Flow, RuleRef, SideVerdict } from "./model.js";
import type { FlowPort } from "./rule-match.js";

export function describeEndpoint(e: Endpoint): string {
  return e.kind === "pod" ? `pod ${e.pod.namespace}/${e.pod.name}` : `address ${e.ip}`;
}

export function describeFlowPort(p: FlowPort): string {
  const n = p.number !== undefined ? String(p.number) : "?";
  return p.name ? `${p.protocol}/${n} (${p.name})` : `${p.protocol}/${n}`;
}

export function describeFlow(flow: Flow): string {
  return `${describeEndpoint(flow.from)} → ${describeEndpoint(flow.to)} ${flow.protocol ?? "TCP"}/${flow.port}`;
}

export function describeRule(r: RuleRef): string {
  const peer = r.peerIndex === undefined ? "" : `.${r.direction === "Ingress" ? "from" : "to"}[${r.peerIndex}]`;
  return `${r.policy} ${r.direction === "Ingress" ? "ingress" : "egress"}[${r.ruleIndex}]${peer}`;
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
