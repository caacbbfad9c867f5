/**
 * One measured run of bench/audit-corpus.bench.ts, in a process of its own so that its peak
 * memory is its own: reads the stream from the file given, does one kind of work on it, and
 * prints one JSON line: milliseconds (wall and CPU), the resident set size before the work and the process's
 * peak resident set size (getrusage's ru_maxrss, as /usr/bin/time -v reports it).
 *
 *   node --import tsx bench/audit-corpus-run.ts parse|audit|audit-without-netpol <stream.yaml>
 */
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { readInventory } from "../src/inventory/read-inventory.js";
import { runAudit } from "../src/audit/run-audit.js";
import { RULES } from "../src/audit/catalog.js";

export const WORKS = {
  /** The least any manifest reader must do: the same parser, to plain values. */
  parse: (text: string) => {
    for (const doc of parseAllDocuments(text)) doc.toJS();
  },
  /** `hamon audit`'s work: the inventory (parse with lines, config index, pod groups) and every rule. */
  audit: (text: string) => {
    runAudit(readInventory([{ file: "stream.yaml", text }]));
  },
  /** The same without the NetworkPolicy rules, whose flow evaluation is measured apart. */
  "audit-without-netpol": (text: string) => {
    runAudit(
      readInventory([{ file: "stream.yaml", text }]),
      RULES.filter((r) => !r.id.startsWith("HAMON-NETPOL-")),
    );
  },
} as const;

export type Work = keyof typeof WORKS;

export interface RunMeasure {
  work: Work;
  ms: number;
  /** CPU time (user + system) of the work: what a busy shared machine disturbs least. */
  cpuMs: number;
  rssBeforeMB: number;
  peakRssMB: number;
}

function main(argv: string[]): void {
  const [work, file] = argv;
  if (!work || !(work in WORKS) || !file) {
    console.error(`usage: audit-corpus-run.ts ${Object.keys(WORKS).join("|")} <stream.yaml>`);
    process.exit(2);
  }
  const text = readFileSync(file, "utf8");
  const rssBeforeMB = process.memoryUsage().rss / 2 ** 20;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  WORKS[work as Work](text);
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const measure: RunMeasure = {
    work: work as Work,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssBeforeMB,
    peakRssMB: process.resourceUsage().maxRSS / 2 ** 10, // maxRSS is in kilobytes
  };
  console.log(JSON.stringify(measure));
}

if (process.argv[1]?.endsWith("audit-corpus-run.ts")) main(process.argv.slice(2));
