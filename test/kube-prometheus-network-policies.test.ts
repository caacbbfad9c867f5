/**
 * kube-prometheus' own NetworkPolicies (../shared/corpus/kube-prometheus, manifests/ of
 * prometheus-operator/kube-prometheus), evaluated against the flows its own configuration asks
 * for, with the result explained:
 * - every policy isolates its pods both ways but allows all egress (`egress: [{}]`), and admits
 *   ingress only from Prometheus (plus Grafana and prometheus-adapter to Prometheus, Alertmanager
 *   peers to each other): every scrape its ServiceMonitors ask for is allowed;
 * - nothing lets users reach Grafana: its policy admits only Prometheus (kube-prometheus expects
 *   you to add your own policy, or to use `kubectl port-forward`, which comes from the node);
 * - the namespace has no default deny, either way;
 * - one allow rule serves no flow of the stack: node-exporter's "allow all egress".
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { namespacesWithoutDefaultDeny } from "../src/netpol/default-deny.js";
import { describeRule } from "../src/netpol/describe.js";
import { evaluateFlow } from "../src/netpol/evaluate-flow.js";
import type { ClusterPod, Endpoint, Flow } from "../src/netpol/model.js";
import { unusedAllowRules } from "../src/netpol/unused-rules.js";
import { manifestCluster, readManifests } from "./support/manifest-network-cluster.js";
import { scrapeFlows } from "../src/netpol/monitor-flows.js";

const CORPUS = fileURLToPath(new URL("../../shared/corpus/kube-prometheus", import.meta.url));
const present = existsSync(CORPUS);
if (!present)
  console.warn(
    `kube-prometheus NetworkPolicy test skipped: ${CORPUS} is absent (the shared corpus is not part of a clone)`,
  );

describe.skipIf(!present)("kube-prometheus NetworkPolicies", () => {
  // A skipped suite's body is still collected: without the corpus there is nothing to build.
  if (!present) return;
  const objects = readManifests(CORPUS);
  const cluster = manifestCluster(objects);
  const byName = (name: string): ClusterPod[] =>
    cluster.pods.filter((p) => p.labels["app.kubernetes.io/name"] === name);
  const one = (name: string): Endpoint => {
    const [p] = byName(name);
    if (!p) throw new Error(`no ${name} pod in the corpus`);
    return { kind: "pod", pod: p };
  };
  const [am0, am1] = byName("alertmanager");
  const prometheus = byName("prometheus");
  const scrapes = scrapeFlows(objects, cluster, prometheus);
  const API_SERVER: Endpoint = { kind: "ip", ip: "192.0.2.1" };
  const OUTSIDE: Endpoint = { kind: "ip", ip: "203.0.113.7" };
  const USERS: Endpoint = {
    kind: "pod",
    pod: {
      namespace: "ingress-nginx",
      name: "controller-0",
      labels: { "app.kubernetes.io/name": "ingress-nginx" },
      ports: [],
    },
  };
  if (!am0 || !am1) throw new Error("expected two Alertmanager pods");

  /** What the stack's own configuration needs, besides scrapes. */
  const stackFlows: Array<Flow & { why: string }> = [
    ...prometheus.map((p) => ({
      from: { kind: "pod" as const, pod: p },
      to: { kind: "pod" as const, pod: am0 },
      port: "web",
      why: "alerts (Prometheus CR alerting.alertmanagers, port web)",
    })),
    { from: { kind: "pod", pod: am0 }, to: { kind: "pod", pod: am1 }, port: 9094, why: "Alertmanager gossip, TCP" },
    {
      from: { kind: "pod", pod: am0 },
      to: { kind: "pod", pod: am1 },
      port: 9094,
      protocol: "UDP",
      why: "Alertmanager gossip, UDP",
    },
    { from: { kind: "pod", pod: am0 }, to: OUTSIDE, port: 443, why: "notification receivers" },
    {
      from: one("grafana"),
      to: { kind: "pod", pod: prometheus[0] as ClusterPod },
      port: 9090,
      why: "datasource http://prometheus-k8s.monitoring.svc:9090 (grafana-dashboardDatasources.yaml)",
    },
    {
      from: one("prometheus-adapter"),
      to: { kind: "pod", pod: prometheus[0] as ClusterPod },
      port: 9090,
      why: "--prometheus-url=http://prometheus-k8s.monitoring.svc:9090/",
    },
    { from: { kind: "pod", pod: prometheus[0] as ClusterPod }, to: API_SERVER, port: 6443, why: "service discovery" },
    { from: one("kube-state-metrics"), to: API_SERVER, port: 6443, why: "list/watch of every object" },
    { from: one("prometheus-operator"), to: API_SERVER, port: 6443, why: "reconciling CRs" },
    { from: one("prometheus-adapter"), to: API_SERVER, port: 6443, why: "aggregated API" },
    { from: one("blackbox-exporter"), to: OUTSIDE, port: 443, why: "probes" },
  ];

  it("finds the pods and the scrapes of the corpus", () => {
    expect(cluster.policies.map((p) => p.metadata?.name).sort()).toEqual([
      "alertmanager-main",
      "blackbox-exporter",
      "grafana",
      "kube-state-metrics",
      "node-exporter",
      "prometheus-adapter",
      "prometheus-k8s",
      "prometheus-operator",
    ]);
    // Eight ServiceMonitors select Services of the corpus (the five control-plane ones select kube-system Services that are not in it).
    expect([...new Set(scrapes.map((s) => s.monitor))].sort()).toEqual([
      "monitoring/alertmanager-main",
      "monitoring/blackbox-exporter",
      "monitoring/grafana",
      "monitoring/kube-state-metrics",
      "monitoring/node-exporter",
      "monitoring/prometheus-adapter",
      "monitoring/prometheus-k8s",
      "monitoring/prometheus-operator",
    ]);
  });

  it("allows every scrape its ServiceMonitors ask for: each exporter admits app.kubernetes.io/name=prometheus on its port", () => {
    const blocked = scrapes.map((f) => evaluateFlow(cluster, f)).filter((v) => !v.allowed);
    expect(blocked.map((v) => v.summary)).toEqual([]);
    const ksm = evaluateFlow(cluster, scrapes.find((s) => s.monitor.endsWith("/kube-state-metrics")) as Flow);
    expect(ksm.ingress).toMatchObject({
      status: "allowed",
      by: [{ policy: "monitoring/kube-state-metrics", ruleIndex: 0, peerIndex: 0 }],
    });
    expect(ksm.egress).toMatchObject({
      status: "allowed",
      by: [{ policy: "monitoring/prometheus-k8s", ruleIndex: 0 }],
    });
  });

  it("allows the stack's other flows: alerts, gossip both protocols, the datasource, the API server, anything outbound", () => {
    const bad = stackFlows.map((f) => ({ why: f.why, v: evaluateFlow(cluster, f) })).filter((r) => !r.v.allowed);
    expect(bad.map((r) => `${r.why}: ${r.v.summary}`)).toEqual([]);
  });

  it("blocks users from Grafana: only Prometheus may reach port 3000", () => {
    for (const from of [USERS, OUTSIDE]) {
      const v = evaluateFlow(cluster, { from, to: one("grafana"), port: 3000 });
      expect(v.allowed).toBe(false);
      expect(v.ingress).toMatchObject({ status: "blocked", isolatedBy: ["monitoring/grafana"] });
    }
    // …and also blocks a pod of the namespace that is not Prometheus, e.g. Alertmanager reaching Prometheus' reloader port.
    expect(
      evaluateFlow(cluster, {
        from: { kind: "pod", pod: am0 },
        to: { kind: "pod", pod: prometheus[0] as ClusterPod },
        port: 8080,
      }).allowed,
    ).toBe(false);
  });

  it("has no default deny in the monitoring namespace (each pod is isolated by its own policy only)", () => {
    expect(namespacesWithoutDefaultDeny(cluster)).toEqual([
      { namespace: "monitoring", missing: ["Ingress", "Egress"], pods: cluster.pods.length },
    ]);
  });

  it("has allow rules that no flow of the stack uses", () => {
    const unused = unusedAllowRules(cluster, [...scrapes, ...stackFlows]).map((u) => `${describeRule(u)}: ${u.why}`);
    // Every ingress rule serves a flow (scrapes, alerts, gossip, the datasource, the adapter);
    // every pod but node-exporter starts some flow through its `egress: [{}]`. node-exporter
    // only answers scrapes, so "allow all egress" is more than it needs (and it runs with
    // hostNetwork, where most implementations do not enforce NetworkPolicy at all).
    expect(unused).toEqual(["monitoring/node-exporter egress[0]: no flow matches it"]);
  });
});
