/** Regenerates the comparison table in docs/comparison.md and README.md from hamon's render (npm run docs). */
import { readFileSync, writeFileSync } from "node:fs";
import { COMPARISON_PAGES, replaceComparison } from "../src/pipeline/comparison-table.js";

for (const page of COMPARISON_PAGES) {
  const path = new URL(`../${page}`, import.meta.url);
  writeFileSync(path, replaceComparison(readFileSync(path, "utf8"), undefined, page));
}
