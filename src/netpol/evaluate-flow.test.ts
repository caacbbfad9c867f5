/**
 * Each NetworkPolicy semantic with one flow that must be allowed and one that must be blocked,
 * worked out by hand from kubernetes.io/docs/concepts/services-networking/network-policies/
 * and the NetworkPolicy API reference (the page and field quoted above each block).
 */
import { describe, expect, it } from "vitest";
import { evaluateFlow } from "./evaluate-flow.js";
import type { ClusterNamespace, Endpoint, Flow, NetworkPolicyObject, Protocol } from "./model.js";
import { at, cluster, fixture, ip, pod, policies } from "../../test/support/network-cluster.js";

const web = pod("shop", "web-0", { app: "web" }, [{ name: "http", containerPort: 8080 }]);
const api = pod("shop", "api-0", { app: "api", tier: "backend" }, [
  { name: "http", containerPort: 9000 },
  { name: "metrics", containerPort: 9100 },
  { name: "gossip", containerPort: 7946, protocol: "UDP" },
]);
const db = pod("shop", "db-0", { app: "db" }, [{ name: "pg", containerPort: 5432 }]);
const otherNsApi = pod("lab", "api-0", { app: "api", tier: "backend" }, [{ name: "http", containerPort: 9000 }]);
const monitor = pod("monitoring", "prom-0", { app: "prometheus" });
const PODS = [web, api, db, otherNsApi, monitor];
const NAMESPACES: ClusterNamespace[] = [
  { name: "shop", labels: { team: "shop" } },
  { name: "lab" },
  { name: "monitoring", labels: { team: "platform" } },
];

function verdict(policyYaml: string, from: Endpoint, to: Endpoint, port: number | string, protocol?: Protocol) {
  const flow: Flow = { from, to, port, ...(protocol ? { protocol } : {}) };
  return evaluateFlow(cluster(policies(policyYaml), PODS, NAMESPACES), flow);
}
const allowed = (...args: Parameters<typeof verdict>) => verdict(...args).allowed;

const ingressTo = (selector: string, rules: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: p, namespace: shop }
spec:
  podSelector: ${selector}
  policyTypes: [Ingress]
  ingress: ${rules}
`;

describe("isolation: a pod is isolated only by a policy that selects it and has the policy type", () => {
  // "By default, a pod is non-isolated for ingress; all inbound connections are allowed."
  it("allows everything when no policy selects the pod", () => {
    expect(allowed("", at(web), at(api), 9000)).toBe(true);
    expect(allowed(ingressTo("{ matchLabels: { app: db } }", "[]"), at(web), at(api), 9000)).toBe(true);
  });
  it("blocks once a selecting Ingress policy has no rule for the flow", () => {
    const v = verdict(ingressTo("{ matchLabels: { app: api } }", "[]"), at(web), at(api), 9000);
    expect(v.allowed).toBe(false);
    expect(v.ingress).toMatchObject({ status: "blocked", isolatedBy: ["shop/p"] });
    expect(v.egress.status).toBe("not-isolated");
  });
  it("does not let a policy of another namespace select the pod", () => {
    expect(allowed(ingressTo("{}", "[]").replace("namespace: shop", "namespace: lab"), at(web), at(api), 9000)).toBe(
      true,
    );
    expect(
      allowed(ingressTo("{}", "[]").replace("namespace: shop", "namespace: lab"), at(web), at(otherNsApi), 9000),
    ).toBe(false);
  });
});

describe("policyTypes defaulting: Ingress always, Egress when egress rules exist", () => {
  const noTypes = (body: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: p, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
${body}`;
  it("a policy with only ingress rules and no policyTypes leaves egress open", () => {
    const p = noTypes("  ingress: [{ from: [{ podSelector: { matchLabels: { app: web } } }] }]");
    expect(allowed(p, at(api), at(db), 5432)).toBe(true);
    expect(allowed(p, at(api), ip("203.0.113.1"), 443)).toBe(true);
  });
  it("a policy without rules and without policyTypes isolates ingress", () => {
    expect(allowed(noTypes(""), at(web), at(api), 9000)).toBe(false);
  });
  it("a policy with egress rules and no policyTypes isolates egress too", () => {
    const p = noTypes("  egress: [{ to: [{ podSelector: { matchLabels: { app: db } } }] }]");
    expect(allowed(p, at(api), at(db), 5432)).toBe(true);
    const blocked = verdict(p, at(api), at(web), 8080);
    expect(blocked.allowed).toBe(false);
    expect(blocked.egress.status).toBe("blocked");
    // Ingress is isolated as well (defaulted), and it has no ingress rules.
    expect(allowed(p, at(web), at(api), 9000)).toBe(false);
  });
  it("an empty egress list does not add Egress", () => {
    expect(allowed(noTypes("  egress: []\n  ingress: [{}]"), at(api), at(web), 8080)).toBe(true);
  });
  it("policyTypes [Egress] does not isolate ingress; [Ingress] ignores egress rules", () => {
    const egressOnly = noTypes("  policyTypes: [Egress]\n  egress: []");
    expect(allowed(egressOnly, at(web), at(api), 9000)).toBe(true);
    expect(allowed(egressOnly, at(api), at(web), 8080)).toBe(false);
    const ingressOnlyWithEgressRules = noTypes(
      "  policyTypes: [Ingress]\n  ingress: [{}]\n  egress: [{ to: [{ podSelector: { matchLabels: { app: db } } }] }]",
    );
    expect(allowed(ingressOnlyWithEgressRules, at(api), at(web), 8080)).toBe(true);
  });
});

