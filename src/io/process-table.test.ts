import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isProcessRunning, processesConfiguredIn } from "./process-table.js";

describe("process table", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "hamon-test-proc-"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("tells a running process from an ended one, a zombie included", async () => {
    expect(isProcessRunning(process.pid)).toBe(true);
    const ended = Number(spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" }).stdout.trim());
    expect(isProcessRunning(ended)).toBe(false);
    expect(isProcessRunning(0)).toBe(false);
    // A child that exited but that nobody reaped yet (its parent, the sh, sleeps): a zombie.
    const parent = spawn("sh", ["-c", "true & echo $!; exec sleep 30"], { stdio: ["ignore", "pipe", "ignore"] });
    const zombie = Number(await new Promise<string>((r) => parent.stdout.once("data", (d: Buffer) => r(d.toString()))));
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(isProcessRunning(zombie)).toBe(false);
      expect(isProcessRunning(parent.pid!)).toBe(true);
    } finally {
      parent.kill("SIGKILL");
    }
  });

  it("finds the processes started with a flag pointing into a folder, and no others", async () => {
    const folder = join(root, "hamon-lab-1-abcdef");
    const script = "setInterval(() => {}, 1000)";
    const configured = spawn(process.execPath, ["-e", script, "--", `--config.file=${folder}/prometheus.yml`]);
    const mentions = spawn(process.execPath, ["-e", script, "--", `${folder}/prometheus.log`]);
    const sibling = spawn(process.execPath, ["-e", script, "--", `--config.file=${folder}-2/prometheus.yml`]);
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(processesConfiguredIn(folder)).toEqual([configured.pid]);
    } finally {
      for (const p of [configured, mentions, sibling]) p.kill("SIGKILL");
    }
  });
});
