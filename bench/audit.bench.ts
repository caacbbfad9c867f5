/**
 * The audit's cost against parsing alone, on hamon's default render copied into independent stacks
 * (bench/render-stream.ts), at two sizes: the ratio of the two audits' times shows how the audit
 * grows (2 for linear). Target (issue #3): audit ≤ 1.5× parse. A stream with real-world embedded
 * files (dashboards, large rules) is bench/audit-corpus.bench.ts.
 *
 * - "parse": yaml.parseAllDocuments + toJS, the least any manifest reader must do.
 * - "audit": readInventory (the same parse with line numbers, inventory, config lookups) + all rules.
 *
 * Measured on the shared 2-core machine (busy), one run each, parse then audit in one process:
 * - 2,516 objects (34 copies) 1.24× parse, 5,032 (68 copies) 1.27×: double the stream, 1.58× the
 *   audit's time (parse 1.54×);
 * - 5,032 objects 1.02× and 1.17× parse, 10,064 (136 copies) 1.59× and 1.28×: double the stream,
 *   2.6–3.1× the audit's time (parse 2.0–2.4×), the larger heap's garbage collection included.
 * Before issue #13's flow work the NETPOL rules grew with the square of the stream (83× parse at
 * 10,000 objects, 646 s).
 *
 * The copies are independent stacks: each Prometheus selects monitors in its own copy's
 * namespaces. When every Prometheus selects every namespace (render-stream.ts "shared" mode, this
 * benchmark's stream before), the flows the stacks need, and the findings, grow with the square of
 * the copies by construction.
 *
 * vitest bench prints the ratios ("parse … x faster than audit"). Run: npx vitest bench --run bench/audit.bench.ts
 */
import { parseAllDocuments } from "yaml";
import { bench, describe } from "vitest";
import { readInventory } from "../src/inventory/read-inventory.js";
import { runAudit } from "../src/audit/run-audit.js";
import { renderStream } from "./render-stream.js";

const SIZES = [5_000, 10_000];
const OPTIONS = { iterations: 3, warmupIterations: 1, time: 0 };

for (const size of SIZES) {
  const { text, objects, copies } = renderStream(size, "independent");
  describe(`audit vs parse, ${objects} objects (${copies} independent copies of hamon's render)`, () => {
    bench(
      "parse",
      () => {
        for (const doc of parseAllDocuments(text)) doc.toJS();
      },
      OPTIONS,
    );
    bench(
      "audit",
      () => {
        runAudit(readInventory([{ file: "stream.yaml", text }]));
      },
      OPTIONS,
    );
  });
}
