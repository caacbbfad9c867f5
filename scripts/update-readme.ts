/** Regenerates the generated sections of README.md (npm run docs). */
import { readFileSync, writeFileSync } from "node:fs";
import { replaceGeneratedSection } from "../src/spec/readme-sections.js";

const path = new URL("../README.md", import.meta.url);
writeFileSync(path, replaceGeneratedSection(readFileSync(path, "utf8")));
