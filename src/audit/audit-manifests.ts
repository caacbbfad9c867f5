/** The audit pipeline for manifest texts: inputs → inventory → findings. Pure. */
import type { ManifestInput } from "../inventory/manifest-documents.js";
import { readInventory } from "../inventory/read-inventory.js";
import { runAudit, type AuditResult } from "./run-audit.js";
import { formatJson } from "./reporters/json-report.js";
import { formatSarif } from "./reporters/sarif-report.js";
import { formatText } from "./reporters/text-report.js";
import { formatFlowMatrixJson, formatFlowMatrixText } from "./reporters/flow-matrix-report.js";
import { flowAnalysisOf, type FlowAnalysis } from "../netpol/required/flow-analysis.js";

export type AuditFormat = "text" | "json" | "sarif";
export const AUDIT_FORMATS: ReadonlyArray<AuditFormat> = ["text", "json", "sarif"];

export const auditManifests = (inputs: ReadonlyArray<ManifestInput>): AuditResult => runAudit(readInventory(inputs));

/** The audit and the flow analysis of the same inputs (`hamon audit --flows`). */
export function auditManifestsWithFlows(inputs: ReadonlyArray<ManifestInput>): {
  result: AuditResult;
  flows: FlowAnalysis;
} {
  const inventory = readInventory(inputs);
  return { result: runAudit(inventory), flows: flowAnalysisOf(inventory) };
}

export const FLOW_FORMATS: ReadonlyArray<AuditFormat> = ["text", "json"];

export function formatFlows(flows: FlowAnalysis, format: AuditFormat, options: { color: boolean }): string {
  return format === "json" ? formatFlowMatrixJson(flows) : formatFlowMatrixText(flows, options);
}

export function formatAudit(
  result: AuditResult,
  format: AuditFormat,
  options: { color: boolean; verbose: boolean; version: string },
): string {
  switch (format) {
    case "json":
      return formatJson(result);
    case "sarif":
      return formatSarif(result, options.version);
    case "text":
      return formatText(result, options);
  }
}
