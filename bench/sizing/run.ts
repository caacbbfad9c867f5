/**
 * Sizing calibration: runs the real Prometheus (/usr/bin/prometheus, 2.42 on the reference
 * machine) on 127.0.0.1 against hamon's synthetic scrape target at several sizes, fits the
 * model's constants and writes the measured-vs-predicted table to bench/results/.
 *
 *   npm run bench:sizing                       # the committed run: 50k, 200k, 500k series
 *   node --import tsx bench/sizing/run.ts --sizes 20000,40000 --out /tmp/sizing   # quick look
 *
 * Bounded: each size stops after one simulated hour (a time limit fails it otherwise); every
 * process it starts is stopped on exit (and dies with it on SIGKILL, through the lab's process
 * harness); it listens on loopback only. The Prometheus binary is found as `hamon lab` finds it
 * (HAMON_PROMETHEUS overrides); its log goes to <out>/<name>.prometheus.log.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, freemem, totalmem, release } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { measureSize, type Measurement } from "./measure-size.js";
import { MissingBinaryError } from "../../src/lab/binaries.js";
import { removeStaleTempDirs } from "../../src/lab/owned-temp-dir.js";
import { prometheusBinary, prometheusVersion } from "./prometheus-process.js";
import { errorPercent, fitLine, fitRatio } from "./fit.js";
import { ingestionCores, prometheusResidentBytes, tsdbBlockBytes } from "../../src/sizing/prometheus-model.js";
import * as constants from "../../src/sizing/constants.js";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "50000,200000,500000" },
    out: { type: "string", default: "bench/results" },
    name: { type: "string", default: "sizing-calibration" },
    /** Every run's raw measurements are kept here; the fit pools all of them (run-to-run noise of resident memory is ~±10 %). */
    runs: { type: "string", default: "bench/results/sizing-calibration-runs" },
    /** Share of pods restarted per simulated hour (series churn); a churned run is reported but not kept for the fit. */
    churn: { type: "string", default: "0" },
  },
});
const sizes = args.sizes!.split(",").map(Number);
const churnPerHour = Number(args.churn);
if (!(churnPerHour >= 0 && churnPerHour <= 10))
  throw new Error(`--churn: expected a share of pods per hour from 0 to 10, got ${args.churn}`);
if (sizes.some((n) => !Number.isInteger(n) || n < 1000))
  throw new Error(`--sizes: expected whole numbers ≥ 1000, got ${args.sizes}`);

const SIMULATED_INTERVAL_MS = 30_000;
const STEPS = 120; // one simulated hour at 30s: one full XOR chunk per series
const STEADY_FROM = 60;
/** Real scrape interval per size: ~1 µs of Prometheus CPU per sample on the reference machine, ×2 so that no scrape times out. */
const realIntervalMs = (series: number) => Math.max(500, Math.round(((series / 250_000) * 1000) / 100) * 100);

const log = (line: string) => process.stderr.write(line + "\n");
if (process.env.PROMETHEUS_BIN !== undefined) log("PROMETHEUS_BIN is no longer read: set HAMON_PROMETHEUS instead");
let prometheus: string;
try {
  prometheus = prometheusBinary();
} catch (e) {
  if (!(e instanceof MissingBinaryError)) throw e;
  log(`bench:sizing: ${e.message}`);
  process.exit(2);
}
const stale = await removeStaleTempDirs("sizing");
if (stale.removed.length > 0) log(`removed ${stale.removed.length} temp folder(s) of a killed calibration run`);
mkdirSync(args.out!, { recursive: true });
const prometheusLog = join(args.out!, `${args.name}.prometheus.log`);
writeFileSync(prometheusLog, "");

const machine = {
  nproc: Number(execFileSync("nproc", { encoding: "utf8" }).trim()),
  cpuModel: cpus()[0]?.model ?? "unknown",
  memTotalBytes: totalmem(),
  memFreeBytesAtStart: freemem(),
  kernel: release(),
  node: process.version,
  prometheus: `${prometheus}: ${prometheusVersion(prometheus)}`,
  loadAverageAtStart: execFileSync("cat", ["/proc/loadavg"], { encoding: "utf8" }).trim(),
};
log(`Prometheus logs: ${prometheusLog}`);
log(
  `sizing calibration on ${machine.nproc} CPUs, ${(machine.memTotalBytes / 2 ** 30).toFixed(1)} GiB; ${machine.prometheus}`,
);

const measurements: Measurement[] = [];
for (const series of sizes) {
  log(`— ${series} series, real scrape interval ${realIntervalMs(series)} ms`);
  measurements.push(
    await measureSize({
      activeSeries: series,
      simulatedIntervalMs: SIMULATED_INTERVAL_MS,
      steps: STEPS,
      steadyFromStep: STEADY_FROM,
      churnPerHour,
      realIntervalMs: realIntervalMs(series),
      timeLimitMs: 15 * 60_000,
      log,
      prometheus,
      prometheusLog,
    }),
  );
}

