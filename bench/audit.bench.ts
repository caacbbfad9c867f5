/**
 * The audit's cost against parsing alone, on one YAML stream of ~10,000 objects (hamon's default
 * render repeated into distinct namespaces). Target (issue #3): audit ≤ 1.5× parse.
 *
 * - "parse": yaml.parseAllDocuments + toJS, the least any manifest reader must do.
 * - "audit": readInventory (the same parse with line numbers, inventory, config lookups) + all rules.
 *
 * vitest bench prints the ratio ("parse … x faster than audit"). Run: npx vitest bench --run bench/audit.bench.ts
 */
import { parseAllDocuments } from "yaml";
import { bench, describe } from "vitest";
import { renderFromSpecText } from "../src/pipeline/render-pipeline.js";
import { EXAMPLE_SPEC_YAML } from "../src/spec/example.js";
import { readInventory } from "../src/inventory/read-inventory.js";
import { runAudit } from "../src/audit/run-audit.js";

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
    "audit",
    () => {
      runAudit(readInventory([{ file: "stream.yaml", text }]));
    },
    { iterations: 5, warmupIterations: 1 },
  );
});
