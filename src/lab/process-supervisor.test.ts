import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProcessExitedError, ProcessSupervisor } from "./process-supervisor.js";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("ProcessSupervisor", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hamon-supervisor-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("kills, restarts and finally stops every process it started, even ones that ignore SIGTERM", async () => {
    const supervisor = new ProcessSupervisor();
    supervisor.start({ name: "a", command: "sleep", args: ["30"], logFile: join(dir, "a.log") });
    // ignores SIGTERM: stopAll must fall back to SIGKILL
    supervisor.start({
      name: "b",
      command: "sh",
      args: ["-c", "trap '' TERM; while :; do sleep 0.1; done"],
      logFile: join(dir, "b.log"),
    });
    await supervisor.kill("a");
    supervisor.restart("a");
    const pids = supervisor.allPids();
    expect(pids).toHaveLength(3);
    expect(supervisor.runningPids()).toHaveLength(2);
    supervisor.assertHealthy();
    await supervisor.stopAll();
    expect(pids.filter(alive)).toEqual([]);
  }, 15_000);

  it("reports a process that dies on its own, with its log", async () => {
    const supervisor = new ProcessSupervisor();
    supervisor.start({
      name: "crash",
      command: "sh",
      args: ["-c", "echo bad flag >&2; exit 3"],
      logFile: join(dir, "crash.log"),
    });
    await supervisor.get("crash").exited;
    await sleep(10);
    expect(() => supervisor.assertHealthy()).toThrow(ProcessExitedError);
    expect(() => supervisor.assertHealthy()).toThrow(/crash exited unexpectedly \(exit code 3\)[\s\S]*bad flag/);
    await supervisor.stopAll();
  });
});
