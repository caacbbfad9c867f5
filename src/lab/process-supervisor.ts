/**
 * Starts the lab's child processes and guarantees they stop: on a kill the lab injects, on
 * `stopAll()` (normal end, failure) and on the parent's exit. Output goes to one log file per
 * process in the lab's temp dir; the tail is quoted when a process fails to start.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";

export interface ProcessSpec {
  /** Lab name: prometheus-0, alertmanager-2, … */
  name: string;
  command: string;
  args: string[];
  logFile: string;
}

export interface ManagedProcess {
  spec: ProcessSpec;
  child: ChildProcess;
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<void>;
  running: boolean;
  /** True once the lab itself killed it (an injected fault or cleanup). */
  killedByLab: boolean;
}

/** A process exited while the lab expected it to run. */
export class ProcessExitedError extends Error {
  override name = "ProcessExitedError";
}

const STOP_GRACE_MS = 3_000;

export class ProcessSupervisor {
  private readonly processes = new Map<string, ManagedProcess>();
  private readonly killAllOnExit = () => {
    for (const p of this.processes.values()) if (p.running) p.child.kill("SIGKILL");
  };
  private unexpected: ProcessExitedError | undefined;
  /** Every process id ever started, restarts included. */
  private readonly started: number[] = [];

  constructor() {
    process.on("exit", this.killAllOnExit);
  }

  start(spec: ProcessSpec): ManagedProcess {
    const existing = this.processes.get(spec.name);
    if (existing?.running) throw new Error(`lab bug: ${spec.name} is already running`);
    const log = openSync(spec.logFile, "a");
    const child = spawn(spec.command, spec.args, { stdio: ["ignore", log, log] });
    closeSync(log);
    if (child.pid !== undefined) this.started.push(child.pid);
    const managed: ManagedProcess = { spec, child, running: true, killedByLab: false, exited: Promise.resolve() };
    managed.exited = new Promise((resolveExit) => {
      const done = (how: string) => {
        if (!managed.running) return;
        managed.running = false;
        if (!managed.killedByLab) {
          this.unexpected ??= new ProcessExitedError(
            `${spec.name} exited unexpectedly (${how}); last lines of ${spec.logFile}:\n${logTail(spec.logFile)}`,
          );
        }
        resolveExit();
      };
      child.once("exit", (code, signal) => done(signal ? `signal ${signal}` : `exit code ${code}`));
      child.once("error", (e) => done(e.message));
    });
    this.processes.set(spec.name, managed);
    return managed;
  }

  get(name: string): ManagedProcess {
    const p = this.processes.get(name);
    if (!p) throw new Error(`lab bug: no process ${name}`);
    return p;
  }

  /** Throws if a process died on its own: the lab cannot go on without it. */
  assertHealthy(): void {
    if (this.unexpected) throw this.unexpected;
  }

  /** Kills one process (SIGKILL by default: a crash, no graceful shutdown) and waits for its exit. */
  async kill(name: string, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const p = this.get(name);
    if (!p.running) return;
    p.killedByLab = true;
    p.child.kill(signal);
    await p.exited;
  }

  /** Starts a stopped process again with the same command, arguments and log file. */
  restart(name: string): ManagedProcess {
    return this.start(this.get(name).spec);
  }

  runningPids(): number[] {
    return [...this.processes.values()].filter((p) => p.running && p.child.pid !== undefined).map((p) => p.child.pid!);
  }

  allPids(): number[] {
    return [...this.started];
  }

  /** SIGTERM every running process, SIGKILL what is left after a grace period. Idempotent. */
  async stopAll(): Promise<void> {
    const running = [...this.processes.values()].filter((p) => p.running);
    for (const p of running) {
      p.killedByLab = true;
      p.child.kill("SIGTERM");
    }
    await Promise.race([
      Promise.all(running.map((p) => p.exited)),
      new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref()),
    ]);
    for (const p of running) if (p.running) p.child.kill("SIGKILL");
    await Promise.all(running.map((p) => p.exited));
    process.off("exit", this.killAllOnExit);
  }

  /** Last resort on a second Ctrl-C: kill everything now, synchronously. */
  killAllNow(): void {
    this.killAllOnExit();
  }
}

export function logTail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8")
      .trimEnd()
      .split("\n")
      .slice(-lines)
      .map((l) => `    ${l}`)
      .join("\n");
  } catch {
    return "    (no log)";
  }
}
