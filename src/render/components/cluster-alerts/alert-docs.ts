/**
 * The alert table of docs/cluster-alerts.md, generated from the rule objects (`npm run docs`,
 * scripts/update-cluster-alert-docs.ts); a test checks that the committed page is current.
 */
import type { Spec } from "../../../spec/schema.js";
import { replaceMarkedSection } from "../../../spec/generated-sections.js";
import { clusterAlertGroups } from "../cluster-alert-rules.js";
import type { ClusterTarget } from "./cluster-alert.js";

export const CLUSTER_ALERTS_DOC_PATH = "docs/cluster-alerts.md";
export const CLUSTER_ALERTS_SECTION = "cluster-alerts";

const TARGET_KEY: Record<ClusterTarget, string> = {
  nodeExporter: "`targets.nodeExporter`",
  kubeStateMetrics: "`targets.kubeStateMetrics`",
  kubelet: "`targets.kubelet`",
  apiServer: "`targets.apiServer`",
  coreDns: "`targets.coreDns.enabled`",
  every: "always",
};

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** One table per area: each alert with its severity, when it fires (with `spec`'s thresholds), for how long, its target and threshold keys. */
export function clusterAlertsMarkdown(spec: Spec): string {
  const out: string[] = [];
  for (const group of clusterAlertGroups(spec)) {
    out.push(
      `### ${group.title}`,
      "",
      "| alert | severity | fires when | for | rendered when | thresholds |",
      "|---|---|---|---|---|---|",
    );
    for (const { rule, target, thresholds } of group.alerts) {
      const keys = thresholds.map((k) => `\`clusterAlerts.${k}\``).join(", ") || "—";
      out.push(
        `| \`${rule.alert}\` | ${rule.labels.severity} | ${cell(rule.annotations.summary)} | ${rule.for ?? "—"} | ${TARGET_KEY[target]} | ${keys} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}

/** docs/cluster-alerts.md with its tables regenerated from the rules `spec` renders (the defaults). */
export function replaceClusterAlertDocs(page: string, spec: Spec): string {
  return replaceMarkedSection(page, CLUSTER_ALERTS_SECTION, clusterAlertsMarkdown(spec), CLUSTER_ALERTS_DOC_PATH);
}
