/** The HTML report of an analysed stack (issue 8): placement, matrix, worst case, findings, sizing. */
import { jsonReport } from "../audit/reporters/json-report.js";
import { buildReportModel } from "../report/build-report-model.js";
import { renderHtmlReport } from "../report/html/render-html-report.js";
import { sizingSummary } from "../report/sizing-summary.js";
import type { StackAnalysis } from "./analyze-stack.js";
import type { LoadedStack } from "./load-stack.js";

export function stackReportHtml(stack: LoadedStack, analysis: StackAnalysis): string {
  const findings = jsonReport(analysis.audit).findings.map((f) => ({
    ...f,
    object: {
      kind: f.object.kind,
      name: f.object.name,
      ...(f.object.namespace ? { namespace: f.object.namespace } : {}),
    },
  }));
  return renderHtmlReport(
    buildReportModel({
      title: `hamon: ${stack.ownRender ? `the ${stack.render.spec.cluster.name} monitoring stack` : "monitoring stack"}`,
      subject: stack.subject,
      simulation: analysis.simulation,
      nodes: stack.nodes,
      inventory: stack.inventory,
      findings,
      // Sizing describes hamon's render; for foreign manifests it would describe something else.
      sizing: stack.ownRender ? sizingSummary(stack.render.spec, stack.render.sizing) : [],
      verdict: analysis.verdict,
    }),
  );
}
