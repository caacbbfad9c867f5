/**
 * The Grafana dashboards the input provisions from ConfigMaps, one per key that holds a dashboard's
 * JSON model (an object with a `panels` or, in the old schema, a `rows` array:
 * grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/), its title
 * read from it. Found whatever the ConfigMap's labels: those labelled `grafana_dashboard` (the label
 * Grafana's dashboard sidecar watches by default, kiwigrid/k8s-sidecar README `LABEL`; the grafana
 * and kube-prometheus-stack charts' `sidecar.dashboards.label`) and those a Deployment mounts, as
 * kube-prometheus does (grafana-dashboardDefinitions.yaml).
 */
import type { Inventory } from "../inventory/model.js";
import { asString, asStringMap, get, isRecord } from "../k8s/json.js";
import type { ReportDashboard } from "./report-model.js";

/** The dashboard's title, or undefined when the text is no dashboard JSON model. */
function dashboardTitle(text: string): string | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(json) || !(Array.isArray(json.panels) || Array.isArray(json.rows))) return undefined;
  return asString(json.title) ?? "";
}

export function grafanaDashboards(inv: Inventory): ReportDashboard[] {
  const out: ReportDashboard[] = [];
  for (const o of inv.objects) {
    if (o.ref.kind !== "ConfigMap") continue;
    const data = asStringMap(get(o.raw, "data"));
    for (const [key, text] of Object.entries(data).sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const title = dashboardTitle(text);
      if (title === undefined) continue;
      out.push({
        title: title || key,
        file: key,
        configMap: `${o.ref.namespace ? `${o.ref.namespace}/` : ""}${o.ref.name}`,
      });
    }
  }
  return out;
}
