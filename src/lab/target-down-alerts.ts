/**
 * The alerts the lab's target-down fault proves: every rendered alerting rule whose expression can
 * return an element the killed target's `up` series flows into (followed through the PromQL syntax
 * tree with PromQL's semantics, series-flow.ts, not found by name, so that whichever rendered alert
 * watches node-exporter is the one proved), with its `for:` shortened as the lab shortens the
 * scrape interval. Pure.
 */
import type { AlertingRuleGroup } from "../render/components/meta-monitoring-rules.js";
import { Duration } from "../units/duration.js";
import { LAB_EVALUATION_INTERVAL_MS } from "./lab-config.js";
import { canReturnSeries } from "./series-flow.js";

/** A shortened `for:` longer than this is cut to it: the lab stays within a minute or so. */
export const LAB_LONGEST_FOR_MS = 30_000;

/**
 * The alerts that watch a target's health: every alerting rule whose expression can return an
 * element the target's `up` series flows into (Prometheus' own per-target health, 0 when a scrape
 * fails: prometheus.io/docs/concepts/jobs_instances/#automatically-generated-labels-and-time-series),
 * `up{job="node-exporter"} == 0` as well as a generic `count by (job) (up == 0)`, but not
 * `… (up unless up{job="node-exporter"}) …`, which leaves it out. In rule order.
 */
export function alertsWatchingTarget(
  groups: readonly AlertingRuleGroup[],
  targetLabels: Readonly<Record<string, string>>,
): string[] {
  // Recording rules (no `alert`) may share the groups: only alerts count.
  const names = groups.flatMap((g) =>
    g.rules
      .filter((r) => typeof r.alert === "string" && canReturnSeries(r.expr, { metric: "up", labels: targetLabels }))
      .map((r) => r.alert),
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
