/**
 * The human report: findings grouped by object (in file order), each object headed by its kind,
 * namespace/name and file:line; a summary line. Colour only when asked (the CLI asks when stdout
 * is a TTY and NO_COLOR is unset: no-color.org). Verbose adds suppressed findings with their reasons.
 * A finding caused by a config file names it under the fix: "fix in: ConfigMap ns/name key grafana.ini line 12 (file:line)".
 */
import type { Finding, Severity, SuppressedFinding } from "../rule.js";
import { summarize, type AuditResult } from "../run-audit.js";
import { describeRelated } from "../related-location.js";

export interface TextOptions {
  color: boolean;
  verbose: boolean;
}

const CODES = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1 } as const;

function paint(on: boolean) {
  return (code: keyof typeof CODES, s: string) => (on ? `\u001b[${CODES[code]}m${s}\u001b[0m` : s);
}

const SEVERITY_COLOR: Record<Severity, keyof typeof CODES> = { error: "red", warning: "yellow", info: "blue" };

function objectKey(f: Finding) {
  return `${f.source.file}\u0000${f.source.line}\u0000${f.object.kind}\u0000${f.object.namespace ?? ""}\u0000${f.object.name}`;
}

function groupByObject<T extends Finding>(findings: T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const f of findings) {
    const k = objectKey(f);
    const list = groups.get(k);
    if (list) list.push(f);
    else groups.set(k, [f]);
  }
  return [...groups.values()];
}

export function formatText(result: AuditResult, options: TextOptions): string {
  const c = paint(options.color);
  const lines: string[] = [];
  const header = (f: Finding) =>
    c("bold", `${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ""}${f.object.name}`) +
    c("dim", `  ${f.source.file}:${f.source.line}`);
  for (const group of groupByObject(result.findings)) {
    lines.push(header(group[0] as Finding));
    for (const f of group) {
      lines.push(`  ${c(SEVERITY_COLOR[f.severity], f.severity.padEnd(7))} ${f.rule}  ${f.message}`);
      lines.push(c("dim", `          fix: ${f.fix}`));
      for (const r of f.related ?? []) lines.push(c("dim", `          fix in: ${describeRelated(r)}: ${r.message}`));
    }
    lines.push("");
  }
  if (options.verbose && result.suppressed.length > 0) {
    lines.push(c("bold", "Suppressed (hamon.io/ignore):"));
    for (const group of groupByObject<SuppressedFinding>(result.suppressed)) {
      lines.push(header(group[0] as Finding));
      for (const f of group) {
        lines.push(`  ${c("dim", "ignored")} ${f.rule}  ${f.message}`);
        lines.push(c("dim", `          reason: ${f.reason ?? "(none given: add hamon.io/ignore-reason)"}`));
      }
    }
    lines.push("");
  }
  for (const e of result.ruleErrors)
    lines.push(c("red", `hamon bug: rule ${e.rule} failed on this input: ${e.message}`));
  const s = summarize(result);
  const counts = [
    c(s.error ? "red" : "dim", `${s.error} error${s.error === 1 ? "" : "s"}`),
    c(s.warning ? "yellow" : "dim", `${s.warning} warning${s.warning === 1 ? "" : "s"}`),
    `${s.info} info`,
    `${s.suppressed} suppressed${s.suppressed && !options.verbose ? " (--verbose to list)" : ""}`,
  ];
  lines.push(`hamon audit: ${s.objects} objects in ${s.files} file${s.files === 1 ? "" : "s"}: ${counts.join(", ")}`);
  return lines.join("\n") + "\n";
}
