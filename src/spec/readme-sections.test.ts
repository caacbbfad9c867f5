import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { replaceGeneratedSection } from "./readme-sections.js";

describe("README spec reference", () => {
  it("is current with the schema (run: npm run docs)", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(replaceGeneratedSection(readme)).toBe(readme);
  });
  it("documents the defaults that matter", () => {
    const section = replaceGeneratedSection("<!-- spec-reference:start --><!-- spec-reference:end -->");
    expect(section).toContain("| `alertmanager.replicas` | integer | `3` |");
    expect(section).toContain("| `storage.provisioner` | string | **required** |");
  });
});
