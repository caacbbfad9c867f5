/**
 * SARIF 2.1.0 (docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) for code-scanning UIs:
 * one run, the rule catalog as `tool.driver.rules` (each rule's documentation as its help),
 * one result per finding with its file:line and the object as a logical location. Suppressed
 * findings are included with an `inSource` suppression and their reason (§3.35), so UIs show them
 * as dismissed, not as fixed. A finding caused by a config file in a ConfigMap or Secret carries
 * that key's place as a related location (§3.27.22), with the line inside the file when exact.
 */
import type { Rule, Severity, Finding } from "../rule.js";
import type { ObjectRef } from "../../inventory/model.js";
import { describeRelated } from "../related-location.js";
import type { AuditResult } from "../run-audit.js";
import { RULES } from "../catalog.js";
import { ruleDocPath } from "../rule-docs/rule-files.js";
import { ruleBodyMarkdown } from "../rule-docs/rule-markdown.js";
import { ruleBodyText } from "../rule-docs/rule-text.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

export const SARIF_SCHEMA_URI =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** A file name as a relative URI reference: forward slashes, percent-encoded; stdin becomes `stdin`. */
export function artifactUri(file: string): string {
  if (file === "-") return "stdin";
  return encodeURI(file.replace(/\\/g, "/"));
}

const qualifiedName = (o: ObjectRef) => `${o.namespace ? `${o.namespace}/` : ""}${o.kind}/${o.name}`;

export function sarifLog(result: AuditResult, version: string, rules: ReadonlyArray<Rule> = RULES) {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const toResult = (f: Finding, reason?: string | null) => ({
    ruleId: f.rule,
    ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
    level: LEVEL[f.severity],
    message: { text: `${f.message}. Fix: ${f.fix}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(f.source.file) },
          region: { startLine: Math.max(1, f.source.line) },
        },
        logicalLocations: [
          {
            fullyQualifiedName: qualifiedName(f.object),
            kind: "resource",
          },
        ],
      },
    ],
    // §3.27.22 relatedLocations: locations (§3.28) other than the result's own, each with an id
    // unique within the result (§3.28.2); here the config file where the fix goes.
    ...(f.related && f.related.length > 0
      ? {
          relatedLocations: f.related.map((r, id) => ({
            id,
            physicalLocation: {
              artifactLocation: { uri: artifactUri(r.file) },
              region: { startLine: Math.max(1, r.line) },
            },
            logicalLocations: [{ fullyQualifiedName: qualifiedName(r.object), kind: "resource" }],
            message: { text: `Fix in ${describeRelated(r)}: ${r.message}` },
          })),
        }
      : {}),
    ...(reason !== null ? { suppressions: [{ kind: "inSource", ...(reason ? { justification: reason } : {}) }] } : {}),
  });
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0" as const,
    runs: [
      {
        tool: {
          driver: {
            name: "hamon",
            version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/[^A-Za-z0-9]/g, ""),
              shortDescription: { text: r.title },
              fullDescription: { text: r.what },
              // The rule's documentation, unwrapped: code-scanning UIs show it beside each result.
              help: {
                text: `${ruleBodyText(r, Infinity)}\n\nDocumentation: ${ruleDocPath(r.id)} in hamon's repository.`,
                markdown: `${ruleBodyMarkdown(r)}\n\nDocumentation: \`${ruleDocPath(r.id)}\` in hamon's repository.`,
              },
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        results: [
          ...result.findings.map((f) => toResult(f, null)),
          ...result.suppressed.map((f) => toResult(f, f.reason ?? "")),
        ],
      },
    ],
  };
}

export const formatSarif = (result: AuditResult, version: string): string =>
  JSON.stringify(sarifLog(result, version), null, 2) + "\n";