// ── keep this run's measurements, then fit over every kept run ──
const runDate = new Date().toISOString();
mkdirSync(args.runs!, { recursive: true });
const settings = {
  simulatedScrapeIntervalSeconds: SIMULATED_INTERVAL_MS / 1000,
  simulatedStepsPerSeries: STEPS,
  memorySampledFromStep: STEADY_FROM,
  memoryStatistic: "median of VmRSS sampled every 250 ms over steps 60..120",
  blockWrittenBy: "POST /api/v1/admin/tsdb/snapshot (head written as a block)",
  churnPerHour,
};
const command = `node --import tsx bench/sizing/run.ts ${process.argv.slice(2).join(" ")}`.trim();
// Churned runs have more head series than active ones: they do not calibrate the stable-series model.
if (churnPerHour === 0) {
  writeFileSync(
    join(args.runs!, `run-${runDate.slice(0, 16).replace(":", "-")}.json`),
    JSON.stringify({ command, date: runDate, machine, settings, measurements }, null, 2) + "\n",
  );
}
const keptRuns = existsSync(args.runs!)
  ? readdirSync(args.runs!)
      .filter((f) => f.endsWith(".json"))
      .sort()
  : [];
const pooled: Measurement[] = keptRuns.flatMap(
  (f) => (JSON.parse(readFileSync(join(args.runs!, f), "utf8")) as { measurements: Measurement[] }).measurements,
);

// ── fit ──
const blockBytes = (m: Measurement) => m.blocks.reduce((s, b) => s + b.bytes, 0);
const blockSamples = (m: Measurement) => m.blocks.reduce((s, b) => s + b.numSamples, 0);
const spanSeconds = (m: Measurement) => m.steps * m.simulatedScrapeIntervalSeconds;
/** The fitted constants, or null when the measurements hold fewer than two distinct sizes (no line to fit). */
function fitOf(ms: Measurement[]) {
  if (new Set(ms.map((m) => m.headSeries)).size < 2) return null;
  const memoryLine = fitLine(ms.map((m) => [m.headSeries, m.residentBytes.median] as const));
  return {
    residentBaseBytes: memoryLine.intercept,
    residentBytesPerSeries: memoryLine.slope,
    blockBytesPerSample: fitRatio(ms.map((m) => [blockSamples(m), blockBytes(m)] as const)),
    chunkBytesPerSample: fitRatio(
      ms.map((m) => [blockSamples(m), m.blocks.reduce((s, b) => s + b.chunkBytes, 0)] as const),
    ),
    indexBytesPerSeriesPerBlock: fitRatio(
      ms.map(
        (m) =>
          [
            m.blocks.reduce((s, b) => s + b.numSeries, 0),
            m.blocks.reduce((s, b) => s + b.bytes - b.chunkBytes, 0),
          ] as const,
      ),
    ),
    walBytesPerSample: fitRatio(ms.map((m) => [m.samplesAppended, m.walBytes] as const)),
    cpuSecondsPerSample: fitRatio(ms.map((m) => [m.samplesAppended, m.cpuSeconds] as const)),
  };
}
const pooledFit = fitOf(pooled);
const fit = pooledFit && { runs: keptRuns, ...pooledFit };
const fitThisRun = fitOf(measurements);

// ── measured vs predicted, with the constants as committed in src/sizing/constants.ts ──
const rows = measurements.map((m) => {
  const memPredicted = prometheusResidentBytes(m.headSeries);
  // The run's data is one block (the snapshot of the head), so the block range is the span.
  const diskPredicted = tsdbBlockBytes(m.headSeries, m.simulatedScrapeIntervalSeconds, spanSeconds(m), spanSeconds(m));
  const cpuPredicted = ingestionCores(m.samplesAppended / m.wallSeconds) * m.wallSeconds;
  return {
    activeSeries: m.headSeries,
    memory: {
      measuredBytes: m.residentBytes.median,
      peakBytes: m.residentBytes.max,
      predictedBytes: memPredicted,
      errorPercent: errorPercent(memPredicted, m.residentBytes.median),
    },
    disk: {
      measuredBytes: blockBytes(m),
      predictedBytes: diskPredicted,
      errorPercent: errorPercent(diskPredicted, blockBytes(m)),
      bytesPerSample: blockBytes(m) / blockSamples(m),
      indexBytesPerSeries: m.blocks.reduce((s, b) => s + b.indexBytes, 0) / m.headSeries,
      samplesPerChunk: blockSamples(m) / m.blocks.reduce((s, b) => s + b.numChunks, 0),
    },
    cpu: {
      measuredSeconds: m.cpuSeconds,
      predictedSeconds: cpuPredicted,
      errorPercent: errorPercent(cpuPredicted, m.cpuSeconds),
    },
    /** Synthetic samples not ingested (scrape timeouts, out of bounds): report-series samples (5 per scrape) taken out. */
    samplesLostPercent: ((m.samplesExpected - (m.samplesAppended - 5 * m.scrapes)) / m.samplesExpected) * 100,
  };
});
const within = (p: number) => Math.abs(p) <= 25;
const verdict = rows.every((r) => within(r.memory.errorPercent) && within(r.disk.errorPercent));

