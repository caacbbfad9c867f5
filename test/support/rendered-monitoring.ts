/**
 * What a render gives Prometheus and Grafana, read back from the rendered objects generically, so
 * that rules and dashboards other modules add are covered too: every PrometheusRule's groups as a
 * rule file, and every dashboard JSON held in a ConfigMap with every PromQL expression of its
 * panels (rows and nested panels included).
 */
import type { RenderResult } from "../../src/pipeline/render-pipeline.js";
import { view, type Json } from "./rendered.js";

export interface RuleFile {
  /** The PrometheusRule's name, used as the file's name. */
  name: string;
  groups: Array<{ name: string; rules: Array<{ record?: string; alert?: string; expr: string }> }>;
}

export function renderedRuleFiles(result: RenderResult): RuleFile[] {
  return view(result)
    .byKind("PrometheusRule")
    .map((r) => ({ name: String(r.metadata.name), groups: r.spec.groups as RuleFile["groups"] }));
}

export interface RenderedDashboardJson {
  configMap: string;
  uid: string;
  title: string;
  json: Json;
}

/** Dashboards: ConfigMap entries named *.json whose content is a Grafana dashboard (has `panels`). */
export function renderedDashboardJson(result: RenderResult): RenderedDashboardJson[] {
  const out: RenderedDashboardJson[] = [];
  for (const cm of view(result).byKind("ConfigMap")) {
    for (const [key, value] of Object.entries((cm.data ?? {}) as Record<string, string>)) {
      if (!key.endsWith(".json")) continue;
      const json = JSON.parse(value) as Json;
      if (!Array.isArray(json.panels)) continue;
      out.push({ configMap: String(cm.metadata.name), uid: String(json.uid), title: String(json.title), json });
    }
  }
  return out;
}

export interface PanelExpr {
  dashboard: string;
  panel: string;
  expr: string;
}

/** Every target expression of every panel, walking rows' nested `panels` as well as top-level ones. */
export function panelExprs(dashboard: RenderedDashboardJson): PanelExpr[] {
  const out: PanelExpr[] = [];
  const walk = (panels: Json[]) => {
    for (const panel of panels) {
      for (const target of (panel.targets ?? []) as Json[]) {
        if (typeof target.expr === "string")
          out.push({ dashboard: dashboard.uid, panel: String(panel.title), expr: target.expr });
      }
      if (Array.isArray(panel.panels)) walk(panel.panels as Json[]);
    }
  };
  walk(dashboard.json.panels as Json[]);
  return out;
}

/** Template variables replaced by values a user would pick; an unknown `$variable` is an error. */
export function withVariables(expr: string, values: Record<string, string>): string {
  return expr.replace(/\$\{?(\w+)\}?/g, (whole, name: string) => {
    // label_replace's "$1"-style group references are not variables.
    if (/^\d+$/.test(name)) return whole;
    const value = values[name];
    if (value === undefined) throw new Error(`no test value for dashboard variable $${name} in: ${expr}`);
    return value;
  });
}
