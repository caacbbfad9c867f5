/**
 * The per-node series figure of node-exporter, against the real one: Debian's
 * prometheus-node-exporter with its default collectors, on loopback, scraped once.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { requiredBinary } from "../../test/support/required-binary.js";
import { LOOPBACK, PortAllocator } from "../lab/free-ports.js";
import { CLUSTER_TARGET_SERIES } from "./cluster-target-series.js";

const nodeExporter = requiredBinary("node-exporter");
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill("SIGTERM");
});

/** Sample lines of an exposition: one per series (comments and blank lines are not series). */
const seriesIn = (exposition: string) => exposition.split("\n").filter((l) => l !== "" && !l.startsWith("#")).length;

async function scrapeWhenUp(url: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const res = await fetch(url);
      if (res.ok) return await res.text();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`node-exporter did not answer on ${url}`);
}

describe.skipIf(nodeExporter.skip)("node-exporter's series per node, measured", () => {
  it("is within 25 % of the figure sizing uses", async () => {
    const port = await new PortAllocator().next();
    child = spawn(nodeExporter.path, [`--web.listen-address=${LOOPBACK}:${port}`], { stdio: "ignore" });
    const text = await scrapeWhenUp(`http://${LOOPBACK}:${port}/metrics`);
    const measured = seriesIn(text);
    // A real node-exporter, not an empty page: its CPU and filesystem collectors answered.
    expect(text).toContain("node_cpu_seconds_total");
    expect(text).toContain("node_filesystem_avail_bytes");
    expect(measured).toBeGreaterThan(CLUSTER_TARGET_SERIES.nodeExporterPerNode * 0.75);
    expect(measured).toBeLessThan(CLUSTER_TARGET_SERIES.nodeExporterPerNode * 1.25);
  }, 20_000);
});
