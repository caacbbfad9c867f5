/** HAMON-PROM-002. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Inventory, PodGroup } from "../../inventory/model.js";
import type { Rule, RuleFinding } from "../rule.js";
import { relatedYamlSetting } from "../related-location.js";
import { asArray, asRecords, asStringMap, get, isRecord } from "../../k8s/json.js";
import { readLabelSelector, selectorMatches } from "../../k8s/label-selector.js";
import { groupTitle } from "./_helpers.js";

/**
 * Where a Prometheus or Thanos Ruler is given rules and where it is told its Alertmanagers:
 * - Prometheus CR: `ruleSelector` (null selects no PrometheusRule) and `alerting.alertmanagers` or
 *   `additionalAlertManagerConfigs` (Prometheus Operator API reference, PrometheusSpec);
 * - prometheus.yml: `rule_files` and `alerting.alertmanagers` (prometheus.io/docs/prometheus/latest/configuration/configuration/);
 * - ThanosRuler CR: `ruleSelector` and `alertmanagersUrl` or `alertmanagersConfig` (API reference, ThanosRulerSpec);
 * - `thanos rule`: `--rule-file` and `--alertmanagers.url`, `--alertmanagers.config(-file)` (thanos.io/tip/components/rule.md).
 */
interface AlertingSetup {
  /** What gives it rules, in words; undefined when it has none. */
  rules?: string;
  alertmanagers: boolean;
  /** PrometheusRule selector of a CR, to tell recording-only rules apart. */
  ruleSelector?: unknown;
}

function setupOf(g: PodGroup): AlertingSetup | undefined {
  const cr = g.config.crSpec;
  const kind = g.owner.ref.kind;
  if (cr && kind === "Prometheus") {
    const alerting = asRecords(get(cr, "alerting", "alertmanagers")).length > 0;
    const additional = isRecord(cr.additionalAlertManagerConfigs);
    return {
      ...(isRecord(cr.ruleSelector)
        ? { rules: "selects PrometheusRules (spec.ruleSelector)", ruleSelector: cr.ruleSelector }
        : {}),
      alertmanagers: alerting || additional,
    };
  }
  if (cr && kind === "ThanosRuler") {
    const urls = asArray(cr.alertmanagersUrl).length > 0;
    return {
      ...(isRecord(cr.ruleSelector)
        ? { rules: "selects PrometheusRules (spec.ruleSelector)", ruleSelector: cr.ruleSelector }
        : {}),
      alertmanagers: urls || isRecord(cr.alertmanagersConfig),
    };
  }
  if (cr) return undefined;
  if (g.component === "prometheus") {
    const y = g.config.prometheusYaml;
    if (!y) return undefined;
    const files = asArray(y.rule_files).length > 0;
    const am =
      asRecords(get(y, "alerting", "alertmanagers")).length > 0 || g.config.flags["alertmanager.url"] !== undefined; // Prometheus 1.x flag, still seen in old manifests
    return { ...(files ? { rules: "loads rule_files" } : {}), alertmanagers: am };
  }
  if (g.component === "thanos-ruler") {
    const f = g.config.flags;
    const files = f["rule-file"] !== undefined;
    const am = ["alertmanagers.url", "alertmanagers.config", "alertmanagers.config-file"].some(
      (n) => f[n] !== undefined,
    );
    return { ...(files ? { rules: "loads --rule-file" } : {}), alertmanagers: am };
  }
  return undefined;
}

/** False only when the PrometheusRules in the input that the selector picks are all recording rules. */
function mayHaveAlerts(inv: Inventory, selector: unknown): boolean {
  const sel = readLabelSelector(selector);
  if (!sel) return true;
  const picked = inv.objects.filter(
    (o) => o.ref.kind === "PrometheusRule" && selectorMatches(sel, asStringMap(get(o.raw, "metadata", "labels"))),
  );
  if (picked.length === 0) return true;
  return picked.some((o) =>
    asRecords(get(o.raw, "spec", "groups")).some((grp) => asRecords(grp.rules).some((r) => r.alert !== undefined)),
  );
}

export const rulesWithoutAlertmanager: Rule = {
  id: "HAMON-PROM-002",
  severity: "error",
  title: "Rules with no Alertmanager",
  what:
    "A Prometheus or Thanos Ruler that is given rules and no Alertmanager:\n" +
    "- a Prometheus CR with a `ruleSelector` and neither `alerting.alertmanagers` nor " +
    "`additionalAlertManagerConfigs`;\n" +
    "- a ThanosRuler CR with a `ruleSelector` and neither `alertmanagersUrl` nor `alertmanagersConfig`;\n" +
    "- a Prometheus workload whose prometheus.yml (in a ConfigMap or Secret it mounts) has `rule_files` and no " +
    "`alerting.alertmanagers`;\n" +
    "- a `thanos rule` with `--rule-file` and no `--alertmanagers.url` or `--alertmanagers.config(-file)`.\n" +
    "Not reported when the PrometheusRules in the input that the selector picks hold only recording rules.",
  why:
    "Alerting rules fire inside Prometheus or the Ruler, but only an Alertmanager notifies anyone: with no " +
    "Alertmanager configured, firing alerts are visible on the alerts page and nowhere else. Nothing fails " +
    "loudly, so the gap is found at the first incident.",
  sources: [
    {
      title: "Prometheus: alerting overview",
      url: "https://prometheus.io/docs/alerting/latest/overview/",
    },
    {
      title: "Prometheus configuration: alertmanager_config",
      url: "https://prometheus.io/docs/prometheus/latest/configuration/configuration/#alertmanager_config",
    },
    { title: "Thanos Rule", url: "https://thanos.io/tip/components/rule.md/" },
    {
      title: "Prometheus Operator API reference (PrometheusSpec, ThanosRulerSpec)",
      url: "https://github.com/prometheus-operator/prometheus-operator/blob/main/Documentation/api-reference/api.md",
    },
  ],
  severityReason: "Error: every alert the rules raise is lost; no event is even needed.",
  fix: "Point it at every Alertmanager: alerting.alertmanagers on a Prometheus CR or in prometheus.yml (the headless Service, e.g. alertmanager-operated), alertmanagersUrl or alertmanagersConfig on a ThanosRuler, --alertmanagers.url with dnssrv+ on thanos rule.",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const g of inv.podGroups) {
      if (g.component !== "prometheus" && g.component !== "thanos-ruler") continue;
      if (g.shard !== undefined && g.shard > 0) continue; // one finding per CR, not per shard
      const s = setupOf(g);
      if (!s?.rules || s.alertmanagers) continue;
      if (s.ruleSelector !== undefined && !mayHaveAlerts(inv, s.ruleSelector)) continue;
      const file = g.config.crSpec ? undefined : g.config.files?.prometheusYaml;
      out.push({
        object: g.owner,
        ...relatedYamlSetting(
          inv,
          file,
          ["rule_files"],
          "rule_files are loaded and no alerting section follows: add alerting.alertmanagers",
        ),
        message: `${groupTitle(g)} ${s.rules} but has no Alertmanager configured: its alerts fire and notify no one`,
      });
    }
    return out;
  },
};
