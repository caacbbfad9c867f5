/** The audit pipeline for manifest texts: inputs → inventory → findings and flow analysis, and their formats. Pure. */
import type { ManifestInput } from "../inventory/manifest-documents.js";
import { readInventory } from "../inventory/read-inventory.js";
import { runAudit, type AuditResult } from "../audit/run-audit.js";
import { formatJson } from "../audit/reporters/json-report.js";
import { formatSarif } from "../audit/reporters/sarif-report.js";
import { formatText } from "../audit/reporters/text-report.js";
import { formatFlowMatrixJson, formatFlowMatrixText } from "../audit/reporters/flow-matrix-report.js";
import { flowAnalysisOf, type FlowAnalysis } from "../netpol/required/flow-analysis.js";
import { noMonitoringComponent, requireKubernetesObjects } from "../inventory/nothing-to-analyse.js";

import type { AuditFormat } from "../audit/formats.js";

export const auditManifests = (inputs: ReadonlyArray<ManifestInput>): AuditResult => runAudit(readInventory(inputs));

/**
 * The audit and the flow analysis of the same inputs (`hamon audit --flows`). Input without any
 * Kubernetes object is refused (`NothingToAnalyseError`); objects without a monitoring component
 * are audited (the generic rules, pod security and network policies, still apply) and `note` says
 * plainly that no component was found.
 */
export function auditManifestsWithFlows(inputs: ReadonlyArray<ManifestInput>): {
  result: AuditResult;
  flows: FlowAnalysis;
  note?: string;
} {
  const inventory = readInventory(inputs);
  requireKubernetesObjects(inventory, inputs, "audit");
  const none = noMonitoringComponent(inventory, inputsName(inputs));
  const note = none && `${none}; only the generic checks (pod security, network policies, inline secrets) apply`;
  return { result: runAudit(inventory), flows: flowAnalysisOf(inventory), ...(note ? { note } : {}) };
}

/** The inputs as a person names them: `out/a.yaml`, `3 files`, `stdin`. */
function inputsName(inputs: ReadonlyArray<ManifestInput>): string {
  if (inputs.length === 1) return inputs[0]!.file === "-" ? "stdin" : inputs[0]!.file;
  return `${inputs.length} files`;
}

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
