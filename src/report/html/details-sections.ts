/** Worst-case placements, findings and sizing: the report's tables below the grid and matrix. */
import type { ReportModel, WorstCaseSpread } from "../report-model.js";

const SPREAD_TEXT: Record<WorstCaseSpread, { cls: string; text: string }> = {
  zones: { cls: "good", text: "✓ across zones" },
  nodes: { cls: "warn", text: "◐ across nodes only" },
  none: { cls: "bad", text: "✗ not even across nodes" },
  "single-replica": { cls: "warn", text: "– single replica" },
};
import { esc } from "./escape.js";

export function worstCaseHtml(model: ReportModel): string {
  if (model.worstCase.length === 0) return "";
  return `<section id="worst-case"><h2>Worst placement the hard constraints allow</h2>
<p>What the hard constraints guarantee whatever the scheduler's soft preferences decide: replicas <b>across zones</b> survive a zone loss for sure; <b>across nodes only</b> survive a node loss for sure and a zone loss only if the soft zone spread held.</p>
<table><thead><tr><th scope="col">component</th><th scope="col">replica set</th><th scope="col">guaranteed</th><th scope="col">why</th></tr></thead><tbody>
${model.worstCase
  .map(
    (w) =>
      `<tr><td>${esc(w.component)}</td><td>${esc(w.group)}</td><td class="${SPREAD_TEXT[w.spread].cls}">${SPREAD_TEXT[w.spread].text}</td><td>${esc(w.detail)}</td></tr>`,
  )
  .join("\n")}</tbody></table></section>`;
}

export function findingsHtml(model: ReportModel): string {
  const counts = (["error", "warning", "info"] as const)
    .map((s) => `${model.findings.filter((f) => f.severity === s).length} ${s}`)
    .join(", ");
  const rows = model.findings
    .map(
      (f) =>
        `<tr class="sev-${f.severity}"><td>${f.severity === "error" ? "✗" : f.severity === "warning" ? "◐" : "i"} ${f.severity}</td><td><code>${esc(f.rule)}</code></td><td>${esc(f.object.kind)}/${esc(f.object.namespace ? `${f.object.namespace}/` : "")}${esc(f.object.name)}</td><td><code>${esc(f.file)}:${f.line}</code></td><td>${esc(f.message)}<div class="fix">fix: ${esc(f.fix)}</div></td></tr>`,
    )
    .join("\n");
  return `<section id="findings"><h2>Findings <small>(${counts})</small></h2>
${model.findings.length === 0 ? "<p>No findings.</p>" : `<table><thead><tr><th scope="col">severity</th><th scope="col">rule</th><th scope="col">object</th><th scope="col">where</th><th scope="col">what and how to fix</th></tr></thead><tbody>${rows}</tbody></table>`}</section>`;
}

export function sizingHtml(model: ReportModel): string {
  if (model.sizing.length === 0) return "";
  return `<section id="sizing"><h2>Sizing</h2><dl class="sizing">${model.sizing
    .map((s) => `<div><dt>${esc(s.label)}</dt><dd>${esc(s.value)}</dd></div>`)
    .join("")}</dl></section>`;
}
