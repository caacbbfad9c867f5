/** The catalog is coherent and the README section lists it as it is. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RULES } from "./catalog.js";

describe("rule catalog", () => {
  it("has unique ids, a title, a rationale naming a source, and a fix for every rule", () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^HAMON-[A-Z]+-\d{3}$/);
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.rationale, r.id).toMatch(/(\.io|\.com|\.org|\.go|\.md|\.ini|github)/);
      expect(r.rationale, `${r.id} explains its severity`).toMatch(/(Error|Warning)/);
      expect(r.fix.length).toBeGreaterThan(10);
    }
  });

  it("is documented row by row in the README's audit section", () => {
    const doc = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../../README.md"), "utf8");
    for (const r of RULES) expect(doc).toContain(`| ${r.id} | ${r.severity} | ${r.title} |`);
  });
});
