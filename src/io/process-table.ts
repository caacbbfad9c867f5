/**
 * What hamon asks the system about other processes: is a PID still running, and which processes
 * were started with a flag pointing into a given folder. Linux's /proc (man 5 proc: /proc/<pid>/stat, .../cmdline);
 * elsewhere only `kill(pid, 0)` is available and no process is found by folder.
 */
import { readdirSync, readFileSync } from "node:fs";

/**
 * True while the process exists and has not terminated. A zombie (state Z, or X) has terminated:
 * it only waits for its parent to collect its exit status, which an init that does not reap
 * (as in some containers) never does, so `kill -0` alone would call it alive forever.
 */
export function isProcessRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return signalZeroSucceeds(pid);
  }
  // "<pid> (<comm>) <state> …": comm may hold spaces and parentheses, so read after the last ")".
  const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  return state !== "Z" && state !== "X";
}

function signalZeroSucceeds(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, it belongs to another user.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PIDs of the running processes started with a `--flag=<path inside folder>` argument: how the lab
 * and the sizing calibration pass every path to Prometheus and Alertmanager (`--config.file=…`,
 * `--storage.path=…`). Someone's `tail -f <folder>/x.log` does not match.
 */
export function processesConfiguredIn(folder: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
    } catch {
      continue; // exited meanwhile, or not ours to read
    }
    const pointsInside = (arg: string) => arg.startsWith("--") && arg.includes(`=${folder}/`);
    if (args.some(pointsInside) && isProcessRunning(pid)) found.push(pid);
  }
  return found;
}
