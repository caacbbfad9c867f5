/** A rule's documentation as JSON (`hamon rules --format json`): every field, the page and the fixtures' file names. */
import type { Rule, RuleSource, Severity } from "../rule.js";
import { ruleDocPath, type RuleExamples } from "./rule-files.js";

export interface RuleJson {
  id: string;
  severity: Severity;
  title: string;
  what: string;
  why: string;
  sources: RuleSource[];
  severityReason: string;
  fix: string;
  /** The rule's page, relative to the repository root. */
  documentation: string;
  /** The fixtures' file names; null when the fixtures are not installed. */
  examples: { dir: string; trigger: string[]; pass: string[] } | null;
}

export function ruleJson(rule: Rule, examples: RuleExamples | undefined): RuleJson {
  return {
    id: rule.id,
    severity: rule.severity,
    title: rule.title,
    what: rule.what,
    why: rule.why,
    sources: rule.sources.map((s) => ({ title: s.title, url: s.url })),
    severityReason: rule.severityReason,
    fix: rule.fix,
    documentation: ruleDocPath(rule.id),
    examples: examples
      ? {
          dir: examples.dir,
          trigger: examples.triggers.map((e) => e.file),
          pass: examples.passes.map((e) => e.file),
        }
      : null,
  };
}