describe("both ends: egress at the source AND ingress at the destination", () => {
  // "both the egress policy on the source pod and the ingress policy on the destination pod need to allow the connection"
  const egressWebToApi = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-out, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Egress]
  egress: [{ to: [{ podSelector: { matchLabels: { app: api } } }] }]
`;
  const apiDenyAll = ingressTo("{ matchLabels: { app: api } }", "[]");
  const apiFromWeb = ingressTo(
    "{ matchLabels: { app: api } }",
    "[{ from: [{ podSelector: { matchLabels: { app: web } } }] }]",
  );
  it("allows when both sides allow", () => {
    const v = verdict(`${egressWebToApi}---${apiFromWeb}`, at(web), at(api), 9000);
    expect(v.allowed).toBe(true);
    expect(v.egress).toMatchObject({
      status: "allowed",
      by: [{ policy: "shop/web-out", direction: "Egress", ruleIndex: 0, peerIndex: 0 }],
    });
    expect(v.ingress).toMatchObject({
      status: "allowed",
      by: [{ policy: "shop/p", direction: "Ingress", ruleIndex: 0, peerIndex: 0 }],
    });
    expect(v.summary).toContain("shop/web-out egress[0].to[0]");
  });
  it("blocks when egress allows but ingress does not, and says which side", () => {
    const v = verdict(`${egressWebToApi}---${apiDenyAll}`, at(web), at(api), 9000);
    expect(v.allowed).toBe(false);
    expect(v.egress.status).toBe("allowed");
    expect(v.ingress.status).toBe("blocked");
    expect(v.summary).toBe(
      "no policy selecting destination pod shop/api-0 allows ingress from pod shop/web-0 on TCP/9000 (http) (isolated for ingress by shop/p)",
    );
  });
  it("blocks when ingress allows but egress does not", () => {
    const v = verdict(`${egressWebToApi}---${apiFromWeb}`, at(web), at(db), 5432);
    expect(v.allowed).toBe(false);
    expect(v.egress.status).toBe("blocked");
    expect(v.summary).toContain(
      "no policy selecting source pod shop/web-0 allows egress to pod shop/db-0 on TCP/5432 (pg)",
    );
  });
  it("checks only ingress when the source is outside the cluster, only egress when the destination is", () => {
    const external = verdict(apiFromWeb, ip("198.51.100.7"), at(api), 9000);
    expect(external.egress.status).toBe("external");
    expect(external.allowed).toBe(false);
    const out = verdict(egressWebToApi, at(web), ip("198.51.100.7"), 443);
    expect(out.ingress.status).toBe("external");
    expect(out.allowed).toBe(false);
    expect(allowed(apiFromWeb, at(web), ip("198.51.100.7"), 443)).toBe(true);
  });
});

describe("rules are ORed, within a policy and across policies", () => {
  const two = `${ingressTo("{ matchLabels: { app: api } }", "[{ from: [{ podSelector: { matchLabels: { app: web } } }] }]")}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: q, namespace: shop }
