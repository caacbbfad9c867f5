/**
 * Least privilege: the allow rules (peer by peer) that none of a set of flows uses. A rule is
 * used by a flow when it matches the flow on its side (egress at the source, ingress at the
 * destination), whether or not the other side allows the flow.
 *
 * An ingress rule is called unused only when every consumer of what it admits is visible in the
 * input. It is not when it admits a port that a selected pod really serves and either the port
 * belongs to a sidecar (a proxy, a reloader: scraped or called by clients the input does not
 * describe), or the peer reaches beyond the pods of the policy's own namespace (no peer, an
 * ipBlock, a namespaceSelector): the API server calling an admission webhook, another operator's
 * objects, or clients in namespaces the input does not hold may be its users.
 */
import { evaluateFlow } from "./evaluate-flow.js";
import type { ClusterPod, ContainerPort, Direction, Flow, NetworkCluster, PolicyPeer, RuleRef } from "./model.js";
import {
  effectivePolicyTypes,
  podsOfNamespace,
  policyId,
  policyNamespace,
  policyRules,
  policySelects,
  type DirectedRule,
} from "./policy-facts.js";
import { portMatches } from "./rule-match.js";

export interface UnusedRule extends RuleRef {
  /** Why nothing uses it. */
  why: "no flow matches it" | "the policy selects no pod" | "ignored: direction not in policyTypes";
}

const key = (r: RuleRef) => `${r.policy}|${r.direction}|${r.ruleIndex}|${r.peerIndex ?? "*"}`;

export function unusedAllowRules(cluster: NetworkCluster, flows: Flow[]): UnusedRule[] {
  const used = new Set<string>();
  for (const flow of flows) {
    const v = evaluateFlow(cluster, flow);
    for (const s of [v.egress, v.ingress]) if (s.status === "allowed") s.by.forEach((r) => used.add(key(r)));
  }
  const unused: UnusedRule[] = [];
  for (const policy of cluster.policies) {
    const id = policyId(policy, cluster);
    const types = effectivePolicyTypes(policy);
    // A policy selects pods of its own namespace only.
    const selected = podsOfNamespace(cluster, policyNamespace(policy, cluster)).filter((p) =>
      policySelects(policy, p, cluster),
    );
    const selectsAny = selected.length > 0;
    for (const direction of ["Ingress", "Egress"] as Direction[]) {
      policyRules(policy, direction).forEach((rule, ruleIndex) => {
        const refs: RuleRef[] =
          rule.peers.length === 0
            ? [{ policy: id, direction, ruleIndex }]
            : rule.peers.map((_, peerIndex) => ({ policy: id, direction, ruleIndex, peerIndex }));
        for (const ref of refs) {
          if (used.has(key(ref))) continue;
          if (direction === "Ingress" && types.includes(direction) && mayHaveUnseenUsers(rule, ref, selected)) continue;
          const why: UnusedRule["why"] = !types.includes(direction)
            ? "ignored: direction not in policyTypes"
            : !selectsAny
              ? "the policy selects no pod"
              : "no flow matches it";
          unused.push({ ...ref, why });
        }
      });
    }
  }
  return unused;
}

/** The container ports of `pods` that an ingress rule admits. */
function admittedPorts(rule: DirectedRule, pods: ClusterPod[]): ContainerPort[] {
  return pods.flatMap((pod) =>
    pod.ports.filter((p) => {
      if (rule.ports.length === 0) return true;
      const flowPort = { number: p.containerPort, ...(p.name ? { name: p.name } : {}), protocol: p.protocol ?? "TCP" };
      return rule.ports.some((rp) => portMatches(rp, flowPort, { kind: "pod", pod }));
    }),
  );
}

/** Does the peer admit only pods of the policy's own namespace (all of which the input shows)? */
const ownNamespaceOnly = (peer: PolicyPeer | undefined): boolean =>
  peer !== undefined && peer.podSelector != null && peer.namespaceSelector == null && peer.ipBlock == null;

function mayHaveUnseenUsers(rule: DirectedRule, ref: RuleRef, selected: ClusterPod[]): boolean {
  const ports = admittedPorts(rule, selected);
  if (ports.length === 0) return false;
  if (ports.some((p) => p.sidecar)) return true;
  const peer = ref.peerIndex === undefined ? undefined : rule.peers[ref.peerIndex];
  return !ownNamespaceOnly(peer);
}
