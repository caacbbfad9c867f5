/**
 * Is a flow allowed by the NetworkPolicies of a cluster? Kubernetes semantics
 * (kubernetes.io/docs/concepts/services-networking/network-policies/):
 * - a pod is isolated for ingress (egress) only when some policy in its namespace selects it and
 *   has Ingress (Egress) among its effective policyTypes; a pod that is not isolated allows all;
 * - an isolated pod allows what at least one rule of those policies allows: rules are ORed,
 *   across rules and across policies, and policies never deny;
 * - "For a connection from a source pod to a destination pod to be allowed, both the egress
 *   policy on the source pod and the ingress policy on the destination pod need to allow the
 *   connection": each side is checked when the pod there is in the cluster; an address outside
 *   the cluster has no policies.
 * Rules of a direction that is not among a policy's policyTypes are ignored.
 */
import { describeEndpoint, describeFlowPort, describeRule } from "./describe.js";
import type {
  ClusterPod,
  Direction,
  Endpoint,
  Flow,
  FlowVerdict,
  NetworkCluster,
  RuleRef,
  SideVerdict,
} from "./model.js";
import {
  effectivePolicyTypes,
  policiesOfNamespace,
  policyId,
  policyNamespace,
  policyRules,
  policySelects,
} from "./policy-facts.js";
import { peerMatches, portMatches, resolveFlowPort, type FlowPort } from "./rule-match.js";
import { flowDoubts } from "./uncertainty.js";

/**
 * The rules (peer by peer) of the policies that select `pod` for `direction` that match traffic
 * with `other` on `port` towards `to`. `isolatedBy` empty: the pod is not isolated.
 */
export function matchingRules(
  cluster: NetworkCluster,
  direction: Direction,
  pod: ClusterPod,
  other: Endpoint,
  port: FlowPort,
  to: Endpoint,
): { isolatedBy: string[]; by: RuleRef[] } {
  const isolatedBy: string[] = [];
  const by: RuleRef[] = [];
  for (const policy of policiesOfNamespace(cluster, pod.namespace)) {
    if (!policySelects(policy, pod, cluster) || !effectivePolicyTypes(policy).includes(direction)) continue;
    const id = policyId(policy, cluster);
    isolatedBy.push(id);
    const ns = policyNamespace(policy, cluster);
    policyRules(policy, direction).forEach((rule, ruleIndex) => {
      if (rule.ports.length > 0 && !rule.ports.some((p) => portMatches(p, port, to))) return;
      if (rule.peers.length === 0) {
        by.push({ policy: id, direction, ruleIndex });
        return;
      }
      rule.peers.forEach((peer, peerIndex) => {
        if (peerMatches(peer, ns, other, cluster)) by.push({ policy: id, direction, ruleIndex, peerIndex });
      });
    });
  }
  return { isolatedBy, by };
}

function side(
  cluster: NetworkCluster,
  direction: Direction,
  self: Endpoint,
  other: Endpoint,
  port: FlowPort,
  to: Endpoint,
): SideVerdict {
  if (self.kind !== "pod") return { status: "external" };
  const { isolatedBy, by } = matchingRules(cluster, direction, self.pod, other, port, to);
  if (isolatedBy.length === 0) return { status: "not-isolated" };
  if (by.length > 0) return { status: "allowed", isolatedBy, by };
  const reason =
    direction === "Ingress"
      ? `no policy selecting destination ${describeEndpoint(self)} allows ingress from ${describeEndpoint(other)} on ${describeFlowPort(port)}`
      : `no policy selecting source ${describeEndpoint(self)} allows egress to ${describeEndpoint(other)} on ${describeFlowPort(port)}`;
  return {
    status: "blocked",
    isolatedBy,
    reason: `${reason} (isolated for ${direction.toLowerCase()} by ${isolatedBy.join(", ")})`,
  };
}

function sideSummary(name: string, v: SideVerdict): string {
  switch (v.status) {
    case "external":
      return `${name}: outside the cluster`;
    case "not-isolated":
      return `${name}: not isolated`;
    case "allowed":
      return `${name}: allowed by ${v.by.map(describeRule).join(", ")}`;
    case "blocked":
      return `${name}: blocked: ${v.reason}`;
  }
}

/**
 * Verdicts by (source, destination, port, protocol), per cluster: many required flows (every
 * Prometheus scraping every target of a shared monitor, the same flow for several reasons) share
 * their ends and port, and the verdict depends on nothing else.
 */
const verdicts = new WeakMap<NetworkCluster, Map<string, Omit<FlowVerdict, "flow">>>();
const endpointKey = (e: Endpoint): string => (e.kind === "pod" ? `pod|${e.pod.namespace}|${e.pod.name}` : `ip|${e.ip}`);

export function evaluateFlow(cluster: NetworkCluster, flow: Flow): FlowVerdict {
  let cache = verdicts.get(cluster);
  if (!cache) verdicts.set(cluster, (cache = new Map()));
  const key = `${endpointKey(flow.from)}>${endpointKey(flow.to)}>${flow.protocol ?? "TCP"}/${flow.port}`;
  let verdict = cache.get(key);
  if (!verdict) {
    const { flow: _evaluated, ...rest } = evaluateFlowOnce(cluster, flow);
    cache.set(key, (verdict = rest));
  }
  return { flow, ...verdict };
}

function evaluateFlowOnce(cluster: NetworkCluster, flow: Flow): FlowVerdict {
  const protocol = flow.protocol ?? "TCP";
  const port = resolveFlowPort(flow.port, protocol, flow.to);
  const egress = side(cluster, "Egress", flow.from, flow.to, port, flow.to);
  const ingress = side(cluster, "Ingress", flow.to, flow.from, port, flow.to);
  const problem =
    typeof flow.port === "string" && port.number === undefined
      ? `${describeEndpoint(flow.to)} has no ${protocol} container port named "${flow.port}"`
      : undefined;
  const allowed = problem === undefined && egress.status !== "blocked" && ingress.status !== "blocked";
  const blocked = [egress, ingress].filter(
    (s): s is Extract<SideVerdict, { status: "blocked" }> => s.status === "blocked",
  );
  const summary = problem
    ? problem
    : allowed
      ? `allowed (${sideSummary("egress", egress)}; ${sideSummary("ingress", ingress)})`
      : blocked.map((b) => b.reason).join("; ");
  const uncertain = flowDoubts(cluster, flow.from, flow.to, port, {
    egress: egress.status === "blocked",
    ingress: ingress.status === "blocked",
  });
  return { flow, allowed, egress, ingress, ...(problem ? { problem } : {}), summary, uncertain };
}
