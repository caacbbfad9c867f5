/**
 * One self-contained HTML file: no scripts, fonts, images or links to anything outside it, so it
 * opens from a mail attachment or a CI artifact as it is. Pure: the same model gives the same bytes.
 */
import type { ReportModel } from "../report-model.js";
import { findingsHtml, sizingHtml, worstCaseHtml } from "./details-sections.js";
import { esc } from "./escape.js";
import { failureMatrixHtml } from "./failure-matrix.js";
import { placementGridHtml } from "./placement-grid.js";
import { REPORT_CSS } from "./styles.js";
import { alertsHtml, dashboardsHtml, targetsHtml } from "./watch-sections.js";

/** Marks the report as hamon's, so that a later `hamon report --html` may overwrite it without --force. */
const GENERATOR_META = '<meta name="generator" content="hamon">';

/** Whether an existing file is a report that hamon wrote. */
export const isHamonReport = (html: string): boolean => html.includes(GENERATOR_META);

export function renderHtmlReport(model: ReportModel): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${GENERATOR_META}
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(model.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${esc(model.title)}</h1>
<p>${esc(model.subject)}</p>
<p class="verdict ${model.verdict.ok ? "good" : "bad"}" role="status">${model.verdict.ok ? "✓" : "✗"} ${esc(model.verdict.text)}</p>
<nav><a href="#placement">placement</a><a href="#matrix">failure matrix</a>${model.worstCase.length ? `<a href="#worst-case">worst case</a>` : ""}<a href="#findings">findings</a>${model.sizing.length ? `<a href="#sizing">sizing</a>` : ""}<a href="#targets">targets</a><a href="#alerts">alerts</a>${model.dashboards.length ? `<a href="#dashboards">dashboards</a>` : ""}</nav>
</header>
<main>
${placementGridHtml(model)}
${failureMatrixHtml(model)}
${worstCaseHtml(model)}
${findingsHtml(model)}
${sizingHtml(model)}
${targetsHtml(model)}
${alertsHtml(model)}
${dashboardsHtml(model)}
</main>
</body>
</html>
`;
}
