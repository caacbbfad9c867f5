/**
 * `hamon plan`'s one screen: what was written, the sizing in one line, the findings, the failure
 * matrix and the verdict. Pure.
 */
import { plural } from "../plural.js";
import type { Finding } from "../audit/rule.js";
import { summarize } from "../audit/run-audit.js";
import { formatSimulationText } from "../simulate/format-text.js";
import type { StackAnalysis } from "./analyze-stack.js";
import type { LoadedStack } from "./load-stack.js";

/** Findings listed on the screen; the rest are counted (hamon audit lists them all). */
export const PLAN_FINDINGS_SHOWN = 10;

function findingLine(f: Finding): string {
  const object = `${f.object.kind}/${f.object.namespace ? `${f.object.namespace}/` : ""}${f.object.name}`;
  return `  ${f.severity.padEnd(7)} ${f.rule}  ${object}  ${f.source.file}:${f.source.line}\n          ${f.message}`;
}

export function formatPlan(stack: LoadedStack, analysis: StackAnalysis, outDir: string, reportFile: string): string {
  const { spec, sizing, folders } = stack.render;
  const objects = folders.reduce((n, f) => n + f.objects.length, 0);
  const p = sizing.prometheus;
  const summary = summarize(analysis.audit);
  const order = { error: 0, warning: 1, info: 2 } as const;
  const findings = [...analysis.audit.findings].sort((a, b) => order[a.severity] - order[b.severity]);
  const lines = [
    `hamon plan: ${spec.cluster.name}, ${stack.subject}`,
    "",
    `Wrote ${outDir}/: ${objects} objects in ${folders.length} folders, PREREQUISITES.md, ${reportFile}`,
    `  apply: read ${outDir}/PREREQUISITES.md, then kubectl apply -k ${outDir}`,
    `Sizing: ${plural(p.shards, "Prometheus shard")} × ${spec.prometheus.replicas} replicas of ${p.resources.cpu.toCpuString()} CPU, ` +
      `${p.resources.memory.toBytesString()} memory, ${p.storage.toBytesString()} volume (${p.seriesPerShard.toLocaleString("en-US")} series each)`,
    "",
    `Audit: ${summary.error} error, ${summary.warning} warning, ${summary.info} info${summary.suppressed ? `, ${summary.suppressed} suppressed` : ""}`,
    ...findings.slice(0, PLAN_FINDINGS_SHOWN).map(findingLine),
    ...(findings.length > PLAN_FINDINGS_SHOWN
      ? [`  … ${findings.length - PLAN_FINDINGS_SHOWN} more: hamon audit ${outDir}`]
      : []),
    "",
    formatSimulationText(analysis.simulation, { placement: false, reasons: false }).trimEnd(),
    `  the reason behind every cell: hamon simulate${stack.ownRender ? "" : " --manifests …"}, or ${outDir}/${reportFile}`,
    "",
    `${analysis.verdict.ok ? "✓" : "✗"} ${analysis.verdict.text}`,
  ];
  return lines.join("\n") + "\n";
}