spec:
  podSelector: { matchLabels: { tier: backend } }
  policyTypes: [Ingress]
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: platform } } }] }]
`;
  it("allows what either policy allows, naming the one that did", () => {
    expect(allowed(two, at(web), at(api), 9000)).toBe(true);
    const v = verdict(two, at(monitor), at(api), 9100);
    expect(v.allowed).toBe(true);
    expect(v.ingress).toMatchObject({
      status: "allowed",
      isolatedBy: ["shop/p", "shop/q"],
      by: [{ policy: "shop/q" }],
    });
  });
  it("blocks what neither allows", () => {
    expect(allowed(two, at(db), at(api), 9000)).toBe(false);
  });
  it("two rules of one policy: either one is enough", () => {
    const p = ingressTo(
      "{ matchLabels: { app: api } }",
      "[{ from: [{ podSelector: { matchLabels: { app: web } } }], ports: [{ port: 9000 }] }, { from: [{ podSelector: { matchLabels: { app: db } } }], ports: [{ port: 9100 }] }]",
    );
    expect(allowed(p, at(db), at(api), 9100)).toBe(true);
    expect(allowed(p, at(db), at(api), 9000)).toBe(false);
  });
});

describe("peers: podSelector alone means the policy's namespace", () => {
  const p = ingressTo("{ matchLabels: { app: db } }", "[{ from: [{ podSelector: { matchLabels: { app: api } } }] }]");
  it("allows a matching pod of the same namespace", () => expect(allowed(p, at(api), at(db), 5432)).toBe(true));
  it("blocks an identically labelled pod of another namespace", () =>
    expect(allowed(p, at(otherNsApi), at(db), 5432)).toBe(false));
  it("podSelector {} alone: every pod of the same namespace, none elsewhere", () => {
    const any = ingressTo("{ matchLabels: { app: db } }", "[{ from: [{ podSelector: {} }] }]");
    expect(allowed(any, at(web), at(db), 5432)).toBe(true);
    expect(allowed(any, at(monitor), at(db), 5432)).toBe(false);
    expect(allowed(any, ip("10.0.0.1"), at(db), 5432)).toBe(false);
  });
});

describe("peers: namespaceSelector", () => {
  it("alone: every pod of the selected namespaces", () => {
    const p = ingressTo(
      "{ matchLabels: { app: db } }",
      "[{ from: [{ namespaceSelector: { matchLabels: { team: platform } } }] }]",
    );
    expect(allowed(p, at(monitor), at(db), 5432)).toBe(true);
    expect(allowed(p, at(api), at(db), 5432)).toBe(false);
  });
  it("{}: every pod of every namespace, but no address outside the cluster", () => {
    const p = ingressTo("{ matchLabels: { app: db } }", "[{ from: [{ namespaceSelector: {} }] }]");
    expect(allowed(p, at(otherNsApi), at(db), 5432)).toBe(true);
    expect(allowed(p, at(monitor), at(db), 5432)).toBe(true);
    expect(allowed(p, ip("203.0.113.1"), at(db), 5432)).toBe(false);
  });
  it("kubernetes.io/metadata.name is set on every namespace, even one written without labels or not listed", () => {
    const p = ingressTo(
      "{ matchLabels: { app: db } }",
      "[{ from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: lab } } }] }]",
    );
    expect(allowed(p, at(otherNsApi), at(db), 5432)).toBe(true);
    expect(allowed(p, at(monitor), at(db), 5432)).toBe(false);
    const unlisted = pod("unlisted", "x", {});
    const q = ingressTo(
      "{ matchLabels: { app: db } }",
      "[{ from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: unlisted } } }] }]",
    );
    expect(allowed(q, at(unlisted), at(db), 5432)).toBe(true);
  });
  it("with podSelector in the same peer: both must match (AND)", () => {
    const and = ingressTo(
      "{ matchLabels: { app: db } }",
      "[{ from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: lab } }, podSelector: { matchLabels: { app: api } } }] }]",
    );
    expect(allowed(and, at(otherNsApi), at(db), 5432)).toBe(true);
    // Same labels, wrong namespace; right namespace, wrong labels.
    expect(allowed(and, at(api), at(db), 5432)).toBe(false);
    expect(allowed(and, at(pod("lab", "other", { app: "web" })), at(db), 5432)).toBe(false);
  });
  it("as two peers instead: either matches (OR)", () => {
    const or = ingressTo(
      "{ matchLabels: { app: db } }",
      "[{ from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: lab } } }, { podSelector: { matchLabels: { app: api } } }] }]",
    );
    expect(allowed(or, at(api), at(db), 5432)).toBe(true);
    expect(allowed(or, at(pod("lab", "other", { app: "web" })), at(db), 5432)).toBe(true);
    expect(allowed(or, at(web), at(db), 5432)).toBe(false);
  });
});

describe("label selector expressions", () => {
  const sel = (expr: string) =>
    ingressTo("{ matchLabels: { app: db } }", `[{ from: [{ podSelector: { matchExpressions: [${expr}] } }] }]`);
  it("In / NotIn / Exists / DoesNotExist", () => {
    expect(allowed(sel("{ key: app, operator: In, values: [api, web] }"), at(web), at(db), 5432)).toBe(true);
    expect(allowed(sel("{ key: app, operator: In, values: [api] }"), at(web), at(db), 5432)).toBe(false);
    expect(allowed(sel("{ key: app, operator: NotIn, values: [api] }"), at(web), at(db), 5432)).toBe(true);
    expect(allowed(sel("{ key: app, operator: NotIn, values: [web] }"), at(web), at(db), 5432)).toBe(false);
    // NotIn also selects pods without the key.
    expect(allowed(sel("{ key: tier, operator: NotIn, values: [backend] }"), at(web), at(db), 5432)).toBe(true);
    expect(allowed(sel("{ key: tier, operator: NotIn, values: [backend] }"), at(api), at(db), 5432)).toBe(false);
    expect(allowed(sel("{ key: tier, operator: Exists }"), at(api), at(db), 5432)).toBe(true);
    expect(allowed(sel("{ key: tier, operator: Exists }"), at(web), at(db), 5432)).toBe(false);
    expect(allowed(sel("{ key: tier, operator: DoesNotExist }"), at(web), at(db), 5432)).toBe(true);
    expect(allowed(sel("{ key: tier, operator: DoesNotExist }"), at(api), at(db), 5432)).toBe(false);
  });
});

describe("ipBlock with except (addresses outside the cluster)", () => {
  const p = ingressTo(
    "{ matchLabels: { app: api } }",
    "[{ from: [{ ipBlock: { cidr: 172.17.0.0/16, except: [172.17.1.0/24] } }, { ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:bad::/48'] } }] }]",
  );
  it("allows an address inside cidr and outside every except, IPv4 and IPv6", () => {
    expect(allowed(p, ip("172.17.0.9"), at(api), 9000)).toBe(true);
    expect(allowed(p, ip("172.17.2.0"), at(api), 9000)).toBe(true);
    expect(allowed(p, ip("2001:db8:1::5"), at(api), 9000)).toBe(true);
  });
  it("blocks an address in an except, or outside the cidr", () => {
    expect(allowed(p, ip("172.17.1.200"), at(api), 9000)).toBe(false);
    expect(allowed(p, ip("172.18.0.1"), at(api), 9000)).toBe(false);
    expect(allowed(p, ip("2001:db8:bad::1"), at(api), 9000)).toBe(false);
    expect(allowed(p, ip("2001:db9::1"), at(api), 9000)).toBe(false);
  });
  it("does not match pods (pod-to-pod traffic is implementation-defined upstream; treated as unmatched)", () => {
    const everywhere = ingressTo(
      "{ matchLabels: { app: api } }",
      "[{ from: [{ ipBlock: { cidr: 0.0.0.0/0 } }, { ipBlock: { cidr: '::/0' } }] }]",
    );
    expect(allowed(everywhere, ip("8.8.8.8"), at(api), 9000)).toBe(true);
    expect(allowed(everywhere, at(web), at(api), 9000)).toBe(false);
  });
  it("egress to an ipBlock", () => {
    const out = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: out, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  policyTypes: [Egress]
  egress: [{ to: [{ ipBlock: { cidr: 10.0.0.0/24 } }] }]
`;
    expect(allowed(out, at(api), ip("10.0.0.200"), 5978)).toBe(true);
    expect(allowed(out, at(api), ip("10.0.1.1"), 5978)).toBe(false);
  });
});

