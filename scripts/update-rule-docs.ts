/**
 * Regenerates what the audit rules document (npm run docs): the README's rule table and
 * docs/rules/ (a page per rule and the index). docs/rules/ is generated as a whole: a page whose
 * rule is gone is removed.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { replaceRulesSection, ruleDocFiles } from "../src/audit/rule-docs/generated-rule-docs.js";
import { REPOSITORY_ROOT, RULE_DOCS_DIR } from "../src/audit/rule-docs/rule-files.js";

const readme = join(REPOSITORY_ROOT, "README.md");
writeFileSync(readme, replaceRulesSection(readFileSync(readme, "utf8")));

const files = ruleDocFiles();
mkdirSync(join(REPOSITORY_ROOT, RULE_DOCS_DIR), { recursive: true });
for (const f of files) writeFileSync(join(REPOSITORY_ROOT, f.path), f.text);
const generated = new Set(files.map((f) => f.path));
for (const name of readdirSync(join(REPOSITORY_ROOT, RULE_DOCS_DIR))) {
  const path = `${RULE_DOCS_DIR}/${name}`;
  if (name.endsWith(".md") && !generated.has(path)) rmSync(join(REPOSITORY_ROOT, path));
}
