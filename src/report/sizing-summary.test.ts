import { describe, expect, it } from "vitest";
import { loadSpec } from "../spec/load.js";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { sizeStack } from "../sizing/size-stack.js";
import { sizingSummary } from "./sizing-summary.js";
import { clusterTargetSeries } from "../sizing/cluster-target-series.js";

describe("sizingSummary", () => {
  it("states the example's shards, per-replica resources and object storage from the sizing", () => {
    const { spec } = loadSpec(EXAMPLE_SPEC_YAML);
    const sizing = sizeStack(spec);
    const rows = Object.fromEntries(sizingSummary(spec, sizing).map((r) => [r.label, r.value]));
    expect(rows["Prometheus shards × replicas"]).toBe(`${sizing.prometheus.shards} × 2`);
    expect(rows["Prometheus per replica"]).toContain(sizing.prometheus.resources.memory.toBytesString());
    expect(rows["Object storage uploaded per day"]).toMatch(/GiB|TiB/);
  });
  it("lists the cluster targets that are on and the series they add", () => {
    const { spec } = loadSpec(
      EXAMPLE_SPEC_YAML + "targets: { kubeStateMetrics: false, coreDns: { enabled: false } }\n",
    );
    const rows = sizingSummary(spec, sizeStack(spec));
    expect(rows.find((r) => r.label === "Cluster targets")?.value).toBe(
      "node-exporter, kubelet (metrics, cAdvisor, probes), API server",
    );
    const series = rows.find((r) => r.label.startsWith("Their series"));
    expect(series?.label).toBe(`Their series (${spec.cluster.nodes} nodes, ${spec.cluster.pods} pods)`);
    expect(Number(series?.value.replace(/,/g, ""))).toBe(clusterTargetSeries(spec));
  });
  it("leaves out what the phase does not render", () => {
    const { spec } = loadSpec(EXAMPLE_SPEC_YAML.replace("phase: 4 ", "phase: 1 "));
    const labels = sizingSummary(spec, sizeStack(spec)).map((r) => r.label);
    expect(labels.some((l) => l.includes("Object storage") || l.includes("Grafana"))).toBe(false);
  });
});