const result = {
  command,
  date: runDate,
  machine,
  settings,
  constantsUsed: {
    PROMETHEUS_BASE_BYTES: constants.PROMETHEUS_BASE_BYTES,
    PROMETHEUS_BYTES_PER_SERIES: constants.PROMETHEUS_BYTES_PER_SERIES,
    CHUNK_BYTES_PER_SAMPLE: constants.CHUNK_BYTES_PER_SAMPLE,
    INDEX_BYTES_PER_SERIES_PER_BLOCK: constants.INDEX_BYTES_PER_SERIES_PER_BLOCK,
    WAL_BYTES_PER_SAMPLE: constants.WAL_BYTES_PER_SAMPLE,
    CPU_SECONDS_PER_SAMPLE: constants.CPU_SECONDS_PER_SAMPLE,
  },
  /** Least-squares fit over every kept run (the constants' source). */
  fit,
  fitThisRun,
  withinTarget: verdict,
  rows,
  measurements,
};
writeFileSync(join(args.out!, `${args.name}.json`), JSON.stringify(result, null, 2) + "\n");
writeFileSync(join(args.out!, `${args.name}.md`), markdownTable(result));
process.stdout.write(markdownTable(result));
if (!verdict) {
  log("prediction outside ±25 % at some size: update src/sizing/constants.ts from the pooled fit and run again");
  process.exitCode = 1;
}

function markdownTable(r: typeof result): string {
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
  const pct = (p: number) => (Math.abs(p) < 0.05 ? "0.0 %" : `${p > 0 ? "+" : ""}${p.toFixed(1)} %`);
  const lines = [
    `# Sizing calibration: measured vs predicted`,
    "",
    `Command: \`${r.command}\` (${r.date})`,
    "",
    `Machine: ${r.machine.nproc} CPUs (${r.machine.cpuModel}), ${(r.machine.memTotalBytes / 2 ** 30).toFixed(1)} GiB RAM, Linux ${r.machine.kernel}, Node ${r.machine.node}, load average at start ${r.machine.loadAverageAtStart.split(" ").slice(0, 3).join(" ")}.`,
    `Prometheus: ${r.machine.prometheus}.`,
    "",
    `Each size: one simulated hour at a ${r.settings.simulatedScrapeIntervalSeconds}s scrape interval (${r.settings.simulatedStepsPerSeries} samples per series)${r.settings.churnPerHour > 0 ? `, churn: ${r.settings.churnPerHour} of the pods restarted per hour (not kept for the fit)` : ", no churn"}; memory = ${r.settings.memoryStatistic}; disk = the block written by ${r.settings.blockWrittenBy}.`,
    `Predicted = src/sizing/prometheus-model.ts with the constants of src/sizing/constants.ts (${Object.entries(
      r.constantsUsed,
    )
      .map(([k, v]) => `${k}=${v}`)
      .join(", ")}).`,
    "",
    "| active series | samples not ingested | memory measured | memory predicted | error | peak RSS | disk measured | disk predicted | error | bytes/sample | index bytes/series | CPU s measured | CPU s predicted | error |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...r.rows.map(
      (row) =>
        `| ${row.activeSeries} | ${Math.max(0, row.samplesLostPercent).toFixed(2)} % | ${mib(row.memory.measuredBytes)} | ${mib(row.memory.predictedBytes)} | ${pct(row.memory.errorPercent)} | ${mib(row.memory.peakBytes)} | ` +
        `${mib(row.disk.measuredBytes)} | ${mib(row.disk.predictedBytes)} | ${pct(row.disk.errorPercent)} | ${row.disk.bytesPerSample.toFixed(2)} | ${row.disk.indexBytesPerSeries.toFixed(0)} | ` +
        `${row.cpu.measuredSeconds.toFixed(1)} | ${row.cpu.predictedSeconds.toFixed(1)} | ${pct(row.cpu.errorPercent)} |`,
    ),
    "",
    r.fit
      ? `Fit over the ${r.fit.runs.length} kept run(s) in ${args.runs}/ (${r.fit.runs.join(", ")}): resident = ${mib(r.fit.residentBaseBytes)} + ${r.fit.residentBytesPerSeries.toFixed(0)} B × series; ` +
        `${r.fit.blockBytesPerSample.toFixed(3)} B/sample on disk in 1h blocks = ${r.fit.chunkBytesPerSample.toFixed(3)} B/sample of chunks + ${r.fit.indexBytesPerSeriesPerBlock.toFixed(1)} B/series of index and meta per block; ${r.fit.walBytesPerSample.toFixed(2)} WAL B/sample; ${(r.fit.cpuSecondsPerSample * 1e6).toFixed(3)} CPU µs/sample.`
      : `No fit: the kept runs in ${args.runs}/ hold fewer than two distinct sizes.`,
    "",
    `Target ±25 % on memory and disk at every size: ${r.withinTarget ? "met" : "NOT met"}.`,
    "",
  ];
  return lines.join("\n");
}
