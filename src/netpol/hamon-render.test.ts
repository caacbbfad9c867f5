/**
 * hamon's own NetworkPolicies, evaluated: every flow of `requiredFlows` is allowed, every rendered
 * allow policy is necessary (removing it blocks a required flow), no allow rule is unused, and the
 * stack's namespace has a default deny both ways. Scrapes derived from the rendered
 * ServiceMonitors/PodMonitors (not from requiredFlows) are checked too.
 */
import { describe, expect, it } from "vitest";
import { exampleStack, exampleVariant } from "../../test/support/example-stack.js";
import { EXAMPLE_DATABASE_YAML } from "../spec/example.js";
import { withLine, type RenderedView } from "../../test/support/rendered.js";
import { requiredFlows } from "../render/required-flows.js";
import { COMPONENT_LABEL } from "../vocabulary.js";
import { describeFlow, describeRule } from "./describe.js";
import { namespacesWithoutDefaultDeny } from "./default-deny.js";
import { evaluateFlow } from "./evaluate-flow.js";
import type { Endpoint, NetworkCluster } from "./model.js";
import { unusedAllowRules } from "./unused-rules.js";
import {
  ELSEWHERE_SOURCE,
  expandRequiredFlows,
  hamonCluster,
  type ExpandedFlow,
} from "../../test/support/hamon-network-cluster.js";
import { scrapeFlows } from "./monitor-flows.js";

const EXTERNAL_DB = withLine(
  EXAMPLE_DATABASE_YAML,
  "database: { type: external, host: 'db.example.com:5432', secretName: grafana-db }",
);

/** The example without `grafana.ingress` (and its `oauth`, which needs it). */
const WITHOUT_WAY_IN = (yaml: string) => yaml.replace(/\n {2}ingress:[\s\S]*?\n {2}redis:/, "\n  redis:");

function setup(v: RenderedView) {
  const cluster = hamonCluster(v);
  const flows = expandRequiredFlows(cluster, v.spec.namespace, requiredFlows(v.spec));
  return { v, cluster, flows };
}

const blockedFlows = (cluster: NetworkCluster, flows: ExpandedFlow[]) =>
  flows
    .map((f) => evaluateFlow(cluster, f))
    .filter((r) => !r.allowed)
    .map((r) => `${describeFlow(r.flow)}: ${r.summary}`);

