/**
 * Every alert of every PrometheusRule in the input, generically: its name, severity label,
 * `summary` annotation and `for` (prometheus-operator Documentation/api-reference/api.md, Rule;
 * prometheus.io/docs/prometheus/latest/configuration/alerting_rules/). Recording rules are not
 * alerts and are left out.
 */
import type { Inventory } from "../inventory/model.js";
import { asRecords, asString, asStringMap, get } from "../k8s/json.js";
import type { ReportAlert } from "./report-model.js";

export function alertRules(inv: Inventory): ReportAlert[] {
  const out: ReportAlert[] = [];
  for (const o of inv.objects) {
    if (o.ref.kind !== "PrometheusRule") continue;
    for (const group of asRecords(get(o.raw, "spec", "groups"))) {
      for (const rule of asRecords(group.rules)) {
        const name = asString(rule.alert);
        if (name === undefined) continue;
        const annotations = asStringMap(rule.annotations);
        out.push({
          name,
          severity: asStringMap(rule.labels)["severity"] ?? "",
          summary: annotations["summary"] ?? annotations["message"] ?? "",
          for: asString(rule.for) ?? "",
          group: `${o.ref.namespace ? `${o.ref.namespace}/` : ""}${o.ref.name}: ${asString(group.name) ?? ""}`,
        });
      }
    }
  }
  return out;
}
