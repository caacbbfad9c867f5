/**
 * The alerts the lab's target-down fault proves: every rendered alerting rule whose expression
 * selects the killed target's `up` series (found in the PromQL syntax tree, not by name, so that
 * whichever rendered alert watches node-exporter is the one proved), with its `for:` shortened as
 * the lab shortens the scrape interval. Pure.
 */
import { parser } from "@prometheus-io/lezer-promql";
import type { AlertingRuleGroup } from "../render/components/meta-monitoring-rules.js";
import { Duration } from "../units/duration.js";
import { LAB_EVALUATION_INTERVAL_MS } from "./lab-config.js";

/** A shortened `for:` longer than this is cut to it: the lab stays within a minute or so. */
export const LAB_LONGEST_FOR_MS = 30_000;

/** The text of a PromQL string literal ("…", '…' or `…`; backslash escapes undone, enough for label values). */
function stringValue(literal: string): string {
  const inner = literal.slice(1, -1);
  return literal.startsWith("`") ? inner : inner.replace(/\\(.)/g, "$1");
}

interface Matcher {
  label: string;
  op: string;
  value: string;
}

/** Prometheus anchors label regexes at both ends (prometheus.io/docs/prometheus/latest/querying/basics/). */
function matches(m: Matcher, labels: Readonly<Record<string, string>>): boolean {
  const actual = labels[m.label] ?? "";
  const regexMatches = () => {
    try {
      return new RegExp(`^(?:${m.value})$`).test(actual);
    } catch {
      return false; // RE2 syntax JavaScript lacks: not counted as a match
    }
  };
  if (m.op === "=") return actual === m.value;
  if (m.op === "!=") return actual !== m.value;
  if (m.op === "=~") return regexMatches();
  if (m.op === "!~") return !regexMatches();
  return false;
}

/**
 * True when some vector selector in `expr` selects the series `metric{labels}`: its metric name
 * is `metric` and every one of its label matchers holds for `labels`.
 */
export function selectsSeries(expr: string, metric: string, labels: Readonly<Record<string, string>>): boolean {
  const tree = parser.parse(expr);
  let found = false;
  tree.iterate({
    enter(node) {
      if (found) return false;
      if (node.name !== "VectorSelector") return undefined;
      let name: string | undefined;
      const matchers: Matcher[] = [];
      for (let child = node.node.firstChild; child; child = child.nextSibling) {
        if (child.name === "Identifier") name = expr.slice(child.from, child.to);
        if (child.name !== "LabelMatchers") continue;
        for (let m = child.firstChild; m; m = m.nextSibling) {
          const parts = [];
          for (let p = m.firstChild; p; p = p.nextSibling) parts.push({ name: p.name, text: expr.slice(p.from, p.to) });
          const [label, op, value] = parts;
          if (!label || !op || !value) continue;
          matchers.push({
            label: label.name === "LabelName" ? label.text : stringValue(label.text),
            op: op.text,
            value: stringValue(value.text),
          });
        }
      }
      found = matchers.every((m) => matches(m, { ...labels, __name__: metric })) && (name ?? metric) === metric;
      return false;
    },
  });
  return found;
}

/**
 * The alerts that watch a target's health: every alerting rule whose expression selects the
 * target's `up` series (Prometheus' own per-target health, 0 when a scrape fails:
 * prometheus.io/docs/concepts/jobs_instances/#automatically-generated-labels-and-time-series),
 * `up{job="node-exporter"}` as well as a generic `up == 0`. In rule order.
 */
export function alertsWatchingTarget(
  groups: readonly AlertingRuleGroup[],
  targetLabels: Readonly<Record<string, string>>,
): string[] {
  // Recording rules (no `alert`) may share the groups: only alerts count.
  const names = groups.flatMap((g) =>
    g.rules.filter((r) => typeof r.alert === "string" && selectsSeries(r.expr, "up", targetLabels)).map((r) => r.alert),
  );
  return [...new Set(names)];
}

/**
 * A rendered `for:` in lab time: scaled by the lab's scrape interval over the spec's (1s over 30s
 * by default: 5m becomes 10s), so that the alert waits as many scrapes as in the cluster; at least
 * one evaluation, at most LAB_LONGEST_FOR_MS.
 */
export function labForDurationMs(renderedFor: string | undefined, specScrapeInterval: Duration): number {
  if (renderedFor === undefined) return 0;
  const scaled =
    (Duration.parse(renderedFor).milliseconds * LAB_EVALUATION_INTERVAL_MS) / specScrapeInterval.milliseconds;
  return Math.min(LAB_LONGEST_FOR_MS, Math.max(LAB_EVALUATION_INTERVAL_MS, Math.round(scaled / 1000) * 1000));
}

/** The groups with the `for:` of `alertnames` shortened (labForDurationMs); every other rule as rendered. */
export function withLabForDurations(
  groups: readonly AlertingRuleGroup[],
  alertnames: readonly string[],
  specScrapeInterval: Duration,
): AlertingRuleGroup[] {
  return groups.map((g) => ({
    ...g,
    rules: g.rules.map((r) =>
      alertnames.includes(r.alert) && r.for !== undefined
        ? { ...r, for: Duration.milliseconds(labForDurationMs(r.for, specScrapeInterval)).toString() }
        : r,
    ),
  }));
}
