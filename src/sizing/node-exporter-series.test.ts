/**
 * The per-node series figure of node-exporter, against the real one: Debian's
 * prometheus-node-exporter with its default collectors, on loopback, scraped once.
 */
import { describe, expect, it } from "vitest";
import { loopbackProcesses } from "../../test/support/loopback-prometheus.js";
import { requiredBinary } from "../../test/support/required-binary.js";
import { CLUSTER_TARGET_SERIES } from "./cluster-target-series.js";

const nodeExporter = requiredBinary("node-exporter");
const processes = loopbackProcesses();

/** Sample lines of an exposition: one per series (comments and blank lines are not series). */
const seriesIn = (exposition: string) => exposition.split("\n").filter((l) => l !== "" && !l.startsWith("#")).length;

describe.skipIf(nodeExporter.skip)("node-exporter's series per node, measured", () => {
  it("is within 25 % of the figure sizing uses", async () => {
    const address = await processes.nodeExporter(nodeExporter.path);
    const text = await (await fetch(`http://${address}/metrics`)).text();
    const measured = seriesIn(text);
    // A real node-exporter, not an empty page: its CPU and filesystem collectors answered.
    expect(text).toContain("node_cpu_seconds_total");
    expect(text).toContain("node_filesystem_avail_bytes");
    expect(measured).toBeGreaterThan(CLUSTER_TARGET_SERIES.nodeExporterPerNode * 0.75);
    expect(measured).toBeLessThan(CLUSTER_TARGET_SERIES.nodeExporterPerNode * 1.25);
  }, 20_000);
});
