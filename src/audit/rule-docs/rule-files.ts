/**
 * Where a rule's documentation page and its example fixtures live in the repository:
 * docs/rules/<ID>.md, and test/fixtures/audit/<ID>/ with `trigger-*.yaml` (the rule raises) and
 * `pass-*.yaml` (a close variant it stays quiet on), as src/audit/rule-fixtures.test.ts runs them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: three levels up from src/audit/rule-docs/ (or dist/audit/rule-docs/). */
export const REPOSITORY_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export const RULE_DOCS_DIR = "docs/rules";
export const RULE_FIXTURES_DIR = "test/fixtures/audit";

/** The rule's page inside docs/rules/. */
export const ruleDocFile = (id: string): string => `${id}.md`;
/** The rule's page, relative to the repository root. */
export const ruleDocPath = (id: string): string => `${RULE_DOCS_DIR}/${ruleDocFile(id)}`;

export interface RuleExample {
  /** File name inside the rule's fixture folder. */
  file: string;
  text: string;
}

export interface RuleExamples {
  /** The rule's fixture folder, relative to the repository root. */
  dir: string;
  /** Inputs the rule raises a finding on. */
  triggers: RuleExample[];
  /** Close variants it stays quiet on. */
  passes: RuleExample[];
}

/**
 * The rule's example fixtures, sorted by name (empty lists when the rule has none), or undefined
 * when the fixtures are not there at all (an installed package ships no tests).
 */
export function ruleExamples(id: string, root: string = REPOSITORY_ROOT): RuleExamples | undefined {
  const fixtures = join(root, RULE_FIXTURES_DIR);
  if (!existsSync(fixtures)) return undefined;
  const dir = `${RULE_FIXTURES_DIR}/${id}`;
  const files = existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .filter((f) => f.endsWith(".yaml"))
        .sort()
    : [];
  const read = (file: string): RuleExample => ({ file, text: readFileSync(join(root, dir, file), "utf8") });
  return {
    dir,
    triggers: files.filter((f) => f.startsWith("trigger-")).map(read),
    passes: files.filter((f) => f.startsWith("pass-")).map(read),
  };
}
