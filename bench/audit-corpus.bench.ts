/**
 * The audit's cost on a real stack: ../shared/corpus/kube-prometheus copied into 25 namespaces
 * (3,000 objects, 33 MB, with its 33 Grafana dashboard ConfigMaps and large PrometheusRules as they
 * are; bench/corpus-stream.ts), against parsing the same stream with the same parser. Targets
 * (issue #13): audit ≤ 1.5× parse time, peak memory ≤ 3× parse's, each embedded file parsed once.
 *
 * - "parse": yaml.parseAllDocuments + toJS, the least any manifest reader must do.
 * - "audit": readInventory + runAudit with every rule, `hamon audit`'s work.
 * - "audit without NETPOL": the same without the NetworkPolicy rules, whose flow evaluation is
 *   measured apart; the difference of the two is the flow analysis.
 *
 * Time: vitest's table (compare the mean columns). Time and peak memory of each work once in a
 * process of its own (bench/audit-corpus-run.ts), printed before the table with their ratios.
 * Measured on the shared 2-core machine (busy), each work in its own process:
 * - before issue #13: audit 7.5× parse (16.1 s / 2.2 s), 3.5× without NETPOL (9.3 s / 2.6 s); peak
 *   memory 2.5× (765 MB / 302 MB). The CPU profile: embedded files parsed by each reader, 51 %
 *   (dashboards by the inline-secret rule 27 %, by the Grafana datasource flows 25 %), GC 27 %.
 * - after: audit 1.4–1.6× parse, 0.95–1.2× without NETPOL; peak memory 1.25× (382 MB / 305 MB),
 *   1.1× without NETPOL. What is left is the manifest parse itself (about 50 % of the audit) and
 *   the flow analysis of the NETPOL rules (about 27 %); the rules' own work is 6 %. At 10,080
 *   objects (84 copies, 110 MB): 1.2× parse without NETPOL (memory 1.17×), 13× with them (111 s:
 *   the flow evaluation, which the network-flow part of issue #13 makes linear; memory 1.8×).
 * - after the flow work (monitors, Services, pods, policies and namespaces read by index, each
 *   monitor resolved once, reasons merged through a set; plain dashboards left unparsed by the
 *   inline-secret rule), three runs on the busy machine (load 7–9): audit 1.36×, 1.28×, 1.50× parse
 *   (3.6–5.2 s / 2.4–3.8 s), 0.90–1.13× without NETPOL; peak memory 1.21× (377 MB / 310 MB). CPU
 *   time reads 1.3–1.7× (it counts the garbage collector's helper threads). What is left is the
 *   flows themselves: each of the 25 Prometheus selects every copy's monitors, so 8,050 required
 *   flows and 6,025 NETPOL-001 findings (the copies' policies block the other copies' scrapes).
 * vitest's own table runs the three in one process and reads higher for the audit on a busy machine.
 * Skipped, with a message, when ../shared is absent.
 *
 *   npx vitest bench --run bench/audit-corpus.bench.ts
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bench, describe } from "vitest";
import { corpusMissing, kubePrometheusStream } from "./corpus-stream.js";
import { WORKS, type RunMeasure, type Work } from "./audit-corpus-run.js";

const TARGET_OBJECTS = 3_000;
const RUNNER = join(dirname(fileURLToPath(import.meta.url)), "audit-corpus-run.ts");
const OPTIONS = { iterations: 3, warmupIterations: 1, time: 0 };

/** Each work once in a child process: its time and peak resident set size. */
function measureInChildren(text: string): RunMeasure[] {
  const dir = mkdtempSync(join(tmpdir(), "hamon-bench-"));
  try {
    const file = join(dir, "stream.yaml");
    writeFileSync(file, text);
    return (Object.keys(WORKS) as Work[]).map((work) => {
      const run = spawnSync(process.execPath, ["--import", "tsx", RUNNER, work, file], { encoding: "utf8" });
      if (run.status !== 0) throw new Error(`${work} failed: ${run.stderr}`);
      return JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "") as RunMeasure;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(measures: RunMeasure[]): string {
  const parse = measures.find((m) => m.work === "parse");
  if (!parse) return "";
  const lines = measures.map((m) => {
    const time = `${(m.ms / 1000).toFixed(2)} s (${(m.ms / parse.ms).toFixed(2)}× parse; CPU ${(m.cpuMs / parse.cpuMs).toFixed(2)}×)`;
    const memory = `peak ${m.peakRssMB.toFixed(0)} MB (${(m.peakRssMB / parse.peakRssMB).toFixed(2)}× parse; above the ${m.rssBeforeMB.toFixed(0)} MB before the work: ${((m.peakRssMB - m.rssBeforeMB) / (parse.peakRssMB - parse.rssBeforeMB)).toFixed(2)}×)`;
    return `  ${m.work.padEnd(22)} ${time.padEnd(40)} ${memory}`;
  });
  return ["one run each in its own process:", ...lines].join("\n");
}

const missing = corpusMissing();
if (missing) {
  console.warn(`skipping the corpus benchmark: ${missing}`);
  describe("audit vs parse on kube-prometheus copies", () => {
    bench.skip("needs ../shared/corpus/kube-prometheus", () => {});
  });
} else {
  const stream = kubePrometheusStream(TARGET_OBJECTS);
  const title = `audit vs parse, kube-prometheus × ${stream.copies}: ${stream.objects} objects, ${(stream.bytes / 1e6).toFixed(0)} MB`;
  describe(title, () => {
    // vitest runs no afterAll in bench mode: the child processes run first, at collection.
    console.log(report(measureInChildren(stream.text)));
    bench("parse", () => WORKS.parse(stream.text), OPTIONS);
    bench("audit", () => WORKS.audit(stream.text), OPTIONS);
    bench("audit without NETPOL", () => WORKS["audit-without-netpol"](stream.text), OPTIONS);
  });
}
