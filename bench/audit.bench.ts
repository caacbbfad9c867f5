/**
 * The audit's cost against parsing alone, on one YAML stream of ~10,000 objects (hamon's default
 * render repeated into distinct namespaces). Target (issue #3): audit ≤ 1.5× parse. A stream with
 * real-world embedded files (dashboards, large rules) is bench/audit-corpus.bench.ts.
 *
 * - "parse": yaml.parseAllDocuments + toJS, the least any manifest reader must do.
 * - "audit": readInventory (the same parse with line numbers, inventory, config lookups) + all rules.
 * - "audit without NETPOL": the same without the NetworkPolicy rules, whose flow evaluation is
 *   measured apart.
 *
 * Measured on the shared 2-core machine, one run each in its own process: without
 * the NETPOL rules 1.05× parse (8.2 s / 7.8 s). With them 83× (646 s, peak memory 1.45 GB, 4.5×
 * parse's): the flow evaluation grows with the square of the stream, which the network-flow part
 * of issue #13 makes linear; the 1.01× of issue #3 predates the flow analysis.
 *
 * vitest bench prints the ratio ("parse … x faster than audit"). Run: npx vitest bench --run bench/audit.bench.ts
 */
import { parseAllDocuments } from "yaml";
import { bench, describe } from "vitest";
import { renderFromSpecText } from "../src/pipeline/render-pipeline.js";
import { EXAMPLE_SPEC_YAML } from "../src/spec/example.js";
import { readInventory } from "../src/inventory/read-inventory.js";
import { runAudit } from "../src/audit/run-audit.js";
import { RULES } from "../src/audit/catalog.js";

const TARGET_OBJECTS = 10_000;

function manifestStream(): { text: string; objects: number } {
  const { files } = renderFromSpecText(EXAMPLE_SPEC_YAML, "bench");
  const docs = [...files].filter(([p]) => p.endsWith(".yaml") && !p.endsWith("kustomization.yaml")).map(([, t]) => t);
  const parts: string[] = [];
  let objects = 0;
  for (let copy = 0; objects < TARGET_OBJECTS; copy++) {
    for (const d of docs) {
      parts.push(d.replace(/namespace: monitoring\b/g, `namespace: monitoring-${copy}`));
      objects++;
    }
  }
  return { text: parts.join("---\n"), objects };
}

const { text, objects } = manifestStream();

describe(`audit vs parse, ${objects} objects`, () => {
  bench(
    "parse",
    () => {
      for (const doc of parseAllDocuments(text)) doc.toJS();
    },
    { iterations: 5, warmupIterations: 1 },
  );

  bench(
    "audit without NETPOL",
    () => {
      runAudit(
        readInventory([{ file: "stream.yaml", text }]),
        RULES.filter((r) => !r.id.startsWith("HAMON-NETPOL-")),
      );
    },
    { iterations: 5, warmupIterations: 1 },
  );

  bench(
    "audit",
    () => {
      runAudit(readInventory([{ file: "stream.yaml", text }]));
    },
    { iterations: 5, warmupIterations: 1 },
  );
});
