/**
 * The lab when a process fails: a Prometheus that exits at once. The lab must stop, name the
 * process and quote its log, stop the Alertmanagers and the node-exporter it had started, and
 * remove its temp dir.
 * It runs without setpriv, which the lab must mention.
 */
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { requiredBinary } from "../../test/support/required-binary.js";
import { ProcessExitedError } from "./process-supervisor.js";
import { runLab } from "./run-lab.js";

const alertmanager = requiredBinary("alertmanager");
const nodeExporter = requiredBinary("node-exporter");

describe.skipIf(alertmanager.skip || nodeExporter.skip)("hamon lab: a process that fails to start", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hamon-lab-failure-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("stops with the process' log, stops everything else and removes its temp dir", async () => {
    const fake = join(dir, "prometheus");
    await writeFile(
      fake,
      '#!/bin/sh\n[ "$1" = --version ] && { echo "prometheus, version 2.42.0"; exit 0; }\necho "err: unknown flag --bogus" >&2\nexit 1\n',
    );
    await chmod(fake, 0o755);
    const lines: string[] = [];
    let error: unknown;
    try {
      await runLab({
        specText: EXAMPLE_SPEC_YAML,
        specFile: "(built-in example)",
        // Without setpriv, too: the lab says so in one line, and still stops everything it started.
        env: { ...process.env, HAMON_PROMETHEUS: fake, HAMON_SETPRIV: "/nonexistent/setpriv" },
        progress: (l) => lines.push(l),
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProcessExitedError);
    expect(lines.filter((l) => l.includes("setpriv"))).toEqual([
      "hamon lab: setpriv (util-linux) not found: if hamon is killed with SIGKILL, its processes run on until the next hamon lab",
    ]);
    expect((error as Error).message).toMatch(
      /prometheus-[01] exited unexpectedly \(exit code 1\)[\s\S]*unknown flag --bogus/,
    );
    const labDir = /setup (\S+)/.exec(lines.join("\n"))![1]!;
    expect(existsSync(labDir)).toBe(false);
    // The Alertmanagers and the node-exporter had been started (and must be gone: their ports answer no more).
    const ports = lines
      .filter((l) => / ready (alertmanager-|node-exporter)/.test(l))
      .map((l) => /127\.0\.0\.1:(\d+)/.exec(l)![1]);
    expect(ports).toHaveLength(4);
    for (const port of ports) await expect(fetch(`http://127.0.0.1:${port}/-/ready`)).rejects.toThrow();
  }, 90_000);
});
