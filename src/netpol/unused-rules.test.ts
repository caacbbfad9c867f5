import { describe, expect, it } from "vitest";
import { namespacesWithoutDefaultDeny } from "./default-deny.js";
import { unusedAllowRules } from "./unused-rules.js";
import { at, cluster, ip, pod, policies } from "../../test/support/network-cluster.js";

const web = pod("shop", "web-0", { app: "web" });
const api = pod("shop", "api-0", { app: "api" }, [{ name: "http", containerPort: 9000 }]);
const db = pod("shop", "db-0", { app: "db" });
const other = pod("tools", "x", { app: "x" });

const apiPolicy = policies(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  policyTypes: [Ingress, Egress]
  ingress:
    - from: [{ podSelector: { matchLabels: { app: web } } }, { podSelector: { matchLabels: { app: db } } }]
      ports: [{ port: http }]
    - ports: [{ port: 9999 }]
  egress:
    - to: [{ podSelector: { matchLabels: { app: db } } }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: nobody, namespace: shop }
spec:
  podSelector: { matchLabels: { app: ghost } }
  ingress: [{}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ignored, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Ingress]
  ingress: [{}]
  egress: [{ to: [{ ipBlock: { cidr: 10.0.0.0/8 } }] }]
`);

describe("unusedAllowRules", () => {
  const c = cluster(apiPolicy, [web, api, db, other]);

  it("reports each peer and rule that no flow matches, and why", () => {
    const unused = unusedAllowRules(c, [
      { from: at(web), to: at(api), port: 9000 },
      { from: at(api), to: at(db), port: 5432 },
    ]);
    expect(unused).toEqual([
      { policy: "shop/api", direction: "Ingress", ruleIndex: 0, peerIndex: 1, why: "no flow matches it" },
      { policy: "shop/api", direction: "Ingress", ruleIndex: 1, why: "no flow matches it" },
      { policy: "shop/nobody", direction: "Ingress", ruleIndex: 0, why: "the policy selects no pod" },
      { policy: "shop/ignored", direction: "Ingress", ruleIndex: 0, why: "no flow matches it" },
      {
        policy: "shop/ignored",
        direction: "Egress",
        ruleIndex: 0,
        peerIndex: 0,
        why: "ignored: direction not in policyTypes",
      },
    ]);
  });

  it("counts a rule used by a flow that the other side blocks", () => {
    // db is not isolated; api's egress rule to db is used by api→db; api→web is blocked at
    // api's egress but web's "ignored" ingress [{}] rule still matches it.
    const unused = unusedAllowRules(c, [{ from: at(api), to: at(web), port: 80 }]);
    expect(unused.some((u) => u.policy === "shop/ignored" && u.direction === "Ingress")).toBe(false);
  });

  it("reports nothing when every rule is used", () => {
    const flows = [
      { from: at(web), to: at(api), port: 9000 },
      { from: at(db), to: at(api), port: "http" },
      { from: ip("192.0.2.1"), to: at(api), port: 9999 },
      { from: at(api), to: at(db), port: 5432 },
      { from: at(db), to: at(web), port: 1 },
    ];
    const onlyUsable = cluster(
      apiPolicy
        .filter((p) => p.metadata?.name === "api" || p.metadata?.name === "ignored")
        .map((p) => (p.metadata?.name === "ignored" ? { ...p, spec: { ...p.spec, egress: [] } } : p)),
      [web, api, db],
    );
    expect(unusedAllowRules(onlyUsable, flows)).toEqual([]);
  });
});

describe("namespacesWithoutDefaultDeny", () => {
  const deny = (types: string, extra = "") => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny, namespace: shop }
spec:
  podSelector: {}
  policyTypes: ${types}
${extra}`;

  it("names every namespace with pods and the directions it lacks", () => {
    expect(namespacesWithoutDefaultDeny(cluster([], [web, api, other]))).toEqual([
      { namespace: "shop", missing: ["Ingress", "Egress"], pods: 2 },
      { namespace: "tools", missing: ["Ingress", "Egress"], pods: 1 },
    ]);
  });
  it("accepts a {}-selecting policy without rules for each direction", () => {
    expect(namespacesWithoutDefaultDeny(cluster(policies(deny("[Ingress, Egress]")), [web]))).toEqual([]);
    expect(namespacesWithoutDefaultDeny(cluster(policies(deny("[Ingress]")), [web]))).toEqual([
      { namespace: "shop", missing: ["Egress"], pods: 1 },
    ]);
  });
  it("defaults policyTypes: a bare {} policy denies ingress only", () => {
    expect(namespacesWithoutDefaultDeny(cluster(policies(deny("null")), [web]))).toEqual([
      { namespace: "shop", missing: ["Egress"], pods: 1 },
    ]);
  });
  it("does not count a {} policy that allows something, nor a narrower one that leaves a pod unselected", () => {
    expect(
      namespacesWithoutDefaultDeny(cluster(policies(deny("[Ingress, Egress]", "  ingress: [{}]")), [web])),
    ).toEqual([{ namespace: "shop", missing: ["Ingress"], pods: 1 }]);
    const narrow = deny("[Ingress, Egress]").replace("podSelector: {}", "podSelector: { matchLabels: { app: web } }");
    expect(namespacesWithoutDefaultDeny(cluster(policies(narrow), [web, api]))).toEqual([
      { namespace: "shop", missing: ["Ingress", "Egress"], pods: 2 },
    ]);
  });
  it("counts a rule-less policy scoped by labels when it selects every pod of the namespace", () => {
    const narrow = deny("[Ingress, Egress]").replace("podSelector: {}", "podSelector: { matchLabels: { app: web } }");
    expect(namespacesWithoutDefaultDeny(cluster(policies(narrow), [web]))).toEqual([]);
  });
  it("ignores namespaces without pods", () => {
    expect(namespacesWithoutDefaultDeny(cluster([], []))).toEqual([]);
  });
});
