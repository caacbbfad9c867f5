import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requiredBinary } from "../../test/support/required-binary.js";
import { findBinary } from "./binaries.js";
import { removeStaleTempDirs } from "./owned-temp-dir.js";
import { guardedCommand, ProcessExitedError, ProcessSupervisor } from "./process-supervisor.js";
import { isProcessRunning } from "../io/process-table.js";

const alive = isProcessRunning;
const here = dirname(fileURLToPath(import.meta.url));
const setpriv = findBinary("setpriv");
const prometheus = requiredBinary("prometheus");

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

describe.skipIf(setpriv === undefined)("guardedCommand: the parent check before the binary starts", () => {
  it("runs the command when its parent is the expected one, and nothing when hamon died first", () => {
    const ours = guardedCommand("echo", ["started"], setpriv, process.pid);
    const run = spawnSync(ours.command, ours.args, { encoding: "utf8" });
    expect(run.stdout).toBe("started\n");
    expect(run.status).toBe(0);
    // As if hamon had died before setpriv's prctl(): the child's parent is then another process.
    const orphan = guardedCommand("echo", ["started"], setpriv, 1);
    const orphanRun = spawnSync(orphan.command, orphan.args, { encoding: "utf8" });
    expect(orphanRun.stdout).toBe("");
    expect(orphanRun.status).toBe(125);
  });

  it("is the command itself without setpriv", () => {
    expect(guardedCommand("prometheus", ["--version"], undefined)).toEqual({
      command: "prometheus",
      args: ["--version"],
    });
  });
});

/** The running process' executable name (what it exec'd into), or undefined once it ended. */
function commandName(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return undefined;
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

describe.skipIf(prometheus.skip)("ProcessSupervisor: the parent killed with SIGKILL", () => {
  let root: string;
  /** Every process the children started: killed in afterAll if a test failed and left one. */
  const started: number[] = [];
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "hamon-test-supervisor-"));
    await writeFile(join(root, "prometheus.yml"), "global: {}\n");
  });
  afterAll(async () => {
    for (const pid of started.filter(alive)) process.kill(pid, "SIGKILL");
    await rm(root, { recursive: true, force: true });
  });

  const prometheusCommand = (name: string) => ({
    name,
    command: prometheus.path,
    args: [
      `--config.file=${join(root, "prometheus.yml")}`,
      `--storage.tsdb.path={dir}/${name}`,
      "--web.listen-address=127.0.0.1:0",
    ],
  });

  /** Starts a supervisor in a Node process of its own, with its temp folder under `root`; waits until every child has exec'd. */
  async function supervisorChild(
    commands: Array<{ name: string; command: string; args: string[] }>,
    env: NodeJS.ProcessEnv = {},
  ) {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", resolve(here, "../../test/support/supervisor-child.ts"), JSON.stringify(commands)],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TMPDIR: root, ...env } },
    );
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const line = await new Promise<string>((resolveLine, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes("\n")) resolveLine(stdout.split("\n")[0]!);
      });
      void exited.then(() => reject(new Error(`supervisor child exited early:\n${stderr}`)));
    });
    const { dir, pids } = JSON.parse(line) as { dir: string; pids: number[] };
    started.push(...pids);
    const names = commands.map((c) => c.command.split("/").pop()!.slice(0, 15));
    expect(await until(() => pids.every((pid, i) => commandName(pid) === names[i]), 10_000)).toBe(true);
    return { child, exited, dir, pids };
  }

  it.skipIf(setpriv === undefined)(
    "its children die with it within seconds: a real Prometheus and a sleep",
    async () => {
      const { child, exited, dir, pids } = await supervisorChild([
        prometheusCommand("prometheus-0"),
        { name: "sleep", command: "sleep", args: ["600"] },
      ]);
      expect(pids).toHaveLength(2);
      expect(pids.filter(alive)).toEqual(pids);
      child.kill("SIGKILL");
      await exited;
      expect(await until(() => pids.every((pid) => !alive(pid)), 5_000)).toBe(true);
      // Nothing could remove the folder at that moment: the next run does (owned-temp-dir.test.ts).
      expect(existsSync(dir)).toBe(true);
    },
    30_000,
  );

  it("without setpriv its children outlive it, and the next run's sweep stops them and removes the folder", async () => {
    const { child, exited, dir, pids } = await supervisorChild(
      [prometheusCommand("prometheus-0"), prometheusCommand("prometheus-1")],
      { HAMON_SETPRIV: "/nonexistent/setpriv" },
    );
    child.kill("SIGKILL");
    await exited;
    await sleep(1_000);
    expect(pids.filter(alive)).toEqual(pids); // the orphans the parent-death signal prevents
    const sweep = await removeStaleTempDirs("lab", root);
    expect(sweep.removed).toContain(dir);
    expect([...sweep.killed].sort()).toEqual([...pids].sort());
    expect(existsSync(dir)).toBe(false);
    expect(await until(() => pids.every((pid) => !alive(pid)), 5_000)).toBe(true);
  }, 30_000);
});
