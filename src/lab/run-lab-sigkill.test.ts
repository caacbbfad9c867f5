/**
 * `hamon lab` killed with SIGKILL, which no handler can catch: its Prometheus, Alertmanager and
 * node-exporter processes die with it (setpriv's parent-death signal), its temp folder stays (nothing can run at
 * that moment), and the next run removes that folder.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requiredBinary } from "../../test/support/required-binary.js";
import { findBinary } from "./binaries.js";
import { isProcessRunning } from "../io/process-table.js";

const prometheus = requiredBinary("prometheus");
const alertmanager = requiredBinary("alertmanager");
const nodeExporter = requiredBinary("node-exporter");
const setpriv = findBinary("setpriv");
const here = dirname(fileURLToPath(import.meta.url));

/** The pids of a process' children, from /proc (Linux). */
function childPids(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
  return children ? children.split(/\s+/).map(Number) : [];
}

/** Runs the lab (lab-child.ts) with its temp folder under `tmp`; resolves once `ready` shows in its progress. */
function labChild(tmp: string, env: NodeJS.ProcessEnv, ready?: RegExp) {
  const child = spawn(process.execPath, ["--import", "tsx", resolve(here, "../../test/support/lab-child.ts")], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, TMPDIR: tmp, ...env },
  });
  let stderr = "";
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const reached = new Promise<void>((resolveReady, reject) => {
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (ready?.test(stderr)) resolveReady();
    });
    void exited.then(() => (ready ? reject(new Error(`lab exited before ${ready}:\n${stderr}`)) : resolveReady()));
  });
  return { child, exited, reached, stderr: () => stderr };
}

describe.skipIf(prometheus.skip || alertmanager.skip || nodeExporter.skip || setpriv === undefined)(
  "hamon lab: SIGKILL",
  () => {
    let root: string;
    const labProcesses: number[] = [];
    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), "hamon-test-sigkill-"));
    });
    afterAll(async () => {
      for (const pid of labProcesses.filter(isProcessRunning)) process.kill(pid, "SIGKILL");
      await rm(root, { recursive: true, force: true });
    });

    it("leaves no process behind; the next run removes the temp folder it left", async () => {
      const lab = labChild(root, {}, /ready prometheus-1/);
      await lab.reached;
      labProcesses.push(...childPids(lab.child.pid!));
      expect(labProcesses).toHaveLength(6); // 3 Alertmanagers, node-exporter, 2 Prometheus
      lab.child.kill("SIGKILL");
      await lab.exited;
      const deadline = Date.now() + 5_000;
      while (labProcesses.some(isProcessRunning) && Date.now() < deadline) await sleep(50);
      expect(labProcesses.filter(isProcessRunning)).toEqual([]);

      const dir = /setup (\S+)/.exec(lab.stderr())![1]!;
      expect(dirname(dir)).toBe(root);
      expect(existsSync(dir)).toBe(true);

      // The next run (one whose Prometheus fails at once, to be quick) removes it first.
      const fake = join(root, "failing-prometheus");
      await writeFile(
        fake,
        '#!/bin/sh\n[ "$1" = --version ] && { echo "prometheus, version 2.42.0"; exit 0; }\nexit 1\n',
      );
      await chmod(fake, 0o755);
      const next = labChild(root, { HAMON_PROMETHEUS: fake });
      await next.exited;
      expect(next.stderr()).toContain("hamon lab: removed 1 temp folder of a killed lab run");
      expect(existsSync(dir)).toBe(false);
      // The failed run removed its own too (tsx keeps its compile cache in TMPDIR: tsx-<uid>).
      expect((await readdir(root)).filter((name) => name.startsWith("hamon-"))).toEqual([]);
    }, 90_000);
  },
);
