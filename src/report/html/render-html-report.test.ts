import { describe, expect, it } from "vitest";
import { renderHtmlReport } from "./render-html-report.js";
import { sampleModel } from "../../../test/support/sample-report-model.js";

describe("renderHtmlReport", () => {
  const small = renderHtmlReport(sampleModel(2));

  it("is self-contained: no script, no external reference of any kind", () => {
    expect(small).not.toMatch(/<script/i);
    expect(small).not.toMatch(/\b(src|href)=["'](?!#)/i);
    expect(small).not.toMatch(/url\(|@import|https?:\/\//i);
    expect(small).toContain(`Content-Security-Policy" content="default-src 'none'`);
  });

  it("escapes what manifests say", () => {
    expect(small).toContain("prod-eu &lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("draws zones as columns and a chip per pod with its name for screen readers", () => {
    expect(small.match(/<section class="zone"/g)).toHaveLength(3);
    expect(small.match(/<li class="pod"/g)?.length).toBe(
      sampleModel(2).zones.flatMap((z) => z.nodes.flatMap((n) => n.pods)).length,
    );
    expect(small).toContain('<span class="sr-only"> prometheus-00, prometheus</span>');
  });

  it("puts the reason of every cell on hover and in text", () => {
    expect(small).toContain('title="the only Redis pod ran in this zone; rescheduling takes ~30s"');
    expect(small).toContain(
      '<span class="sr-only">down: the only Redis pod ran in this zone; rescheduling takes ~30s</span>',
    );
  });

  it("stays one screen at 5,000 nodes: idle nodes counted, all-ok scenarios folded", () => {
    const big = renderHtmlReport(sampleModel((5000 / 3 + 1) | 0));
    expect(big).toContain("1,665 nodes without stack pods");
    expect(big.match(/<li class="node">/g)).toHaveLength(6);
    expect(big).toMatch(/loss of node: 5,001 scenarios/);
    const matrix = /<table class="matrix">[\s\S]*?<\/table>/.exec(big)![0];
    expect(matrix.match(/<tr/g)!.length).toBeLessThan(20);
    expect(big.length).toBeLessThan(200_000);
  });

  it("lists the targets, the alerts with their severities counted, and the dashboards, escaped", () => {
    const model = sampleModel(2);
    const section = (id: string) => new RegExp(`<section id="${id}">[\\s\\S]*?</section>`).exec(small)?.[0] ?? "";
    expect(section("targets").match(/<tr>/g)).toHaveLength(model.targets.length + 1);
    expect(section("targets")).toContain("<td>ServiceMonitor → Service → DaemonSet</td>");
    expect(section("alerts")).toContain("Alerts <small>(2: 1 none, 1 critical)</small>");
    expect(section("alerts")).toContain("<code>NodeDown &lt;b&gt;</code>");
    expect(section("dashboards")).toContain("<td>Nodes</td>");
    expect(small).toContain(
      '<a href="#targets">targets</a><a href="#alerts">alerts</a><a href="#dashboards">dashboards</a>',
    );
  });

  it("says so when nothing is scraped or alerted on, and leaves dashboards out when there are none", () => {
    const html = renderHtmlReport({ ...sampleModel(2), targets: [], alerts: [], dashboards: [] });
    expect(html).toContain("No ServiceMonitor or PodMonitor: nothing is scraped.");
    expect(html).toContain("No alerting rule in any PrometheusRule.");
    expect(html).not.toContain('id="dashboards"');
  });
});