describe.each([
  ["the example (CloudNativePG database)", exampleStack().view],
  ["the example with an external database", exampleVariant(EXTERNAL_DB).view],
])("%s", (_name, rendered) => {
  const { v, cluster, flows } = setup(rendered);
  const allowPolicies = cluster.policies.filter(
    (p) => (p.spec?.ingress ?? []).length + (p.spec?.egress ?? []).length > 0,
  );

  it("renders policies and expands the required flows to concrete ones", () => {
    expect(allowPolicies.length).toBeGreaterThan(5);
    expect(flows.length).toBeGreaterThan(50);
  });

  it("allows every required flow", () => {
    expect(blockedFlows(cluster, flows)).toEqual([]);
  });

  it("allows every scrape that its ServiceMonitors and PodMonitors ask for", () => {
    const scrapes = scrapeFlows(
      v.all,
      cluster,
      cluster.pods.filter((p) => p.labels[COMPONENT_LABEL] === "prometheus"),
    );
    // Every component (node-exporter in its own namespace too) has a monitor; the Prometheus pair scrape each other.
    const scraped = new Set(scrapes.map((f) => (f.to.kind === "pod" ? f.to.pod.labels[COMPONENT_LABEL] : "")));
    expect([...scraped].sort()).toEqual(
      [
        ...new Set(
          cluster.pods.filter((p) => p.labels[COMPONENT_LABEL] !== undefined).map((p) => p.labels[COMPONENT_LABEL]),
        ),
      ].sort(),
    );
    const bad = scrapes
      .map((f) => evaluateFlow(cluster, f))
      .filter((r) => !r.allowed)
      .map((r) => `${describeFlow(r.flow)}: ${r.summary}`);
    expect(bad).toEqual([]);
  });

  it("needs every allow policy: removing any one blocks a required flow", () => {
    const unnecessary: string[] = [];
    for (const policy of allowPolicies) {
      const without = { ...cluster, policies: cluster.policies.filter((p) => p !== policy) };
      if (blockedFlows(without, flows).length === 0) unnecessary.push(policy.metadata?.name ?? "?");
    }
    expect(unnecessary).toEqual([]);
  });

  it("uses every allow rule (least privilege)", () => {
    expect(unusedAllowRules(cluster, flows).map((u) => `${describeRule(u)}: ${u.why}`)).toEqual([]);
  });

  it("denies by default both ways in the stack's namespace, and only because of default-deny", () => {
    const stackNs = (c: NetworkCluster) =>
      namespacesWithoutDefaultDeny(c).filter((m) => m.namespace === v.spec.namespace);
    expect(stackNs(cluster)).toEqual([]);
    const withoutDeny = { ...cluster, policies: cluster.policies.filter((p) => p.metadata?.name !== "default-deny") };
    expect(stackNs(withoutDeny)).toMatchObject([{ namespace: v.spec.namespace, missing: ["Ingress", "Egress"] }]);
  });

  it("blocks what no required flow asks for", () => {
    const pod = (component: string) => {
      const found = cluster.pods.find((p) => p.labels[COMPONENT_LABEL] === component);
      if (!found) throw new Error(`no ${component} pod`);
      return { kind: "pod" as const, pod: found };
    };
    const outside: Endpoint = { kind: "ip", ip: "203.0.113.10" };
    // Grafana may not reach Prometheus directly (it goes through the Query Frontend); the outside may not reach Alertmanager or Thanos Query.
    expect(evaluateFlow(cluster, { from: pod("grafana"), to: pod("prometheus"), port: 9090 }).allowed).toBe(false);
    expect(evaluateFlow(cluster, { from: outside, to: pod("alertmanager"), port: 9093 }).allowed).toBe(false);
    expect(evaluateFlow(cluster, { from: outside, to: pod("thanos-query"), port: 10902 }).allowed).toBe(false);
    expect(evaluateFlow(cluster, { from: pod("thanos-query"), to: outside, port: 443 }).allowed).toBe(false);
    // With a way in, Grafana's HTTP port admits the ingress controller it names (and Prometheus' scrape) only.
    const toGrafana = (from: Endpoint) => evaluateFlow(cluster, { from, to: pod("grafana"), port: 3000 });
    const proxy = cluster.pods.find((p) => p.name === "route-proxy-0");
    expect(proxy?.namespace).toBe("ingress-nginx");
    expect(toGrafana({ kind: "pod", pod: proxy! }).allowed).toBe(true);
    expect(toGrafana(pod("prometheus")).allowed).toBe(true);
    expect(toGrafana(outside).allowed).toBe(false);
    expect(toGrafana({ kind: "pod", pod: ELSEWHERE_SOURCE }).allowed).toBe(false);
    expect(toGrafana(pod("grafana")).ingress.status).toBe("blocked");
  });
});

describe("the example without a way in (no grafana.ingress)", () => {
  const { cluster, flows } = setup(exampleVariant(WITHOUT_WAY_IN).view);
  const pod = (component: string): Endpoint => ({
    kind: "pod",
    pod: cluster.pods.find((p) => p.labels[COMPONENT_LABEL] === component)!,
  });

  it("allows every required flow", () => {
    expect(blockedFlows(cluster, flows)).toEqual([]);
  });

  it("opens Grafana's HTTP port to any peer (a port-forward, your own LoadBalancer), and no other of its ports", () => {
    const outside: Endpoint = { kind: "ip", ip: "203.0.113.10" };
    expect(evaluateFlow(cluster, { from: outside, to: pod("grafana"), port: 3000 }).allowed).toBe(true);
    expect(
      evaluateFlow(cluster, { from: { kind: "pod", pod: ELSEWHERE_SOURCE }, to: pod("grafana"), port: 3000 }).allowed,
    ).toBe(true);
    expect(evaluateFlow(cluster, { from: outside, to: pod("grafana"), port: 9094 }).allowed).toBe(false);
    // Grafana's own egress does not include its port: only ingress is open.
    const self = evaluateFlow(cluster, { from: pod("grafana"), to: pod("grafana"), port: 3000 });
    expect([self.allowed, self.egress.status, self.ingress.status]).toEqual([false, "blocked", "allowed"]);
  });
});
