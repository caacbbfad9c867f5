/** Regenerates the spec reference in docs/spec-reference.md from the schema (npm run docs). */
import { readFileSync, writeFileSync } from "node:fs";
import { replaceSpecReference, SPEC_REFERENCE_PATH } from "../src/spec/generated-sections.js";

const path = new URL(`../${SPEC_REFERENCE_PATH}`, import.meta.url);
writeFileSync(path, replaceSpecReference(readFileSync(path, "utf8")));
