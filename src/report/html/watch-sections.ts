/** What the stack watches: its scrape targets, its alerts and its dashboards, each a table of the input's own objects. */
import type { ReportModel } from "../report-model.js";
import { esc } from "./escape.js";

const th = (...names: string[]) => `<tr>${names.map((n) => `<th scope="col">${esc(n)}</th>`).join("")}</tr>`;

export function targetsHtml(model: ReportModel): string {
  const rows = model.targets
    .map(
      (t) =>
        `<tr><td>${esc(t.component)}</td><td>${esc(t.how)}</td><td><code>${esc(t.monitor)}</code></td><td><code>${esc(t.ports)}</code></td><td>${esc(t.series)}</td></tr>`,
    )
    .join("\n");
  return `<section id="targets"><h2>Targets <small>(${model.targets.length} monitors)</small></h2>
${
  model.targets.length === 0
    ? "<p>No ServiceMonitor or PodMonitor: nothing is scraped.</p>"
    : `<p>What Prometheus scrapes: each ServiceMonitor and PodMonitor, the workload it reaches and its ports. The series of the cluster's own targets are those the sizing adds per node and per pod.</p>
<div class="scroll"><table class="targets"><thead>${th("target", "how", "monitor", "ports", "series")}</thead><tbody>${rows}</tbody></table></div>`
}</section>`;
}

export function alertsHtml(model: ReportModel): string {
  const bySeverity = new Map<string, number>();
  for (const a of model.alerts)
    bySeverity.set(a.severity || "no severity", (bySeverity.get(a.severity || "no severity") ?? 0) + 1);
  const counts = [...bySeverity.entries()].map(([s, k]) => `${k} ${s}`).join(", ");
  const rows = model.alerts
    .map(
      (a) =>
        `<tr><td><code>${esc(a.name)}</code></td><td>${esc(a.severity)}</td><td>${esc(a.for)}</td><td>${esc(a.summary)}</td><td><small>${esc(a.group)}</small></td></tr>`,
    )
    .join("\n");
  return `<section id="alerts"><h2>Alerts <small>(${model.alerts.length}${counts ? `: ${esc(counts)}` : ""})</small></h2>
${
  model.alerts.length === 0
    ? "<p>No alerting rule in any PrometheusRule.</p>"
    : `<div class="scroll"><table class="alerts"><thead>${th("alert", "severity", "for", "summary", "rule group")}</thead><tbody>${rows}</tbody></table></div>`
}</section>`;
}

export function dashboardsHtml(model: ReportModel): string {
  if (model.dashboards.length === 0) return "";
  return `<section id="dashboards"><h2>Dashboards <small>(${model.dashboards.length})</small></h2>
<table class="dashboards"><thead>${th("dashboard", "provisioned from")}</thead><tbody>${model.dashboards
    .map(
      (d) => `<tr><td>${esc(d.title)}</td><td><code>${esc(d.configMap)}</code> <small>${esc(d.file)}</small></td></tr>`,
    )
    .join("\n")}</tbody></table></section>`;
}
