/**
 * hamon's built-in example on the spec's own node pool: the acceptance of the issue.
 */
import { describe, expect, it } from "vitest";
import { EXAMPLE_DATABASE_YAML, EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { exampleStack, hamonStack } from "../../test/support/example-stack.js";
import { formatSimulationText, TEXT_WIDTH } from "./format-text.js";
import { simulate } from "./simulate.js";

const { inventory, nodes } = exampleStack();
const result = simulate(inventory, nodes);

describe("hamon's example stack", () => {
  it("places every pod", () => {
    expect(result.placement.filter((p) => p.node === null)).toEqual([]);
    // 2 Prometheus, 3 Alertmanager, 2+2 Query/Frontend, 2 Store, 1 Compactor, 2 Grafana, 3 PostgreSQL,
    // 2 kube-state-metrics, scheduled (Redis is off by default); and node-exporter's DaemonSet, one pod on each of the 6 nodes
    // (it tolerates every taint, the pool's dedicated taint included).
    expect(result.placement.filter((p) => !p.perNode)).toHaveLength(19);
    const daemon = result.placement.filter((p) => p.perNode);
    expect(daemon.map((p) => p.component)).toEqual(nodes.map(() => "node-exporter"));
    expect(daemon.map((p) => p.node)).toEqual(nodes.map((n) => n.name));
  });

  it("survives any single node or zone loss without any component down", () => {
    const losses = result.scenarios.filter((s) => s.kind === "node" || s.kind === "zone");
    expect(losses).toHaveLength(6 + 3);
    const down = losses.flatMap((s) =>
      s.components.filter((c) => c.status === "down").map((c) => `${s.id} ${c.component}: ${c.reason}`),
    );
    expect(down).toEqual([]);
  });

  it("covers the stack's eight components (Redis is off) and the cluster's two exporters in every scenario", () => {
    for (const s of result.scenarios) {
      expect(s.components.map((c) => c.component)).toEqual([
        "prometheus",
        "alertmanager",
        "thanos-query",
        "thanos-query-frontend",
        "thanos-store",
        "thanos-compact",
        "grafana",
        "postgresql",
        "kube-state-metrics",
        "node-exporter",
      ]);
    }
  });

  it("has a JSON of exactly the agreed shape", () => {
    const json = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(["placement", "scenarios", "worstCase"]);
    for (const s of result.scenarios) {
      expect(Object.keys(s)).toEqual(["id", "kind", "target", "components"]);
      for (const c of s.components) expect(Object.keys(c)).toEqual(["component", "status", "reason"]);
    }
    expect(new Set(result.scenarios.map((s) => s.kind))).toEqual(new Set(["node", "zone", "drain", "upgrade"]));
  });

  it("no drain is blocked: every PDB allows one disruption", () => {
    const blocked = result.scenarios.flatMap((s) => s.components.filter((c) => c.reason.includes("blocked")));
    expect(blocked).toEqual([]);
  });

  it("tells guaranteed from likely HA: the required zone spread of the components with zonal volumes and the zone anti-affinity of CloudNativePG guarantee zones, the stateless ones' preferred spread does not", () => {
    const verdicts = Object.fromEntries(result.worstCase.map((w) => [w.group, w.verdict]));
    expect(verdicts).toEqual({
      "monitoring/Prometheus/hamon#shard-0": "zone-spread-guaranteed",
      "monitoring/Alertmanager/hamon": "zone-spread-guaranteed",
      "monitoring/Deployment/thanos-query": "node-spread-guaranteed",
      "monitoring/Deployment/thanos-query-frontend": "node-spread-guaranteed",
      "monitoring/StatefulSet/thanos-store-0": "zone-spread-guaranteed",
      "monitoring/StatefulSet/thanos-compact": "single-replica",
      "monitoring/Deployment/grafana": "node-spread-guaranteed",
      "monitoring/Cluster/grafana-db": "zone-spread-guaranteed",
      "monitoring/Deployment/kube-state-metrics": "node-spread-guaranteed",
    });
  });

  it("spreads each HA pair over two zones in the expected placement", () => {
    const zonesOf = (group: string) => new Set(result.placement.filter((p) => p.group === group).map((p) => p.zone));
    for (const g of [
      "monitoring/Prometheus/hamon#shard-0",
      "monitoring/Deployment/thanos-query",
      "monitoring/StatefulSet/thanos-store-0",
      "monitoring/Deployment/grafana",
    ]) {
      expect(zonesOf(g).size).toBe(2);
    }
    expect(zonesOf("monitoring/Alertmanager/hamon").size).toBe(3);
  });

  it("prints a matrix that fits in 100 columns", () => {
    const text = formatSimulationText(result);
    const long = text.split("\n").filter((l) => [...l].length > TEXT_WIDTH);
    expect(long).toEqual([]);
    expect(text).toMatch(/^scenario +prom +alertm +query +qfront +store +compac +grafan +pg +ksm +nodeex$/m);
    expect(text).toMatch(/^zone eu-west-1a +(ok|deg) /m);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(simulate(inventory, nodes))).toBe(JSON.stringify(result));
  });
});

