/**
 * Inventory + rules → findings, split into reported and suppressed (by the object's
 * `hamon.io/ignore` annotation), in a stable order: file, line, rule id, message.
 * A rule that throws on odd input is a hamon bug; it is reported as such, never a crash.
 */
import type { Inventory, InventoryObject } from "../inventory/model.js";
import { RULES } from "./catalog.js";
import { SEVERITY_ORDER, type Finding, type Rule, type Severity, type SuppressedFinding } from "./rule.js";

export interface AuditResult {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** Rules that failed on this input (a hamon bug): id and message. */
  ruleErrors: Array<{ rule: string; message: string }>;
  objects: number;
  files: number;
}

export interface AuditSummary {
  error: number;
  warning: number;
  info: number;
  suppressed: number;
  objects: number;
  files: number;
}

function isSuppressed(object: InventoryObject, ruleId: string): boolean {
  const ids = object.suppressed.rules;
  return ids.includes(ruleId.toUpperCase()) || ids.includes("*") || ids.includes("ALL");
}

const compare = (a: Finding, b: Finding) =>
  a.source.file < b.source.file
    ? -1
    : a.source.file > b.source.file
      ? 1
      : a.source.line - b.source.line ||
        (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
        (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);

export function runAudit(inventory: Inventory, rules: ReadonlyArray<Rule> = RULES): AuditResult {
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const ruleErrors: AuditResult["ruleErrors"] = [];
  for (const rule of rules) {
    let raised;
    try {
      raised = rule.check(inventory);
    } catch (e) {
      ruleErrors.push({ rule: rule.id, message: (e as Error)?.message ?? String(e) });
      continue;
    }
    for (const r of raised) {
      const severity: Severity = r.severity ?? rule.severity;
      const finding: Finding = {
        rule: rule.id,
        severity: SEVERITY_ORDER[severity] < SEVERITY_ORDER[rule.severity] ? rule.severity : severity,
        object: r.object.ref,
        source: r.object.source,
        message: r.message,
        fix: r.fix ?? rule.fix,
        ...(r.related && r.related.length > 0 ? { related: r.related } : {}),
      };
      if (isSuppressed(r.object, rule.id)) {
        const reason = r.object.suppressed.reason;
        suppressed.push(reason ? { ...finding, reason } : finding);
      } else findings.push(finding);
    }
  }
  findings.sort(compare);
  suppressed.sort(compare);
  return {
    findings,
    suppressed,
    ruleErrors,
    objects: inventory.objects.length,
    files: new Set(inventory.objects.map((o) => o.source.file)).size,
  };
}

export function summarize(result: AuditResult): AuditSummary {
  const count = (s: Severity) => result.findings.filter((f) => f.severity === s).length;
  return {
    error: count("error"),
    warning: count("warning"),
    info: count("info"),
    suppressed: result.suppressed.length,
    objects: result.objects,
    files: result.files,
  };
}

/** 1 when any reported (not suppressed) finding is an error, else 0. */
export const auditExitCode = (result: AuditResult): 0 | 1 =>
  result.findings.some((f) => f.severity === "error") ? 1 : 0;
