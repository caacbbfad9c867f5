/**
 * One calibration point: the real Prometheus scraping N synthetic active series for one
 * simulated hour at a 30s interval, its resident memory and CPU sampled over the second half
 * of that hour, then its head written out as a block to measure bytes per sample on disk.
 *
 * Why this shape (see docs/sizing.md, "Calibration on a real Prometheus"):
 * - Simulated time must stay inside what Prometheus 2.42 appends: scraped samples at most 10 min
 *   ahead of the wall clock (scrape's timeLimitAppender, maxAheadTime) and not older than the
 *   head's max time minus half a block range (tsdb Head.appendableMinValidTime), where the
 *   head's max time is pulled to "now" by the per-target `up`/`scrape_*` series. With the
 *   default 2h block range that window is [now − 1h, now + 10m]: the run replays the hour
 *   [start − 55m, start + 5m], i.e. 120 samples per series — one full XOR chunk, as a real 30s
 *   scrape fills it (tsdb/head_append.go: samplesPerChunk = 120).
 * - A head compaction needs 1.5 block ranges of head data, which that window cannot hold; the
 *   head is instead written as a block by the TSDB snapshot API (POST
 *   /api/v1/admin/tsdb/snapshot, prometheus.io/docs/prometheus/latest/querying/api/#snapshot),
 *   which uses the same block writer (LeveledCompactor.Write) as head compaction.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createOwnedTempDir } from "../../src/lab/owned-temp-dir.js";
import { startPrometheus, type RunningPrometheus } from "./prometheus-process.js";
import { SERIES_PER_POD, startSyntheticTarget } from "./synthetic-target.js";
import { directoryBytes, readBlocks, type BlockOnDisk } from "./tsdb-blocks.js";

export interface MeasureOptions {
  activeSeries: number;
  /** Simulated scrape interval (the model's scrape interval). */
  simulatedIntervalMs: number;
  /** Simulated scrapes of each pod: 120 = one hour at 30s. */
  steps: number;
  /** Memory is sampled from this step on (the steady half of the run). */
  steadyFromStep: number;
  /** Share of pods restarted (all their series replaced) per simulated hour; 0 for stable series. */
  churnPerHour: number;
  /** Real scrape interval: how fast the simulated time runs. */
  realIntervalMs: number;
  /** The run fails rather than running longer than this. */
  timeLimitMs: number;
  log: (line: string) => void;
  /** The Prometheus binary. */
  prometheus: string;
  /** Prometheus' output is appended to this file. */
  prometheusLog: string;
}

