import { describe, expect, it } from "vitest";
import { renderFromSpecText } from "./render-pipeline.js";
import { SpecError } from "../spec/load.js";

const base = (extra: string, zones = "[a, b, c]", perZone = 1) =>
  `cluster: { name: c, zones: ${zones} }\nstorage: { provisioner: p }\nnodePool: { nodesPerZone: ${perZone} }\n${extra}`;

function issues(text: string) {
  try {
    renderFromSpecText(text, "s.yaml");
  } catch (e) {
    if (e instanceof SpecError) return e.issues;
    throw e;
  }
  return [];
}

describe("feasibility", () => {
  it("accepts the defaults on 3 zones with one node each", () => {
    expect(issues(base(""))).toEqual([]);
  });

  it("rejects zone-redundant PostgreSQL on 2 zones, pointing at the instance count", () => {
    const [issue, ...rest] = issues(
      base("grafana: { database: { type: cloudnativepg, instances: 3 } }\n", "[a, b]", 2),
    );
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ path: "grafana.database.instances", line: 4, found: "3 PostgreSQL instances" });
    expect(issue!.expected).toMatch(/at most 2: instances are spread one per zone/);
  });

  it("rejects more replicas than nodes that hard anti-affinity allows", () => {
    const found = issues(base("alertmanager: { replicas: 4 }\n"));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: "alertmanager.replicas", line: 4, found: "4 Alertmanager replicas" });
    expect(found[0]!.expected).toContain("3 zones × nodePool.nodesPerZone 1 = 3 nodes");
  });

  it("counts Prometheus pods as replicas × shards", () => {
    expect(issues(base("prometheus: { replicas: 2, shards: 2 }\n")).map((i) => i.path)).toEqual([
      "prometheus.replicas",
    ]);
    expect(issues(base("prometheus: { replicas: 2, shards: 2 }\n", "[a, b, c]", 2))).toEqual([]);
  });

  it("ignores components of later phases", () => {
    expect(issues(base("phase: 2\ngrafana: { replicas: 5 }\n"))).toEqual([]);
    expect(issues(base("phase: 3\ngrafana: { replicas: 5 }\n")).map((i) => i.path)).toEqual(["grafana.replicas"]);
  });

  it("rejects a fixed-shard Prometheus pod larger than a node; auto shards grow until a pod fits", () => {
    // The workload's 1,000,000 series alone, without the cluster targets' (sizing/cluster-target-series.ts).
    const NO_CLUSTER_TARGETS =
      "targets: { nodeExporter: false, kubeStateMetrics: false, kubelet: false, apiServer: false, coreDns: { enabled: false } }\n";
    // Two Store Gateway shards: on 2Gi nodes, one shard's index-headers for the three Prometheus
    // shards that auto makes would not fit (see "rejects a Store Gateway larger than a node").
    const small = (prometheus: string, perZone = 2) =>
      `cluster: { name: c, zones: [a, b, c] }\nstorage: { provisioner: p }\nnodePool: { memory: 2Gi, nodesPerZone: ${perZone} }\nprometheus: ${prometheus}\nthanos: { store: { shards: 2 } }\n${NO_CLUSTER_TARGETS}`;
    const fixed = issues(small("{ shards: 1 }"));
    expect(fixed.map((i) => i.path)).toEqual(["prometheus.resources"]);
    expect(fixed[0]!.expected).toContain("fits a node's 2Gi");
    const auto = renderFromSpecText(small("{ shards: auto }"), "s.yaml");
    expect(auto.sizing.prometheus.shards).toBeGreaterThan(1);
    expect(auto.sizing.prometheus.resources.memory.value).toBeLessThanOrEqual(2 * 2 ** 30);
    // More shards need more nodes: on one node per zone the pods no longer fit one per node.
    expect(issues(small("{ shards: auto }", 1)).map((i) => i.path)).toEqual(["prometheus.replicas"]);
  });
});

describe("sizing limits", () => {
  it("reports a value the schema accepts but sizing cannot model as a located spec error", () => {
    const found = issues(base("workload: { scrapeInterval: 100ms }\n"));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: "workload.scrapeInterval", line: 4, found: "100ms" });
  });
});
