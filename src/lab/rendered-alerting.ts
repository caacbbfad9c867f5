/** What the lab takes from `hamon render`'s output: the alerting rules and the Alertmanager routing, as rendered. */
import { parse } from "yaml";
import type { RenderResult } from "../pipeline/render-pipeline.js";
import type { AlertmanagerRouting } from "../render/alertmanager-config.js";
import type { AlertingRuleGroup } from "../render/components/meta-monitoring-rules.js";

/** The rule groups of every rendered PrometheusRule, in render order, exactly as `hamon render` writes them. */
export function renderedRuleGroups(rendered: RenderResult): AlertingRuleGroup[] {
  const rules = rendered.folders.flatMap((f) => f.objects).filter((o) => o.kind === "PrometheusRule");
  if (rules.length === 0) throw new Error("hamon bug: no PrometheusRule rendered");
  return rules.flatMap((rule) => (rule.toJSON() as { spec: { groups: AlertingRuleGroup[] } }).spec.groups);
}

/** The Alertmanager configuration in the rendered Secret. */
export function renderedRouting(rendered: RenderResult): AlertmanagerRouting {
  for (const o of rendered.folders.flatMap((f) => f.objects)) {
    const data = (o.toJSON() as { kind: string; stringData?: Record<string, string> }).stringData?.[
      "alertmanager.yaml"
    ];
    if (o.kind === "Secret" && data !== undefined) return parse(data) as AlertmanagerRouting;
  }
  throw new Error("hamon bug: no alertmanager.yaml rendered");
}