export interface Measurement {
  activeSeries: number;
  churnPerHour?: number;
  headSeries: number;
  pods: number;
  steps: number;
  realScrapeIntervalSeconds: number;
  simulatedScrapeIntervalSeconds: number;
  wallSeconds: number;
  samplesAppended: number;
  /** Scrapes Prometheus ran; each appends 5 report series samples (up, scrape_duration_seconds, …). */
  scrapes: number;
  samplesExpected: number;
  cpuSeconds: number;
  /** Resident memory (VmRSS) sampled every 250 ms in the steady half of the run. */
  residentBytes: { median: number; max: number; samples: number };
  goHeapInuseBytes: number;
  blocks: BlockOnDisk[];
  walBytes: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A metric's value summed over all its label sets. */
const metric = (m: Map<string, number>, name: string) =>
  [...m.entries()].filter(([k]) => k === name || k.startsWith(`${name}{`)).reduce((sum, [, v]) => sum + v, 0);

export async function measureSize(o: MeasureOptions): Promise<Measurement> {
  const pods = Math.ceil(o.activeSeries / SERIES_PER_POD);
  const now = Date.now();
  const startMs = Math.floor((now - 55 * 60_000) / o.simulatedIntervalMs) * o.simulatedIntervalMs;
  const target = await startSyntheticTarget({
    pods,
    startMs,
    intervalMs: o.simulatedIntervalMs,
    maxSteps: o.steps,
    churnPerHour: o.churnPerHour,
  });
  // hamon-sizing-<pid>-XXXXXX: removed in `finally`, on exit too when a signal ends the run
  // (prometheus-process.ts exits on SIGINT/SIGTERM), and by the next run after a SIGKILL (run.ts).
  const dir = await createOwnedTempDir("sizing");
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once("exit", removeDir);
  const realInterval = `${o.realIntervalMs}ms`;
  const staticConfigs = Array.from({ length: pods }, (_, i) => ({
    targets: [target.address],
    labels: {
      __metrics_path__: target.path(i),
      // What kubernetes_sd plus the usual relabeling attach to every series of a pod.
      instance: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:8080`,
      namespace: `team-${i % 20}`,
      pod: `checkout-api-7d9f8b${(i * 7919).toString(36).padStart(4, "0")}-x${(i % 97).toString(36)}`,
      container: "app",
      service: `checkout-api-${i % 20}`,
      endpoint: "http-metrics",
    },
  }));
  const config = {
    global: { scrape_interval: realInterval, scrape_timeout: realInterval, evaluation_interval: "1m" },
    scrape_configs: [{ job_name: "checkout-api", honor_timestamps: true, static_configs: staticConfigs }],
  };
  const configFile = join(dir, "prometheus.yml");
  writeFileSync(configFile, JSON.stringify(config)); // JSON is YAML
  const dataDir = join(dir, "data");
  let prom: RunningPrometheus;
  try {
    prom = await startPrometheus({
      binary: o.prometheus,
      configFile,
      dataDir,
      extraArgs: ["--web.enable-admin-api"],
      logFile: o.prometheusLog,
      log: o.log,
    });
  } catch (e) {
    await target.close();
    removeDir();
    process.removeListener("exit", removeDir);
    throw e;
  }
  const started = Date.now();
  const cpuAtStart = prom.cpuSeconds();
  try {
    const rss: number[] = [];
    let lastLog = 0;
    while (target.minSteps() < o.steps) {
      prom.assertRunning();
      if (Date.now() - started > o.timeLimitMs)
        throw new Error(`run not done within ${o.timeLimitMs / 1000}s (step ${target.minSteps()})`);
      if (target.minSteps() >= o.steadyFromStep) rss.push(prom.residentBytes());
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        o.log(
          `  ${Math.round((Date.now() - started) / 1000)}s: step ${target.minSteps()}..${target.maxSteps()} of ${o.steps}, ` +
            `RSS ${(prom.residentBytes() / 2 ** 20).toFixed(0)} MiB`,
        );
      }
      await sleep(250);
    }
    await sleep(2 * o.realIntervalMs); // let the last scrapes commit
    const m = await prom.metrics();
    const cpuSeconds = prom.cpuSeconds() - cpuAtStart;
    const wallSeconds = (Date.now() - started) / 1000;
    const snap = await fetch(`${prom.url}/api/v1/admin/tsdb/snapshot`, { method: "POST" });
    const snapBody = (await snap.json()) as { status: string; data?: { name: string } };
    if (snapBody.status !== "success" || !snapBody.data)
      throw new Error(`snapshot failed: ${JSON.stringify(snapBody)}`);
    const blocks = readBlocks(join(dataDir, "snapshots", snapBody.data.name));
    const walBytes = directoryBytes(join(dataDir, "wal"));
    await prom.stop();
    const sorted = [...rss].sort((a, b) => a - b);
    return {
      activeSeries: pods * SERIES_PER_POD,
      churnPerHour: o.churnPerHour,
      headSeries: metric(m, "prometheus_tsdb_head_series"),
      pods,
      steps: o.steps,
      realScrapeIntervalSeconds: o.realIntervalMs / 1000,
      simulatedScrapeIntervalSeconds: o.simulatedIntervalMs / 1000,
      wallSeconds,
      samplesAppended: metric(m, "prometheus_tsdb_head_samples_appended_total"),
      scrapes: metric(m, "prometheus_target_interval_length_seconds_count"),
      samplesExpected: pods * SERIES_PER_POD * o.steps,
      cpuSeconds,
      residentBytes: {
        median: sorted[Math.floor(sorted.length / 2)] ?? NaN,
        max: sorted[sorted.length - 1] ?? NaN,
        samples: sorted.length,
      },
      goHeapInuseBytes: metric(m, "go_memstats_heap_inuse_bytes"),
      blocks,
      walBytes,
    };
  } finally {
    await prom.stop().catch(() => undefined);
    await target.close();
    removeDir();
    process.removeListener("exit", removeDir);
  }
}
