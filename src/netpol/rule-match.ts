/**
 * Does one NetworkPolicy peer, or one NetworkPolicyPort, match one flow?
 * Semantics from kubernetes.io/docs/concepts/services-networking/network-policies/ ("Behavior of
 * to and from selectors") and the NetworkPolicyPeer / NetworkPolicyPort API reference.
 */
import { cidrContains, parseCidr, parseIp, type Cidr } from "./cidr.js";
import { selectorMatches } from "../k8s/label-selector.js";
import type { ClusterPod, Endpoint, NetworkCluster, PolicyPeer, PolicyPort, Protocol } from "./model.js";
import { namespaceLabels } from "./policy-facts.js";

/** The port a flow uses, known by number, by name, or both (when the destination pod names it). */
export interface FlowPort {
  number?: number;
  name?: string;
  protocol: Protocol;
}

const containerPorts = (pod: ClusterPod, protocol: Protocol) =>
  pod.ports.filter((p) => (p.protocol ?? "TCP") === protocol);

/**
 * Resolves a flow's port against the destination: a name must be one of the destination pod's
 * container ports; a number picks up the destination's name for it, so named policy ports match.
 */
export function resolveFlowPort(port: number | string, protocol: Protocol, to: Endpoint): FlowPort {
  const ports = to.kind === "pod" ? containerPorts(to.pod, protocol) : [];
  if (typeof port === "number") {
    const named = ports.find((p) => p.containerPort === port && p.name);
    return { number: port, ...(named?.name ? { name: named.name } : {}), protocol };
  }
  const found = ports.find((p) => p.name === port);
  return { ...(found ? { number: found.containerPort } : {}), name: port, protocol };
}

/**
 * A NetworkPolicyPort matches when the protocol (default TCP) is the flow's and the port is unset
 * (all ports), equal to the number, in [port, endPort], or a name that the destination pod gives
 * to the flow's port. Named ports resolve against the destination pod for ingress and egress
 * alike; an address outside the cluster has no named ports, so a named egress port never matches it.
 */
export function portMatches(policyPort: PolicyPort, flowPort: FlowPort, to: Endpoint): boolean {
  if ((policyPort.protocol ?? "TCP") !== flowPort.protocol) return false;
  const port = policyPort.port;
  if (port === undefined || port === null) return true;
  if (typeof port === "number") {
    if (flowPort.number === undefined) return false;
    const end = policyPort.endPort ?? port;
    return flowPort.number >= port && flowPort.number <= end;
  }
  if (to.kind !== "pod") return false;
  const named = containerPorts(to.pod, flowPort.protocol).find((p) => p.name === port);
  if (!named) return false;
  return flowPort.number !== undefined ? named.containerPort === flowPort.number : flowPort.name === port;
}

function parsedCidr(text: string): Cidr | undefined {
  try {
    return parseCidr(text);
  } catch {
    return undefined;
  }
}

/**
 * A peer selects pods (podSelector and/or namespaceSelector) or addresses (ipBlock), never both
 * (the API server rejects a peer with ipBlock and a selector, and an empty peer).
 * - podSelector alone: pods of the policy's own namespace;
 * - namespaceSelector alone: every pod of the selected namespaces (`{}`: all namespaces);
 * - both in one peer: pods matching podSelector in namespaces matching namespaceSelector (AND);
 * - ipBlock: addresses in `cidr` and in none of `except`. Pod addresses are not matched by
 *   ipBlock here: upstream leaves it to the implementation whether pod-to-pod traffic is seen
 *   with pod IPs that an ipBlock could match ("ipBlock … should be cluster-external IPs").
 */
export function peerMatches(
  peer: PolicyPeer,
  policyNs: string,
  other: Endpoint,
  cluster: Pick<NetworkCluster, "namespaces">,
): boolean {
  const hasSelector = peer.podSelector != null || peer.namespaceSelector != null;
  if (peer.ipBlock != null) {
    if (hasSelector || other.kind !== "ip") return false;
    const cidr = parsedCidr(peer.ipBlock.cidr);
    if (!cidr) return false;
    const ip = parseIp(other.ip);
    if (!cidrContains(cidr, ip)) return false;
    return !(peer.ipBlock.except ?? []).some((e) => {
      const except = parsedCidr(e);
      return except !== undefined && cidrContains(except, ip);
    });
  }
  if (!hasSelector || other.kind !== "pod") return false;
  const pod = other.pod;
  const inNamespace =
    peer.namespaceSelector != null
      ? selectorMatches(peer.namespaceSelector, namespaceLabels(cluster, pod.namespace))
      : pod.namespace === policyNs;
  return inNamespace && (peer.podSelector == null || selectorMatches(peer.podSelector, pod.labels));
}
