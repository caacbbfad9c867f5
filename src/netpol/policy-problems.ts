/**
 * What the API server would reject in a NetworkPolicy (kubernetes/kubernetes
 * pkg/apis/networking/validation/validation.go, ValidateNetworkPolicyPeer/Port and the
 * NetworkPolicy API reference). The evaluator treats such a peer as matching nothing and an
 * `endPort` on a named port as absent; this list tells the user why.
 */
import { CidrError, cidrWithin, parseCidr } from "./cidr.js";
import type { NetworkCluster, PolicyPeer, PolicyPort } from "./model.js";
import { policyId, policyRules } from "./policy-facts.js";

export interface PolicyProblem {
  policy: string;
  /** e.g. `spec.ingress[0].from[1].ipBlock.except[0]`. */
  path: string;
  message: string;
}

function peerProblems(peer: PolicyPeer, path: string): Array<Omit<PolicyProblem, "policy">> {
  const out: Array<Omit<PolicyProblem, "policy">> = [];
  const selectors = peer.podSelector != null || peer.namespaceSelector != null;
  if (peer.ipBlock != null && selectors)
    out.push({ path, message: "ipBlock cannot be combined with podSelector or namespaceSelector in one peer" });
  if (peer.ipBlock == null && !selectors)
    out.push({ path, message: "a peer must set podSelector, namespaceSelector or ipBlock" });
  if (peer.ipBlock != null) {
    try {
      const cidr = parseCidr(peer.ipBlock.cidr);
      (peer.ipBlock.except ?? []).forEach((e, i) => {
        try {
          if (!cidrWithin(parseCidr(e), cidr))
            out.push({ path: `${path}.ipBlock.except[${i}]`, message: `${e} is not inside ${peer.ipBlock?.cidr}` });
        } catch (err) {
          if (err instanceof CidrError) out.push({ path: `${path}.ipBlock.except[${i}]`, message: err.message });
          else throw err;
        }
      });
    } catch (err) {
      if (err instanceof CidrError) out.push({ path: `${path}.ipBlock.cidr`, message: err.message });
      else throw err;
    }
  }
  return out;
}

function portProblems(port: PolicyPort, path: string): Array<Omit<PolicyProblem, "policy">> {
  if (port.endPort === undefined) return [];
  if (typeof port.port !== "number") return [{ path: `${path}.endPort`, message: "endPort needs a numeric port" }];
  return port.endPort < port.port
    ? [{ path: `${path}.endPort`, message: `endPort ${port.endPort} is below port ${port.port}` }]
    : [];
}

export function policyProblems(cluster: NetworkCluster): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const policy of cluster.policies) {
    const id = policyId(policy, cluster);
    for (const [direction, field, peerField] of [
      ["Ingress", "ingress", "from"],
      ["Egress", "egress", "to"],
    ] as const) {
      policyRules(policy, direction).forEach((rule, i) => {
        rule.peers.forEach((peer, j) =>
          problems.push(
            ...peerProblems(peer, `spec.${field}[${i}].${peerField}[${j}]`).map((p) => ({ policy: id, ...p })),
          ),
        );
        rule.ports.forEach((port, j) =>
          problems.push(...portProblems(port, `spec.${field}[${i}].ports[${j}]`).map((p) => ({ policy: id, ...p }))),
        );
      });
    }
  }
  return problems;
}
