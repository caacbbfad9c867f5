/** Regenerates the comparison table in docs/comparison.md from hamon's render (npm run docs). */
import { readFileSync, writeFileSync } from "node:fs";
import { COMPARISON_PATH, replaceComparison } from "../src/pipeline/comparison-table.js";

const path = new URL(`../${COMPARISON_PATH}`, import.meta.url);
writeFileSync(path, replaceComparison(readFileSync(path, "utf8")));
