/**
 * A NetworkPolicy as parsed from any YAML, reduced to the shape the API schema gives it
 * (kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/): a field of
 * another type is dropped. The API server would refuse such an object; the audit must still
 * answer on any input (src/audit/never-throws.property.test.ts).
 */
import { asString, isRecord, type Json } from "../k8s/json.js";
import type { SelectorLike } from "../k8s/label-selector.js";
import type { NetworkPolicyObject, PolicyPeer, PolicyPort } from "./model.js";

const list = (v: unknown): Json[] | undefined => (Array.isArray(v) ? v.filter(isRecord) : undefined);

function selector(v: unknown): SelectorLike | undefined {
  if (!isRecord(v)) return undefined;
  const matchLabels = isRecord(v.matchLabels)
    ? (Object.fromEntries(Object.entries(v.matchLabels).filter(([, x]) => typeof x === "string")) as Record<
        string,
        string
      >)
    : undefined;
  const matchExpressions = list(v.matchExpressions)
    ?.filter((e) => typeof e.key === "string" && typeof e.operator === "string")
    .map((e) => ({
      key: e.key as string,
      operator: e.operator as string,
      ...(Array.isArray(e.values) ? { values: e.values.filter((x): x is string => typeof x === "string") } : {}),
    }));
  return { ...(matchLabels ? { matchLabels } : {}), ...(matchExpressions ? { matchExpressions } : {}) };
}

function peer(p: Json): PolicyPeer {
  const out: PolicyPeer = {};
  const ps = selector(p.podSelector);
  const ns = selector(p.namespaceSelector);
  if (ps) out.podSelector = ps;
  if (ns) out.namespaceSelector = ns;
  if (isRecord(p.ipBlock) && typeof p.ipBlock.cidr === "string") {
    const except = Array.isArray(p.ipBlock.except)
      ? p.ipBlock.except.filter((x): x is string => typeof x === "string")
      : undefined;
    out.ipBlock = { cidr: p.ipBlock.cidr, ...(except ? { except } : {}) };
  }
  return out;
}

function port(p: Json): PolicyPort {
  const protocol = asString(p.protocol);
  return {
    ...(protocol === "TCP" || protocol === "UDP" || protocol === "SCTP"
      ? { protocol }
      : protocol !== undefined
        ? { protocol: protocol as "TCP" }
        : {}),
    ...(typeof p.port === "number" || typeof p.port === "string" ? { port: p.port } : {}),
    ...(typeof p.endPort === "number" ? { endPort: p.endPort } : {}),
  };
}

export function wellFormedPolicy(raw: Json): NetworkPolicyObject {
  const metadata = isRecord(raw.metadata) ? raw.metadata : {};
  const spec = isRecord(raw.spec) ? raw.spec : {};
  const rules = (v: unknown, peers: "from" | "to") =>
    list(v)?.map((r) => ({
      ...(Array.isArray(r[peers]) ? { [peers]: (list(r[peers]) ?? []).map(peer) } : {}),
      ...(Array.isArray(r.ports) ? { ports: (list(r.ports) ?? []).map(port) } : {}),
    }));
  const ingress = rules(spec.ingress, "from");
  const egress = rules(spec.egress, "to");
  const policyTypes = Array.isArray(spec.policyTypes)
    ? spec.policyTypes.filter((t): t is "Ingress" | "Egress" => t === "Ingress" || t === "Egress")
    : undefined;
  return {
    metadata: {
      ...(asString(metadata.name) ? { name: metadata.name as string } : {}),
      ...(asString(metadata.namespace) ? { namespace: metadata.namespace as string } : {}),
    },
    spec: {
      podSelector: selector(spec.podSelector) ?? {},
      ...(policyTypes ? { policyTypes } : {}),
      ...(ingress ? { ingress } : {}),
      ...(egress ? { egress } : {}),
    },
  };
}
