/** The committed rule documentation is what the rules generate today: docs/rules/ and the README's rule table. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../catalog.js";
import { README_RULES_SECTION, replaceRulesSection, ruleDocFiles } from "./generated-rule-docs.js";
import { REPOSITORY_ROOT, RULE_DOCS_DIR } from "./rule-files.js";

const read = (path: string) => readFileSync(join(REPOSITORY_ROOT, path), "utf8");

describe("generated rule documentation (run: npm run docs)", () => {
  const files = ruleDocFiles();

  it.each(files.map((f) => [f.path, f] as const))("%s is current", (path, f) => {
    expect(read(path)).toBe(f.text);
  });

  it("docs/rules/ holds exactly the generated pages: an index and one per rule", () => {
    const onDisk = readdirSync(join(REPOSITORY_ROOT, RULE_DOCS_DIR)).map((n) => `${RULE_DOCS_DIR}/${n}`);
    expect(onDisk.sort()).toEqual(files.map((f) => f.path).sort());
    expect(files.length).toBe(RULES.length + 1);
  });

  it("the README's rule table is current", () => {
    const readme = read("README.md");
    expect(readme).toContain(`<!-- ${README_RULES_SECTION}:start -->`);
    expect(replaceRulesSection(readme)).toBe(readme);
  });

  it("the README's table would change with a rule's title (the check can fail)", () => {
    const readme = read("README.md");
    const renamed = RULES.map((r, i) => (i === 0 ? { ...r, title: `${r.title}, renamed` } : r));
    expect(replaceRulesSection(readme, renamed)).not.toBe(readme);
  });
});
