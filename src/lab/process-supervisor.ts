/**
 * Starts the child processes of the lab and of the sizing calibration, and guarantees they stop:
 * on a kill the lab injects, on `stopAll()` (normal end, failure), on the parent's exit, and when
 * the parent is killed with SIGKILL (see `ProcessSupervisorOptions.setpriv`). Output goes to one
 * log file per process; the tail is quoted when a process fails to start.
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

export interface ProcessSupervisorOptions {
  /**
   * The path of setpriv (util-linux), or undefined when it is missing. With it, every child dies
   * with hamon, even when hamon is killed with SIGKILL and runs no more code: each child starts as
   * `setpriv --pdeathsig KILL -- /bin/sh -c <parent check> <command> <args…>`, which execs into the
   * command with the same PID. setpriv sets PR_SET_PDEATHSIG (man 1 setpriv; man 2 prctl): the
   * kernel sends SIGKILL to the child when "the thread that created this process" terminates, and
   * the setting survives execve(2) (except into set-user-ID binaries or binaries with file
   * capabilities: Debian's prometheus and prometheus-alertmanager have none). Node forks from the
   * thread that calls spawn(), here the main thread, which ends only with the process (checked: a
   * child that a worker thread spawns dies when that worker ends; one spawned by the main thread
   * outlives worker and thread-pool activity). If hamon died before setpriv's prctl() ran, no
   * signal would ever come, so the parent check (man 2 prctl's advice: compare getppid() with the
   * expected parent) exits instead of starting the command.
   * Without setpriv, children are stopped only when hamon can still run code (end, failure,
   * Ctrl-C, SIGTERM); after a SIGKILL the next run kills them (owned-temp-dir.ts).
   */
  setpriv?: string | undefined;
  /** How long `stopAll()` waits after SIGTERM before SIGKILL. Default 3 s. */
  stopGraceMs?: number;
}

/** `$0` is a name, `$1` the PID the parent must have, the rest the command line to exec. */
const PARENT_CHECK = '[ "$PPID" = "$1" ] || exit 125; shift; exec "$@"';

/** The command line that starts `command`, dying with this process when `setpriv` is given. */
export function guardedCommand(
  command: string,
  args: readonly string[],
  setpriv: string | undefined,
  parentPid: number = process.pid,
): { command: string; args: string[] } {
  if (setpriv === undefined) return { command, args: [...args] };
  return {
    command: setpriv,
    args: [
      "--pdeathsig",
      "KILL",
      "--",
      "/bin/sh",
      "-c",
      PARENT_CHECK,
      "hamon-child",
      String(parentPid),
      command,
      ...args,
    ],
  };
}

export class ProcessSupervisor {
  private readonly processes = new Map<string, ManagedProcess>();
  private readonly killAllOnExit = () => {
    for (const p of this.processes.values()) if (p.running) p.child.kill("SIGKILL");
  };
  private unexpected: ProcessExitedError | undefined;
  /** Every process id ever started, restarts included. */
  private readonly started: number[] = [];

  private readonly setpriv: string | undefined;
  private readonly stopGraceMs: number;

  constructor(options: ProcessSupervisorOptions = {}) {
    this.setpriv = options.setpriv;
    this.stopGraceMs = options.stopGraceMs ?? 3_000;
    process.on("exit", this.killAllOnExit);
  }

  /** True when every child dies with this process, even one killed with SIGKILL. */
  get childrenDieWithParent(): boolean {
    return this.setpriv !== undefined;
  }

  start(spec: ProcessSpec): ManagedProcess {
    const existing = this.processes.get(spec.name);
    if (existing?.running) throw new Error(`lab bug: ${spec.name} is already running`);
    const log = openSync(spec.logFile, "a");
    const started = guardedCommand(spec.command, spec.args, this.setpriv);
    const child = spawn(started.command, started.args, { stdio: ["ignore", log, log] });
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

  /** SIGTERM one process, SIGKILL after the grace period; waits for its exit. */
  async stop(name: string): Promise<void> {
    await this.terminate([this.get(name)]);
  }

  /** SIGTERM every running process, SIGKILL what is left after a grace period. Idempotent. */
  async stopAll(): Promise<void> {
    await this.terminate([...this.processes.values()]);
    process.off("exit", this.killAllOnExit);
  }

  private async terminate(processes: ManagedProcess[]): Promise<void> {
    const running = processes.filter((p) => p.running);
    for (const p of running) {
      p.killedByLab = true;
      p.child.kill("SIGTERM");
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(running.map((p) => p.exited)),
      new Promise((r) => (timer = setTimeout(r, this.stopGraceMs))),
    ]);
    clearTimeout(timer);
    for (const p of running) if (p.running) p.child.kill("SIGKILL");
    await Promise.all(running.map((p) => p.exited));
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