describe("ports", () => {
  const withPorts = (ports: string) =>
    ingressTo("{ matchLabels: { app: api } }", `[{ from: [{ podSelector: {} }], ports: ${ports} }]`);
  it("no ports: every port and protocol", () => {
    expect(
      allowed(ingressTo("{ matchLabels: { app: api } }", "[{ from: [{ podSelector: {} }] }]"), at(web), at(api), 12345),
    ).toBe(true);
    expect(
      allowed(
        ingressTo("{ matchLabels: { app: api } }", "[{ from: [{ podSelector: {} }] }]"),
        at(web),
        at(api),
        7946,
        "UDP",
      ),
    ).toBe(true);
    expect(allowed(withPorts("[]"), at(web), at(api), 12345)).toBe(true);
  });
  it("numbered: that port only", () => {
    expect(allowed(withPorts("[{ port: 9000 }]"), at(web), at(api), 9000)).toBe(true);
    expect(allowed(withPorts("[{ port: 9000 }]"), at(web), at(api), 9001)).toBe(false);
  });
  it("named (ingress): resolved against the destination pod's container ports", () => {
    expect(allowed(withPorts("[{ port: metrics }]"), at(web), at(api), 9100)).toBe(true);
    expect(allowed(withPorts("[{ port: metrics }]"), at(web), at(api), 9000)).toBe(false);
    // The flow may name the port too.
    expect(allowed(withPorts("[{ port: metrics }]"), at(web), at(api), "metrics")).toBe(true);
    expect(allowed(withPorts("[{ port: 9100 }]"), at(web), at(api), "metrics")).toBe(true);
    expect(allowed(withPorts("[{ port: http }]"), at(web), at(api), "metrics")).toBe(false);
  });
  it("named (egress): resolved against the destination pod; never matches an address outside", () => {
    const out = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: out, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Egress]
  egress: [{ ports: [{ port: pg }] }]
`;
    expect(allowed(out, at(web), at(db), 5432)).toBe(true);
    // api has no port named pg: 5432 on api is just a number.
    expect(allowed(out, at(web), at(api), 5432)).toBe(false);
    expect(allowed(out, at(web), ip("192.0.2.10"), 5432)).toBe(false);
  });
  it("endPort: the inclusive range port..endPort", () => {
    const range = withPorts("[{ port: 32000, endPort: 32768 }]");
    expect(allowed(range, at(web), at(api), 32000)).toBe(true);
    expect(allowed(range, at(web), at(api), 32768)).toBe(true);
    expect(allowed(range, at(web), at(api), 31999)).toBe(false);
    expect(allowed(range, at(web), at(api), 32769)).toBe(false);
  });
  it("protocol defaults to TCP; UDP and SCTP only when written", () => {
    expect(allowed(withPorts("[{ port: 53 }]"), at(web), at(api), 53, "TCP")).toBe(true);
    expect(allowed(withPorts("[{ port: 53 }]"), at(web), at(api), 53, "UDP")).toBe(false);
    expect(allowed(withPorts("[{ port: 53, protocol: UDP }]"), at(web), at(api), 53, "UDP")).toBe(true);
    expect(allowed(withPorts("[{ protocol: SCTP }]"), at(web), at(api), 3868, "SCTP")).toBe(true);
    expect(allowed(withPorts("[{ protocol: SCTP }]"), at(web), at(api), 3868, "TCP")).toBe(false);
  });
  it("a named UDP port matches only UDP", () => {
    expect(allowed(withPorts("[{ port: gossip, protocol: UDP }]"), at(web), at(api), 7946, "UDP")).toBe(true);
    expect(allowed(withPorts("[{ port: gossip }]"), at(web), at(api), 7946, "UDP")).toBe(false);
  });
  it("a flow to a port name the destination does not have is a problem, not a flow", () => {
    const v = verdict("", at(web), at(api), "nope");
    expect(v.allowed).toBe(false);
    expect(v.problem).toBe('pod shop/api-0 has no TCP container port named "nope"');
  });
});

describe("rules without peers", () => {
  it("ingress: [{}] allows everything, from anywhere", () => {
    const p = ingressTo("{ matchLabels: { app: api } }", "[{}]");
    expect(allowed(p, ip("203.0.113.5"), at(api), 1)).toBe(true);
    expect(allowed(p, at(otherNsApi), at(api), 9000, "UDP")).toBe(true);
    expect(verdict(p, at(web), at(api), 9000).ingress).toMatchObject({ by: [{ policy: "shop/p", ruleIndex: 0 }] });
  });
  it("from: [] is the same as no from; an invalid empty peer matches nothing", () => {
    expect(allowed(ingressTo("{ matchLabels: { app: api } }", "[{ from: [] }]"), at(web), at(api), 9000)).toBe(true);
    expect(allowed(ingressTo("{ matchLabels: { app: api } }", "[{ from: [{}] }]"), at(web), at(api), 9000)).toBe(false);
  });
});

describe("the example policy of the Kubernetes docs", () => {
  const docsPolicy: NetworkPolicyObject[] = policies(fixture("docs-test-network-policy.yaml"));
  const dbPod = pod("default", "db", { role: "db" });
  const frontend = pod("default", "frontend", { role: "frontend" });
  const frontendElsewhere = pod("other", "frontend", { role: "frontend" });
  const inProject = pod("myproject", "anything", { x: "y" });
  const nss: ClusterNamespace[] = [
    { name: "default" },
    { name: "other" },
    { name: "myproject", labels: { project: "myproject" } },
  ];
  const c = cluster(docsPolicy, [dbPod, frontend, frontendElsewhere, inProject], nss);
  const ok = (from: Endpoint, to: Endpoint, port: number) => evaluateFlow(c, { from, to, port }).allowed;

  it("allows what the page says it allows", () => {
    expect(ok(at(frontend), at(dbPod), 6379)).toBe(true);
    expect(ok(at(inProject), at(dbPod), 6379)).toBe(true);
    expect(ok(ip("172.17.0.255"), at(dbPod), 6379)).toBe(true);
    expect(ok(ip("172.17.2.0"), at(dbPod), 6379)).toBe(true);
    expect(ok(ip("172.17.255.255"), at(dbPod), 6379)).toBe(true);
    expect(ok(at(dbPod), ip("10.0.0.1"), 5978)).toBe(true);
  });
  it("blocks the rest", () => {
    expect(ok(at(frontendElsewhere), at(dbPod), 6379)).toBe(false);
    expect(ok(at(frontend), at(dbPod), 6380)).toBe(false);
    expect(ok(ip("172.17.1.1"), at(dbPod), 6379)).toBe(false);
    expect(ok(at(dbPod), ip("10.0.1.1"), 5978)).toBe(false);
    expect(ok(at(dbPod), at(frontend), 80)).toBe(false);
  });
});
