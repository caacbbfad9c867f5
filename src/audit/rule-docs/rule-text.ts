/** A rule's documentation as plain text: the listing `hamon rules` prints, one rule in full, and SARIF's help text. */
import type { Rule } from "../rule.js";
import { ruleDocPath, RULE_FIXTURES_DIR, type RuleExamples } from "./rule-files.js";

/** Terminal width the CLI wraps to. */
export const TEXT_WIDTH = 100;

function wrapLine(line: string, first: string, rest: string, width: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const word of line.split(" ").filter((w) => w !== "")) {
    const prefix = out.length === 0 ? first : rest;
    if (current !== "" && prefix.length + current.length + 1 + word.length > width) {
      out.push(prefix + current);
      current = word;
    } else current = current === "" ? word : `${current} ${word}`;
  }
  out.push((out.length === 0 ? first : rest) + current);
  return out;
}

/** Word-wraps prose to `width`, every line indented; a list item ("- …") hangs under its own text. */
export function wrapProse(text: string, indent = "  ", width = TEXT_WIDTH): string {
  return text
    .split("\n")
    .flatMap((line) => wrapLine(line, indent, indent + (line.startsWith("- ") ? "  " : ""), width))
    .join("\n");
}

/** One line per rule: id, severity, title, in columns. */
export function rulesListText(rules: ReadonlyArray<Rule>): string {
  const idWidth = Math.max(...rules.map((r) => r.id.length));
  const rows = rules.map((r) => `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(7)}  ${r.title}`);
  return `${rows.join("\n")}\n\n${rules.length} rules. One in full: hamon rules <id>\n`;
}

/** What, why, sources, severity and fix: the rule's documentation without its examples. */
export function ruleBodyText(rule: Rule, width = TEXT_WIDTH): string {
  const section = (heading: string, text: string) => `${heading}\n${wrapProse(text, "  ", width)}`;
  const sources = rule.sources.map((s) => `  - ${s.title}\n    ${s.url}`).join("\n");
  return [
    section("What it checks", rule.what),
    section("Why", rule.why),
    `Sources\n${sources}`,
    section(`Severity: ${rule.severity}`, rule.severityReason),
    section("Fix", rule.fix),
  ].join("\n\n");
}

/** The example fixtures by file name, or why there are none. */
export function ruleExamplesText(id: string, examples: RuleExamples | undefined): string {
  if (!examples)
    return `Examples: in hamon's source repository, ${RULE_FIXTURES_DIR}/${id}/ (not installed with the package)`;
  if (examples.triggers.length + examples.passes.length === 0) return `Examples: no fixture (none in ${examples.dir}/)`;
  const list = (heading: string, files: ReadonlyArray<{ file: string }>) =>
    `  ${heading}:\n${files.length > 0 ? files.map((f) => `    ${f.file}`).join("\n") : "    no fixture"}`;
  return [
    `Examples (${examples.dir}/)`,
    list("raises a finding on", examples.triggers),
    list("stays quiet on", examples.passes),
  ].join("\n");
}

/** Everything `hamon rules <id>` prints. */
export function ruleText(rule: Rule, examples: RuleExamples | undefined, width = TEXT_WIDTH): string {
  return (
    [
      `${rule.id} (${rule.severity}): ${rule.title}`,
      ruleBodyText(rule, width),
      ruleExamplesText(rule.id, examples),
      `Documentation: ${ruleDocPath(rule.id)}`,
    ].join("\n\n") + "\n"
  );
}
