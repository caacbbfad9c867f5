/**
 * Every rule against its fixtures in test/fixtures/audit/<RULE-ID>/: each `trigger-*.yaml` must
 * raise the rule (at the severity its `# expect: <severity>` header names), each `pass-*.yaml` —
 * a close variant — must not. Every rule must have at least one of each. A trigger whose cause is a
 * config file in a ConfigMap or Secret names where the fix goes, `# fix in: <Kind ns/name key K
 * line N (file:line)>`, and its findings must point there (and nowhere when it names none).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RULES } from "./catalog.js";
import { auditManifests } from "../pipeline/audit-manifests.js";
import { describeRelated } from "./related-location.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../../test/fixtures/audit");

describe.each(RULES.map((r) => [r.id, r] as const))("%s", (id, rule) => {
  const dir = join(FIXTURES, id);
  const files = (existsSync(dir) ? readdirSync(dir) : []).filter((f) => f.endsWith(".yaml")).sort();
  const triggers = files.filter((f) => f.startsWith("trigger-"));
  const passes = files.filter((f) => f.startsWith("pass-"));

  it("has at least one triggering fixture and one close variant that passes", () => {
    expect(triggers.length).toBeGreaterThan(0);
    expect(passes.length).toBeGreaterThan(0);
  });

  it.each(triggers)("raises on %s", (file) => {
    const text = readFileSync(join(dir, file), "utf8");
    const expected = /^# expect: (error|warning|info)\b/m.exec(text)?.[1];
    expect(expected, `${file} needs a '# expect: <severity>' line`).toBeDefined();
    const result = auditManifests([{ file, text }]);
    expect(result.ruleErrors).toEqual([]);
    const mine = result.findings.filter((f) => f.rule === id);
    expect(mine.length, JSON.stringify(result.findings, null, 1)).toBeGreaterThan(0);
    expect(mine.map((f) => f.severity)).toContain(expected);
    for (const f of mine) {
      expect(f.source.file).toBe(file);
      expect(f.source.line).toBeGreaterThan(0);
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.fix.length).toBeGreaterThan(5);
    }
    expect(rule.severity === "error" || mine.every((f) => f.severity !== "error")).toBe(true);
    // `# fix in: <place>` lines: a finding caused by an embedded config file names that place.
    const places = [...text.matchAll(/^# fix in: (.+)$/gm)].map((m) => m[1]);
    const named = mine.flatMap((f) => (f.related ?? []).map(describeRelated));
    for (const place of places) expect(named, JSON.stringify(mine, null, 1)).toContain(place);
    if (places.length === 0) expect(named, `${file} needs a '# fix in: …' line for its config file`).toEqual([]);
  });

  it.each(passes)("stays quiet on %s", (file) => {
    const text = readFileSync(join(dir, file), "utf8");
    const result = auditManifests([{ file, text }]);
    expect(result.ruleErrors).toEqual([]);
    expect(result.findings.filter((f) => f.rule === id)).toEqual([]);
  });
});
