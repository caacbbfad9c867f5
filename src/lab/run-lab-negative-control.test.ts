/**
 * Negative control: the same lab with the Alertmanagers' gossip peers removed. Each Alertmanager
 * then notifies on its own, so every group arrives more than once, and the lab must say so:
 * proof that the exactly-once check of run-lab.test.ts can fail. Also: Ctrl-C stops everything.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { requiredBinary } from "../../test/support/required-binary.js";
import { isProcessRunning } from "../io/process-table.js";
import { formatLabText, labPassed } from "./lab-report.js";
import { loadSpec } from "../spec/load.js";
import { labTopology, runLab, type LabRun } from "./run-lab.js";

const prometheus = requiredBinary("prometheus");
const alertmanager = requiredBinary("alertmanager");
const nodeExporter = requiredBinary("node-exporter");
const ALERTMANAGERS = labTopology(loadSpec(EXAMPLE_SPEC_YAML).spec).alertmanagers;
const here = dirname(fileURLToPath(import.meta.url));

const isAlive = isProcessRunning;

describe.skipIf(prometheus.skip || alertmanager.skip || nodeExporter.skip)(
  "hamon lab negative control: Alertmanagers without peers",
  () => {
    let run: LabRun;
    beforeAll(async () => {
      run = await runLab({
        specText: EXAMPLE_SPEC_YAML,
        specFile: "(built-in example)",
        clustered: false,
      });
    }, 200_000);

    it("delivers duplicates, and the lab reports them", () => {
      expect(run.report.duplicates.length).toBeGreaterThan(0);
      expect(labPassed(run.report)).toBe(false);
      expect(formatLabText(run.report)).toContain("DUPLICATES");
    });

    it("each group started before any fault came from every Alertmanager", () => {
      const first = run.report.duplicates.find((d) => d.alertnames.includes("HamonLabFiresAtStart"))!;
      expect(first.deliveries).toBeGreaterThanOrEqual(ALERTMANAGERS);
      expect(new Set(first.senders).size).toBe(ALERTMANAGERS);
    });

    it("node-exporter's down alert comes from every Alertmanager, and the target-down proof fails", () => {
      const td = run.report.targetDown!;
      expect(td.alerts.length).toBeGreaterThan(0);
      for (const a of td.alerts) expect(a.firing, a.alertname).toBeGreaterThanOrEqual(ALERTMANAGERS);
      expect(td.passed).toBe(false);
      expect(formatLabText(run.report)).toContain("NODE-EXPORTER DOWN FAILED:");
    });

    it("still loses nothing, and stops every process", () => {
      expect(run.report.lost).toEqual([]);
      expect(run.pids.filter(isAlive)).toEqual([]);
      expect(existsSync(run.dir)).toBe(false);
    });
  },
);

/** The pids of a process' children, from /proc (Linux). */
function childPids(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
  return children ? children.split(/\s+/).map(Number) : [];
}

describe.skipIf(prometheus.skip || alertmanager.skip || nodeExporter.skip)("hamon lab: Ctrl-C", () => {
  it("stops every process and removes the temp dir on SIGINT, exit 130", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", resolve(here, "../../test/support/lab-child.ts")], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    await new Promise<void>((resolveReady, reject) => {
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        if (/ready prometheus-1/.test(stderr)) resolveReady();
      });
      void exited.then(() => reject(new Error(`lab exited before it was running:\n${stderr}`)));
    });
    const labProcesses = childPids(child.pid!);
    expect(labProcesses.length).toBe(6); // 3 Alertmanagers, node-exporter, 2 Prometheus
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(labProcesses.filter(isAlive)).toEqual([]);
    const dir = /setup (\S+)/.exec(stderr)![1]!;
    expect(join(dir)).toMatch(/hamon-lab-/);
    expect(existsSync(dir)).toBe(false);
    expect(stderr).toContain("interrupted by SIGINT");
  }, 90_000);
});
