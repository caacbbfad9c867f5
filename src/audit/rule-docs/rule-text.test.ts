/** The plain text of `hamon rules`: wrapped prose with hanging list items, every field, the fixtures or why there are none. */
import { describe, expect, it } from "vitest";
import { RULES } from "../catalog.js";
import type { Rule } from "../rule.js";
import { ruleText, rulesListText, wrapProse } from "./rule-text.js";

const RULE: Rule = {
  id: "HAMON-X-001",
  severity: "warning",
  title: "A rule for the test",
  what: "Checks one thing:\n- the first case, which is long enough to wrap onto a second line at forty columns;\n- the second.",
  why: "Because the source says so.",
  sources: [{ title: "The source", url: "https://example.org/doc" }],
  severityReason: "Warning: nothing breaks; error never.",
  fix: "Fix it.",
  check: () => [],
};

describe("rule text", () => {
  it("wraps prose to the width, indented, with list items hanging under their text", () => {
    expect(wrapProse(RULE.what, "  ", 40)).toBe(
      [
        "  Checks one thing:",
        "  - the first case, which is long enough",
        "    to wrap onto a second line at forty",
        "    columns;",
        "  - the second.",
      ].join("\n"),
    );
    for (const line of wrapProse(RULES[0]!.why, "  ", 60).split("\n")) expect(line.length).toBeLessThanOrEqual(60);
  });

  it("prints one rule in full: header, what, why, sources, severity, fix, fixtures, page", () => {
    const text = ruleText(RULE, {
      dir: "test/fixtures/audit/HAMON-X-001",
      triggers: [{ file: "trigger-a.yaml", text: "" }],
      passes: [],
    });
    expect(text).toBe(
      [
        "HAMON-X-001 (warning): A rule for the test",
        "",
        "What it checks",
        "  Checks one thing:",
        "  - the first case, which is long enough to wrap onto a second line at forty columns;",
        "  - the second.",
        "",
        "Why",
        "  Because the source says so.",
        "",
        "Sources",
        "  - The source",
        "    https://example.org/doc",
        "",
        "Severity: warning",
        "  Warning: nothing breaks; error never.",
        "",
        "Fix",
        "  Fix it.",
        "",
        "Examples (test/fixtures/audit/HAMON-X-001/)",
        "  raises a finding on:",
        "    trigger-a.yaml",
        "  stays quiet on:",
        "    no fixture",
        "",
        "Documentation: docs/rules/HAMON-X-001.md",
        "",
      ].join("\n"),
    );
  });

  it("says so when a rule has no fixture, or when the fixtures are not installed", () => {
    expect(ruleText(RULE, { dir: "test/fixtures/audit/HAMON-X-001", triggers: [], passes: [] })).toContain(
      "Examples: no fixture (none in test/fixtures/audit/HAMON-X-001/)",
    );
    expect(ruleText(RULE, undefined)).toContain("not installed with the package");
  });

  it("lists every rule on a line of its own, in columns", () => {
    const lines = rulesListText(RULES).trimEnd().split("\n");
    expect(lines.length).toBe(RULES.length + 2);
    expect(lines[0]).toBe("HAMON-HA-001       error    HA-critical component runs a single replica");
    expect(lines.at(-1)).toBe(`${RULES.length} rules. One in full: hamon rules <id>`);
  });
});
