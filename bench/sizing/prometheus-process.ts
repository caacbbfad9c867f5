/**
 * The real Prometheus under test: started on 127.0.0.1 with a temporary TSDB, observed through
 * /proc (resident memory, CPU time) and its own /metrics, stopped with SIGTERM (SIGKILL after a
 * grace period), and always stopped when the benchmark exits.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? "/usr/bin/prometheus";

export function prometheusVersion(): string {
  return execFileSync(PROMETHEUS_BIN, ["--version"], { encoding: "utf8" }).split("\n")[0]!.trim();
}

/** A free loopback port (bound then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
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
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
const live = new Set<ChildProcess>();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    for (const child of live) child.kill("SIGKILL");
    process.exit(130);
  });
}
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

export async function startPrometheus(
  configFile: string,
  dataDir: string,
  extraArgs: string[],
  logFile: (line: string) => void,
): Promise<RunningPrometheus> {
  const port = await freePort();
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=info",
      ...extraArgs,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  live.add(child);
  child.stderr!.setEncoding("utf8").on("data", (d: string) => logFile(d));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => (live.delete(child), resolve(code))),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode} at start (see the log)`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("prometheus not ready after 30s");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid!;
  return {
    pid,
    url,
    exited,
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
    stop: async () => {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
