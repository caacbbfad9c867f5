/**
 * What a NetworkPolicy verdict cannot know from the input, in words:
 * - a hostNetwork pod on either end: "NetworkPolicy behaviour for hostNetwork pods is undefined"
 *   — the plugin may apply policies to it like any pod, or ignore it when matching podSelector and
 *   namespaceSelector and treat its traffic as the node IP's
 *   (kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-and-hostnetwork-pods);
 *   most CNIs (Calico, Cilium without host firewall, kube-router) do not isolate such pods;
 * - a peer whose namespaceSelector decides the match against a namespace the input has no
 *   Namespace object for: its labels (other than `kubernetes.io/metadata.name`) are unknown, so
 *   the evaluator assumes it has none.
 */
import { selectorMatches, type SelectorLike } from "../k8s/label-selector.js";
import { NAMESPACE_NAME_LABEL } from "../k8s/well-known-labels.js";
import type { Direction, Endpoint, NetworkCluster } from "./model.js";
import {
  clusterNamespace,
  effectivePolicyTypes,
  namespaceLabels,
  policiesOfNamespace,
  policyId,
  policyRules,
  policySelects,
} from "./policy-facts.js";
import { portMatches, type FlowPort } from "./rule-match.js";

function hostNetworkDoubt(e: Endpoint, end: "source" | "destination"): string[] {
  if (e.kind !== "pod" || !e.pod.hostNetwork) return [];
  return [
    `the ${end} uses the host network, where Kubernetes leaves NetworkPolicy behaviour undefined (most network plugins neither isolate such a pod nor match it by podSelector)`,
  ];
}

/** Does the selector read any namespace label besides the name the API server always sets? */
function readsOtherLabels(selector: SelectorLike): boolean {
  return (
    Object.keys(selector.matchLabels ?? {}).some((k) => k !== NAMESPACE_NAME_LABEL) ||
    (selector.matchExpressions ?? []).some((e) => e.key !== NAMESPACE_NAME_LABEL)
  );
}

function describeNamespaceSelector(sel: SelectorLike): string {
  const labels = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  const expressions = (sel.matchExpressions ?? []).map((e) =>
    `${e.key} ${e.operator} ${(e.values ?? []).join(",")}`.trim(),
  );
  return [...labels, ...expressions].join(", ");
}

/**
 * Peers of the policies isolating `self` that would match `other` but for a namespaceSelector
 * over a namespace whose labels the input does not show.
 */
function unknownNamespaceDoubt(
  cluster: NetworkCluster,
  direction: Direction,
  self: Endpoint,
  other: Endpoint,
  port: FlowPort,
  to: Endpoint,
): string[] {
  if (self.kind !== "pod" || other.kind !== "pod") return [];
  const ns = other.pod.namespace;
  if (clusterNamespace(cluster, ns)?.labelsKnown !== false) return [];
  const out: string[] = [];
  // Only the policies of self's namespace can select it (policySelects).
  for (const policy of policiesOfNamespace(cluster, self.pod.namespace)) {
    if (!policySelects(policy, self.pod, cluster) || !effectivePolicyTypes(policy).includes(direction)) continue;
    for (const rule of policyRules(policy, direction)) {
      if (rule.ports.length > 0 && !rule.ports.some((p) => portMatches(p, port, to))) continue;
      for (const peer of rule.peers) {
        const sel = peer.namespaceSelector;
        if (sel == null || !readsOtherLabels(sel) || selectorMatches(sel, namespaceLabels(cluster, ns))) continue;
        if (peer.podSelector != null && !selectorMatches(peer.podSelector, other.pod.labels)) continue;
        out.push(
          `${policyId(policy, cluster)} admits pods of namespaces labelled ${describeNamespaceSelector(sel)}, and the input has no Namespace object for ${ns}: this assumes ${ns} lacks those labels`,
        );
      }
    }
  }
  return out;
}

/** Why the verdict of a blocked flow may be wrong; `blocked` sides only are asked about namespaces. */
export function flowDoubts(
  cluster: NetworkCluster,
  from: Endpoint,
  to: Endpoint,
  port: FlowPort,
  blocked: { egress: boolean; ingress: boolean },
): string[] {
  return [
    ...hostNetworkDoubt(from, "source"),
    ...hostNetworkDoubt(to, "destination"),
    ...(blocked.egress ? unknownNamespaceDoubt(cluster, "Egress", from, to, port, to) : []),
    ...(blocked.ingress ? unknownNamespaceDoubt(cluster, "Ingress", to, from, port, to) : []),
  ];
}