describe("a sharded example", () => {
  it("places one group per Prometheus shard and keeps each shard alive through any zone loss", () => {
    const spec = EXAMPLE_SPEC_YAML.replace("shards: auto", "shards: 2").replace(
      "store: { shards: 1, replicas: 2 }",
      "store: { shards: 2, replicas: 2 }",
    );
    const stack = hamonStack(spec);
    const r = simulate(stack.inventory, stack.nodes, { scenarios: { drain: false, upgrade: false } });
    expect(r.placement.filter((p) => p.component === "prometheus").map((p) => p.pod)).toEqual([
      "prometheus-hamon-0",
      "prometheus-hamon-1",
      "prometheus-hamon-shard-1-0",
      "prometheus-hamon-shard-1-1",
    ]);
    expect(r.placement.filter((p) => p.node === null)).toEqual([]);
    for (const s of r.scenarios)
      for (const c of s.components) expect(`${s.id} ${c.component} ${c.status}`).not.toMatch(/down$/);
  });
});

describe("other phases", () => {
  it("phase 1 has only Prometheus and Alertmanager (and the cluster's exporters), on untainted nodes", () => {
    const stack = hamonStack(EXAMPLE_SPEC_YAML.replace("phase: 4 ", "phase: 1 "));
    expect(stack.nodes.every((n) => n.taints.length === 0)).toBe(true);
    const r = simulate(stack.inventory, stack.nodes);
    expect([...new Set(r.scenarios.flatMap((s) => s.components.map((c) => c.component)))]).toEqual([
      "prometheus",
      "alertmanager",
      "kube-state-metrics",
      "node-exporter",
    ]);
    // 2 Prometheus, 3 Alertmanager, 2 kube-state-metrics, and one node-exporter on each node.
    expect(r.placement.filter((p) => !p.perNode).map((p) => p.node === null)).toEqual(Array(7).fill(false));
    expect(r.placement.filter((p) => p.perNode)).toHaveLength(stack.nodes.length);
  });

  it("phase 1 pods do not tolerate the pool taint of a phase-4 topology: Pending, and said so", () => {
    const stack = hamonStack(EXAMPLE_SPEC_YAML.replace("phase: 4 ", "phase: 1 "));
    const r = simulate(stack.inventory, exampleStack().nodes);
    const scheduled = r.placement.filter((p) => !p.perNode);
    expect(scheduled.every((p) => p.node === null)).toBe(true);
    expect(scheduled[0]!.unschedulable![0]!.rejectedBy[0]).toMatchObject({ plugin: "TaintToleration" });
    // node-exporter tolerates every taint: it runs on the tainted pool all the same.
    expect(r.placement.filter((p) => p.perNode).every((p) => p.node !== null)).toBe(true);
  });

  it("an external database leaves Grafana without a PostgreSQL dependency", () => {
    const spec = EXAMPLE_SPEC_YAML.replace(
      EXAMPLE_DATABASE_YAML,
      "database: { type: external, host: db.example.com:5432, secretName: grafana-db }",
    );
    const stack = hamonStack(spec);
    const r = simulate(stack.inventory, stack.nodes);
    expect(r.scenarios[0]!.components.map((c) => c.component)).not.toContain("postgresql");
    expect(r.scenarios.flatMap((s) => s.components).filter((c) => c.status === "down")).toEqual([]);
  });
});
