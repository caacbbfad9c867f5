/**
 * Properties of NetworkPolicy semantics that hold for any policies, checked on random small
 * clusters: policies only allow (an allow rule never blocks), a policy that selects nothing
 * changes nothing, a deny-only policy never allows more, writing the defaulted policyTypes out
 * changes nothing.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluateFlow } from "./evaluate-flow.js";
import type {
  ClusterNamespace,
  ClusterPod,
  Endpoint,
  Flow,
  NetworkCluster,
  NetworkPolicyObject,
  PolicyPeer,
  PolicyPort,
} from "./model.js";
import { effectivePolicyTypes } from "./policy-facts.js";

const NAMESPACES: ClusterNamespace[] = [
  { name: "a", labels: { team: "x" } },
  { name: "b", labels: { team: "y" } },
  { name: "c" },
];
const PODS: ClusterPod[] = [
  {
    namespace: "a",
    name: "a1",
    labels: { app: "p", tier: "1" },
    ports: [
      { name: "http", containerPort: 80 },
      { name: "dns", containerPort: 53, protocol: "UDP" },
    ],
  },
  { namespace: "a", name: "a2", labels: { app: "q" }, ports: [{ name: "http", containerPort: 8080 }] },
  { namespace: "b", name: "b1", labels: { app: "p", tier: "2" }, ports: [{ name: "web", containerPort: 443 }] },
  { namespace: "b", name: "b2", labels: { app: "r" }, ports: [] },
  { namespace: "c", name: "c1", labels: { app: "q", tier: "1" }, ports: [{ name: "http", containerPort: 80 }] },
];
const IPS = ["10.1.2.3", "192.0.2.9", "2001:db8::7", "172.17.1.1"];

const labelsArb = fc.dictionary(
  fc.constantFrom("app", "tier", "team"),
  fc.constantFrom("p", "q", "r", "1", "2", "x", "y"),
  { maxKeys: 2 },
);
const selectorArb = fc.record(
  {
    matchLabels: labelsArb,
    matchExpressions: fc.array(
      fc.record({
        key: fc.constantFrom("app", "tier", "team"),
        operator: fc.constantFrom("In", "NotIn", "Exists", "DoesNotExist"),
        values: fc.array(fc.constantFrom("p", "q", "1", "x"), { maxLength: 2 }),
      }),
      { maxLength: 1 },
    ),
  },
  { requiredKeys: [] },
);
const peerArb: fc.Arbitrary<PolicyPeer> = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: selectorArb }),
  fc.record({ podSelector: selectorArb, namespaceSelector: selectorArb }),
  fc.record({
    ipBlock: fc.constantFrom<{ cidr: string; except?: string[] }>(
      { cidr: "0.0.0.0/0" },
      { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] },
      { cidr: "::/0" },
      { cidr: "172.17.0.0/16", except: ["172.17.1.0/24"] },
    ),
  }),
);
const portArb: fc.Arbitrary<PolicyPort> = fc
  .record(
    {
      protocol: fc.constantFrom("TCP" as const, "UDP" as const),
      port: fc.oneof(fc.constantFrom(53, 80, 443, 8080), fc.constantFrom("http", "dns", "web")),
    },
    { requiredKeys: [] },
  )
  .chain((p) =>
    typeof p.port === "number"
      ? fc
          .option(fc.constantFrom(100, 9000), { nil: undefined })
          .map((end) => (end !== undefined && end >= (p.port as number) ? { ...p, endPort: end } : p))
      : fc.constant(p),
  );
const ruleArb = fc.record({
  peers: fc.option(fc.array(peerArb, { maxLength: 2 }), { nil: undefined }),
  ports: fc.option(fc.array(portArb, { maxLength: 2 }), { nil: undefined }),
});

const policyArb = (name: string): fc.Arbitrary<NetworkPolicyObject> =>
  fc
    .record({
      namespace: fc.constantFrom("a", "b", "c"),
      podSelector: selectorArb,
      policyTypes: fc.option(fc.subarray(["Ingress", "Egress"] as const, { minLength: 1 }), { nil: undefined }),
      ingress: fc.option(fc.array(ruleArb, { maxLength: 2 }), { nil: undefined }),
      egress: fc.option(fc.array(ruleArb, { maxLength: 2 }), { nil: undefined }),
    })
    .map((p) => ({
      metadata: { name, namespace: p.namespace },
      spec: {
        podSelector: p.podSelector,
        ...(p.policyTypes ? { policyTypes: [...p.policyTypes] } : {}),
        ...(p.ingress
          ? {
              ingress: p.ingress.map((r) => ({
                ...(r.peers ? { from: r.peers } : {}),
                ...(r.ports ? { ports: r.ports } : {}),
              })),
            }
          : {}),
        ...(p.egress
          ? {
              egress: p.egress.map((r) => ({
                ...(r.peers ? { to: r.peers } : {}),
                ...(r.ports ? { ports: r.ports } : {}),
              })),
            }
          : {}),
      },
    }));
const policiesArb = fc
  .integer({ min: 0, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => policyArb(`p${i}`))));

const endpointArb: fc.Arbitrary<Endpoint> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PODS).map((pod): Endpoint => ({ kind: "pod", pod })) },
  { weight: 1, arbitrary: fc.constantFrom(...IPS).map((ip): Endpoint => ({ kind: "ip", ip })) },
);
const flowArb: fc.Arbitrary<Flow> = fc.record({
  from: endpointArb,
  to: endpointArb,
  port: fc.constantFrom(53, 80, 443, 8080, 9000),
  protocol: fc.constantFrom("TCP" as const, "UDP" as const),
});
const flowsArb = fc.array(flowArb, { minLength: 1, maxLength: 12 });

const world = (policies: NetworkPolicyObject[]): NetworkCluster => ({ policies, pods: PODS, namespaces: NAMESPACES });
const verdicts = (policies: NetworkPolicyObject[], flows: Flow[]) => flows.map((f) => evaluateFlow(world(policies), f));
const allowedList = (policies: NetworkPolicyObject[], flows: Flow[]) => verdicts(policies, flows).map((v) => v.allowed);

describe("NetworkPolicy properties", () => {
  it("without policies every flow is allowed", () => {
    fc.assert(
      fc.property(flowsArb, (flows) => {
        expect(allowedList([], flows).every(Boolean)).toBe(true);
      }),
    );
  });

  it("adding a policy that selects no pod never changes a verdict", () => {
    fc.assert(
      fc.property(policiesArb, policyArb("extra"), flowsArb, (ps, extra, flows) => {
        const selectsNothing = {
          ...extra,
          spec: { ...extra.spec, podSelector: { matchLabels: { app: "no-such-app" } } },
        };
        expect(
          verdicts([...ps, selectsNothing], flows).map((v) => [v.allowed, v.egress.status, v.ingress.status]),
        ).toEqual(verdicts(ps, flows).map((v) => [v.allowed, v.egress.status, v.ingress.status]));
      }),
    );
  });

  it("writing out the defaulted policyTypes never changes a verdict", () => {
    fc.assert(
      fc.property(policiesArb, flowsArb, (ps, flows) => {
        const explicit = ps.map((p) => ({ ...p, spec: { ...p.spec, policyTypes: effectivePolicyTypes(p) } }));
        expect(allowedList(explicit, flows)).toEqual(allowedList(ps, flows));
      }),
    );
  });

  it("adding an allow rule (policyTypes written out) never turns allowed into blocked", () => {
    fc.assert(
      fc.property(
        policiesArb,
        fc.nat(),
        fc.constantFrom("ingress" as const, "egress" as const),
        ruleArb,
        flowsArb,
        (ps, pick, direction, rule, flows) => {
          fc.pre(ps.length > 0);
          const explicit = ps.map((p) => ({ ...p, spec: { ...p.spec, policyTypes: effectivePolicyTypes(p) } }));
          const i = pick % explicit.length;
          const target = explicit[i] as NetworkPolicyObject;
          const added =
            direction === "ingress"
              ? {
                  ...target,
                  spec: {
                    ...target.spec,
                    ingress: [
                      ...(target.spec?.ingress ?? []),
                      { ...(rule.peers ? { from: rule.peers } : {}), ...(rule.ports ? { ports: rule.ports } : {}) },
                    ],
                  },
                }
              : {
                  ...target,
                  spec: {
                    ...target.spec,
                    egress: [
                      ...(target.spec?.egress ?? []),
                      { ...(rule.peers ? { to: rule.peers } : {}), ...(rule.ports ? { ports: rule.ports } : {}) },
                    ],
                  },
                };
          const before = allowedList(explicit, flows);
          const after = allowedList(
            explicit.map((p, j) => (j === i ? added : p)),
            flows,
          );
          before.forEach((b, k) => {
            if (b) expect(after[k], `flow ${k}`).toBe(true);
          });
        },
      ),
    );
  });

  it("adding a deny-only policy never turns blocked into allowed", () => {
    fc.assert(
      fc.property(policiesArb, fc.constantFrom("a", "b", "c"), selectorArb, flowsArb, (ps, ns, sel, flows) => {
        const deny: NetworkPolicyObject = {
          metadata: { name: "deny", namespace: ns },
          spec: { podSelector: sel, policyTypes: ["Ingress", "Egress"] },
        };
        const before = allowedList(ps, flows);
        const after = allowedList([...ps, deny], flows);
        before.forEach((b, k) => {
          if (!b) expect(after[k], `flow ${k}`).toBe(false);
        });
      }),
    );
  });

  it("a flow is allowed exactly when neither side blocks it, and a blocked side names its isolating policies", () => {
    fc.assert(
      fc.property(policiesArb, flowsArb, (ps, flows) => {
        for (const v of verdicts(ps, flows)) {
          expect(v.allowed).toBe(v.egress.status !== "blocked" && v.ingress.status !== "blocked");
          for (const s of [v.egress, v.ingress])
            if (s.status === "blocked") expect(s.isolatedBy.length).toBeGreaterThan(0);
          expect(v.egress.status === "external").toBe(v.flow.from.kind === "ip");
          expect(v.ingress.status === "external").toBe(v.flow.to.kind === "ip");
        }
      }),
    );
  });
});
