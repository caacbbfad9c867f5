import { describe, expect, it } from "vitest";
import { hamonStack } from "../../test/support/example-stack.js";
import { CLUSTER_TARGET_SERIES, clusterTargetSeries } from "./cluster-target-series.js";

const spec = (extra: string) =>
  `cluster: { name: c, zones: [a, b, c]${extra} }\nstorage: { provisioner: p }\nphase: 1\nworkload: { activeSeries: 100000 }\n`;
const sized = (extra: string, more = "") => hamonStack(spec(extra) + more).render;

describe("the cluster targets' series in sizing", () => {
  it("grow with the cluster's nodes and pods, per target", () => {
    const small = sized(", nodes: 10, pods: 300");
    const big = sized(", nodes: 110, pods: 300");
    const s = CLUSTER_TARGET_SERIES;
    const perNode = s.nodeExporterPerNode + s.kubeletPerNode + s.kubeStateMetricsPerNode;
    expect(clusterTargetSeries(big.spec) - clusterTargetSeries(small.spec)).toBe(100 * perNode);
    const morePods = sized(", nodes: 10, pods: 1300");
    expect(clusterTargetSeries(morePods.spec) - clusterTargetSeries(small.spec)).toBe(
      1000 * (s.kubeletPerPod + s.kubeStateMetricsPerPod),
    );
  });

  it("feed the workload, so that a larger cluster needs more Prometheus memory and, with auto, more shards", () => {
    const small = sized(", nodes: 10, pods: 300");
    const large = sized(", nodes: 500, pods: 15000");
    expect(small.sizing.workload.input.activeSeries).toBe(100_000 + clusterTargetSeries(small.spec));
    expect(large.sizing.prometheus.resources.memory.value).toBeGreaterThan(
      small.sizing.prometheus.resources.memory.value,
    );
    expect(small.sizing.prometheus.shards).toBe(1);
    expect(large.sizing.prometheus.shards).toBeGreaterThan(1);
  });

  it("count only the targets that are on", () => {
    const off =
      "targets: { nodeExporter: false, kubeStateMetrics: false, kubelet: false, apiServer: false, coreDns: { enabled: false } }\n";
    expect(clusterTargetSeries(sized(", nodes: 500, pods: 9000", off).spec)).toBe(0);
    const onlyNodes =
      "targets: { kubeStateMetrics: false, kubelet: false, apiServer: false, coreDns: { enabled: false } }\n";
    expect(clusterTargetSeries(sized(", nodes: 500, pods: 9000", onlyNodes).spec)).toBe(
      500 * CLUSTER_TARGET_SERIES.nodeExporterPerNode,
    );
  });
});
