/**
 * The real Prometheus under test: started on 127.0.0.1 with a temporary TSDB through the lab's
 * process harness (src/lab: the binary found as the lab finds it, HAMON_PROMETHEUS overriding;
 * children that die with the benchmark, even on SIGKILL, when setpriv is there), observed through
 * /proc (resident memory, CPU time) and its own /metrics, stopped with SIGTERM (SIGKILL after a
 * grace period), and always stopped when the benchmark exits.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { findBinary, requireBinaries } from "../../src/lab/binaries.js";
import { LOOPBACK, PortAllocator } from "../../src/lab/free-ports.js";
import { ProcessSupervisor } from "../../src/lab/process-supervisor.js";
import { isReady, waitFor } from "../../src/lab/readiness.js";

/** The Prometheus binary, or a MissingBinaryError that says what to install. */
export function prometheusBinary(): string {
  return requireBinaries(["prometheus"]).prometheus;
}

/** "prometheus, version 2.42.0+ds (branch: …, revision: …)". */
export function prometheusVersion(binary: string): string {
  return execFileSync(binary, ["--version"], { encoding: "utf8" }).split("\n")[0]!.trim();
}

export interface RunningPrometheus {
  pid: number;
  url: string;
  /** Resident set size (VmRSS) in bytes, from /proc/<pid>/status. */
  residentBytes(): number;
  /** User + system CPU seconds consumed so far, from /proc/<pid>/stat. */
  cpuSeconds(): number;
  /** Prometheus' own metrics as name{labels} → value. */
  metrics(): Promise<Map<string, number>>;
  /** Throws, with the log's last lines, if Prometheus has exited on its own. */
  assertRunning(): void;
  stop(): Promise<void>;
}

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

let supervisor: ProcessSupervisor | undefined;
/** The benchmark's one supervisor; says once when its children would not die with it. */
function processes(log: (line: string) => void): ProcessSupervisor {
  if (supervisor) return supervisor;
  const setpriv = findBinary("setpriv");
  if (setpriv === undefined)
    log("setpriv (util-linux) not found: if the benchmark is killed with SIGKILL, its Prometheus runs on");
  // A Prometheus holding a large head may take a while to shut down cleanly.
  supervisor = new ProcessSupervisor({ setpriv, stopGraceMs: 20_000 });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      supervisor?.killAllNow();
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
  }
  return supervisor;
}

export async function startPrometheus(o: {
  binary: string;
  configFile: string;
  dataDir: string;
  extraArgs: string[];
  /** Prometheus' output is appended to this file. */
  logFile: string;
  log: (line: string) => void;
}): Promise<RunningPrometheus> {
  const port = await new PortAllocator().next();
  const url = `http://${LOOPBACK}:${port}`;
  const supervisor = processes(o.log);
  const name = "prometheus";
  const child = supervisor.start({
    name,
    command: o.binary,
    args: [
      `--config.file=${o.configFile}`,
      `--storage.tsdb.path=${o.dataDir}`,
      `--web.listen-address=${LOOPBACK}:${port}`,
      "--log.level=info",
      ...o.extraArgs,
    ],
    logFile: o.logFile,
  });
  try {
    await waitFor(() => isReady(url), {
      what: `prometheus to be ready on ${url}`,
      timeoutMs: 30_000,
      intervalMs: 200,
      check: () => supervisor.assertHealthy(),
    });
  } catch (e) {
    await supervisor.stop(name);
    throw e;
  }
  const pid = child.child.pid!;
  return {
    pid,
    url,
    residentBytes: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      return m ? Number(m[1]) * 1024 : NaN;
    },
    cpuSeconds: () => {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime (fields 14, 15)
    },
    metrics: async () => {
      const text = await (await fetch(`${url}/metrics`)).text();
      const out = new Map<string, number>();
      for (const line of text.split("\n")) {
        if (line === "" || line.startsWith("#")) continue;
        const i = line.lastIndexOf(" ");
        out.set(line.slice(0, i), Number(line.slice(i + 1)));
      }
      return out;
    },
    assertRunning: () => supervisor.assertHealthy(),
    stop: () => supervisor.stop(name),
  };
}
