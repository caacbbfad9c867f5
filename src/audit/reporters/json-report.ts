/**
 * The JSON report, in the shape other tools depend on (issue #3):
 * `{"findings": [{"rule", "severity", "object": {"kind", "name", "namespace"}, "file", "line",
 * "message", "fix"}], "summary": {...}}`, and `related` (file, line, object, key, lineInKey, message)
 * on a finding that a config file in a ConfigMap or Secret causes. `namespace` is null when the manifest names none (cluster-scoped, or left to `kubectl -n`).
 */
import type { AuditResult, AuditSummary } from "../run-audit.js";
import { summarize } from "../run-audit.js";
import type { Severity } from "../rule.js";

export interface JsonFinding {
  rule: string;
  severity: Severity;
  object: { kind: string; name: string; namespace: string | null };
  file: string;
  line: number;
  message: string;
  fix: string;
  /** Present when a config file embedded in a ConfigMap or Secret causes the finding: where the fix goes (rule.ts RelatedLocation). */
  related?: Array<{
    file: string;
    line: number;
    object: { kind: string; name: string; namespace: string | null };
    key: string;
    lineInKey: number | null;
    message: string;
  }>;
}

export interface JsonReport {
  findings: JsonFinding[];
  summary: AuditSummary;
}

export function jsonReport(result: AuditResult): JsonReport {
  return {
    findings: result.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      object: { kind: f.object.kind, name: f.object.name, namespace: f.object.namespace ?? null },
      file: f.source.file,
      line: f.source.line,
      message: f.message,
      fix: f.fix,
      ...(f.related
        ? {
            related: f.related.map((r) => ({
              file: r.file,
              line: r.line,
              object: { kind: r.object.kind, name: r.object.name, namespace: r.object.namespace ?? null },
              key: r.key,
              lineInKey: r.lineInKey ?? null,
              message: r.message,
            })),
          }
        : {}),
    })),
    summary: summarize(result),
  };
}

export const formatJson = (result: AuditResult): string => JSON.stringify(jsonReport(result), null, 2) + "\n";
