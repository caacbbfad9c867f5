/**
 * The Grafana dashboards the input provisions from ConfigMaps: those labelled `grafana_dashboard`,
 * the label Grafana's dashboard sidecar watches by default (kiwigrid/k8s-sidecar README, `LABEL`;
 * the grafana Helm chart's `sidecar.dashboards.label`), one dashboard per `*.json` key, its title
 * read from the JSON.
 */
import type { Inventory } from "../inventory/model.js";
import { asRecord, asString, asStringMap, get } from "../k8s/json.js";
import type { ReportDashboard } from "./report-model.js";

export const DASHBOARD_LABEL = "grafana_dashboard";

function titleOf(text: string): string | undefined {
  try {
    return asString(asRecord(JSON.parse(text)).title);
  } catch {
    return undefined;
  }
}

export function grafanaDashboards(inv: Inventory): ReportDashboard[] {
  const out: ReportDashboard[] = [];
  for (const o of inv.objects) {
    if (o.ref.kind !== "ConfigMap") continue;
    if (!(DASHBOARD_LABEL in asStringMap(get(o.raw, "metadata", "labels")))) continue;
    const data = asStringMap(get(o.raw, "data"));
    for (const [key, text] of Object.entries(data).sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (!key.endsWith(".json")) continue;
      out.push({
        title: titleOf(text) ?? key,
        file: key,
        configMap: `${o.ref.namespace ? `${o.ref.namespace}/` : ""}${o.ref.name}`,
      });
    }
  }
  return out;
}
