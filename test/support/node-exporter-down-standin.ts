/**
 * STAND-IN, for the lab's tests only (never rendered): until the render has its own alert on
 * node-exporter's `up` series (the Kubernetes alert rules of issue #14), the lab's tests add this
 * minimal one, which the lab then finds and proves as it would the rendered one. `standInUnlessRendered`
 * adds it only while no rendered alert watches node-exporter: once one does, the tests prove that
 * one, and this file can go.
 */
import type { AlertingRuleGroup } from "../../src/render/components/meta-monitoring-rules.js";
import { renderFromSpecText } from "../../src/pipeline/render-pipeline.js";
import { LOOPBACK } from "../../src/lab/free-ports.js";
import { labTargetLabels, nodeExporterScrape } from "../../src/lab/node-exporter-scrape.js";
import { renderedRuleGroups } from "../../src/lab/rendered-alerting.js";
import { alertsWatchingTarget } from "../../src/lab/target-down-alerts.js";

export const NODE_EXPORTER_DOWN_STANDIN: AlertingRuleGroup = {
  name: "test-stand-in-node-exporter",
  rules: [
    {
      alert: "TestStandInNodeExporterDown",
      expr: 'up{job="node-exporter",namespace="hamon-node-exporter"} == 0',
      for: "5m",
      labels: { severity: "warning" },
      annotations: {
        summary: "Test stand-in: node-exporter is down.",
        description: "node-exporter on {{ $labels.instance }} has not answered scrapes.",
      },
    },
  ],
};

/** [the stand-in] while the spec's render has no alert on node-exporter's `up` series, else []. */
export function standInUnlessRendered(specText: string): AlertingRuleGroup[] {
  const rendered = renderFromSpecText(specText, "(test)");
  const scrape = nodeExporterScrape(rendered);
  if (!scrape) return [];
  const labels = labTargetLabels(scrape, `${LOOPBACK}:9100`);
  return alertsWatchingTarget(renderedRuleGroups(rendered), labels).length === 0 ? [NODE_EXPORTER_DOWN_STANDIN] : [];
}
