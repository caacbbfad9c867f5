/**
 * NetworkPolicies: default deny for every pod of the namespace, both directions, then one policy
 * per component that allows exactly the flows of `requiredFlows` (kubernetes.io/docs/concepts/services-networking/network-policies/).
 * A flow needs both ends to allow it: egress at the source, ingress at the destination.
 */
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { INetworkPolicyPeer, INetworkPolicyPort } from "kubernetes-models/networking.k8s.io/v1";
import { IGNORE_ANNOTATION, IGNORE_REASON_ANNOTATION, COMPONENT_LABEL } from "../../vocabulary.js";
import { NAMESPACE_NAME_LABEL } from "../../k8s/well-known-labels.js";
import type { Spec } from "../../spec/schema.js";
import type { ComponentRender, Manifest } from "../manifest.js";
import { requiredFlows, type FlowPeer, type RequiredFlow } from "../required-flows.js";
import { componentLabels, type ComponentName } from "../stack-facts.js";

/** The audit's unused-allow-rule check (src/audit/rules), suppressed where a flow is anticipated. */
const UNUSED_RULE_CHECK = "HAMON-NETPOL-002";

const ANYWHERE: INetworkPolicyPeer[] = [{ ipBlock: { cidr: "0.0.0.0/0" } }, { ipBlock: { cidr: "::/0" } }];

/** Peers of a rule; undefined means "any peer" (the field left out). */
function peers(peer: FlowPeer | { kind: "all-stack-pods" }): INetworkPolicyPeer[] | undefined {
  switch (peer.kind) {
    case "component":
      return [{ podSelector: { matchLabels: { [COMPONENT_LABEL]: peer.component } } }];
    case "all-stack-pods":
      return [{ podSelector: {} }];
    case "namespace":
      return [
        {
          namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: peer.namespace } },
          podSelector: { matchLabels: peer.podLabels },
        },
      ];
    case "external":
      return ANYWHERE;
    case "any":
      return undefined;
  }
}

function ports(flow: RequiredFlow): INetworkPolicyPort[] | undefined {
  return flow.ports?.map((p) => ({ port: p.port, protocol: p.protocol }));
}

const rule = (key: "from" | "to", p: INetworkPolicyPeer[] | undefined, ps: INetworkPolicyPort[] | undefined) => ({
  ...(p ? { [key]: p } : {}),
  ...(ps ? { ports: ps } : {}),
});

export function renderNetworkPolicies(spec: Spec, components: ReadonlyArray<ComponentName>): ComponentRender {
  const ns = spec.namespace;
  const labels = componentLabels("platform", "hamon");
  const flows = requiredFlows(spec, components);
  const objects: Manifest[] = [
    new NetworkPolicy({
      metadata: { name: "default-deny", namespace: ns, labels },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    }),
  ];
  const sourceIs = (f: RequiredFlow, c: ComponentName) =>
    f.from.kind === "all-stack-pods" ? c === "platform" : f.from.kind === "component" && f.from.component === c;
  // Flows every stack pod needs (DNS) get one policy over all pods.
  const shared = flows.filter((f) => f.from.kind === "all-stack-pods");
  objects.push(
    new NetworkPolicy({
      metadata: { name: "allow-dns", namespace: ns, labels },
      spec: { podSelector: {}, policyTypes: ["Egress"], egress: shared.map((f) => rule("to", peers(f.to), ports(f))) },
    }),
  );
  // A component may render several folders (Prometheus and its rules): one policy per component.
  for (const component of new Set(components)) {
    if (component === "platform") continue;
    const ingress = flows.filter((f) => f.to.kind === "component" && f.to.component === component);
    const allEgress = flows.filter((f) => sourceIs(f, component));
    // An open egress rule (any destination, any port) makes the specific ones redundant: keep it alone.
    const open = allEgress.find((f) => f.to.kind === "any" && f.ports === undefined);
    const egress = open ? [open] : allEgress;
    if (ingress.length + egress.length === 0) continue;
    const anticipated = [...ingress, ...egress].map((f) => f.anticipated).filter((a): a is string => a !== undefined);
    objects.push(
      new NetworkPolicy({
        metadata: {
          name: `allow-${component}`,
          namespace: ns,
          labels,
          ...(anticipated.length > 0
            ? {
                annotations: {
                  [IGNORE_ANNOTATION]: UNUSED_RULE_CHECK,
                  [IGNORE_REASON_ANNOTATION]: anticipated.join("; "),
                },
              }
            : {}),
        },
        spec: {
          podSelector: { matchLabels: { [COMPONENT_LABEL]: component } },
          policyTypes: [...(ingress.length ? ["Ingress" as const] : []), ...(egress.length ? ["Egress" as const] : [])],
          ...(ingress.length ? { ingress: ingress.map((f) => rule("from", peers(f.from), ports(f))) } : {}),
          ...(egress.length ? { egress: egress.map((f) => rule("to", peers(f.to), ports(f))) } : {}),
        },
      }),
    );
  }
  return { component: "platform", objects };
}
