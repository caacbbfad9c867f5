/**
 * What `npm run docs` generates from the rules: a page per rule and an index in docs/rules/, and
 * the README's rule table (the `rules-table` generated section). The test beside this file keeps
 * the committed copies current.
 */
import { replaceMarkedSection } from "../../spec/generated-sections.js";
import { RULES } from "../catalog.js";
import type { Rule } from "../rule.js";
import { REPOSITORY_ROOT, RULE_DOCS_DIR, ruleDocPath, ruleExamples } from "./rule-files.js";
import { rulePageMarkdown, rulesIndexMarkdown, rulesTableMarkdown } from "./rule-markdown.js";

export const README_RULES_SECTION = "rules-table";
export const RULES_INDEX_PATH = `${RULE_DOCS_DIR}/README.md`;

export interface GeneratedFile {
  /** Relative to the repository root. */
  path: string;
  text: string;
}

/** docs/rules/README.md and docs/rules/<ID>.md for every rule, the examples read from the fixtures under `root`. */
export function ruleDocFiles(rules: ReadonlyArray<Rule> = RULES, root = REPOSITORY_ROOT): GeneratedFile[] {
  return [
    { path: RULES_INDEX_PATH, text: rulesIndexMarkdown(rules) },
    ...rules.map((r) => ({ path: ruleDocPath(r.id), text: rulePageMarkdown(r, ruleExamples(r.id, root)) })),
  ];
}

/** The README with its rule table regenerated. */
export function replaceRulesSection(readme: string, rules: ReadonlyArray<Rule> = RULES): string {
  return replaceMarkedSection(readme, README_RULES_SECTION, rulesTableMarkdown(rules, `${RULE_DOCS_DIR}/`));
}
