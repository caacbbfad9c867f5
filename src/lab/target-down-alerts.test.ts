import { describe, expect, it } from "vitest";
import type { AlertingRuleGroup } from "../render/components/meta-monitoring-rules.js";
import { Duration } from "../units/duration.js";
import {
  alertsWatchingTarget,
  LAB_LONGEST_FOR_MS,
  labForDurationMs,
  withLabForDurations,
} from "./target-down-alerts.js";

const TARGET = { job: "node-exporter", namespace: "hamon-node-exporter", instance: "lab-node-0" };

const rule = (alert: string, expr: string, forText?: string) => ({
  alert,
  expr,
  ...(forText ? { for: forText } : {}),
  labels: { severity: "warning" },
  annotations: { summary: "s", description: "d" },
});

describe("alertsWatchingTarget", () => {
  it("picks alerts by what their expression selects, not by name, and skips recording rules", () => {
    const groups = [
      {
        name: "a",
        rules: [
          rule("SomethingDown", 'up{job="prometheus"} == 0', "5m"),
          rule("NodeGone", 'up{job="node-exporter"} == 0', "5m"),
          rule("DiskFull", 'node_filesystem_avail_bytes{job="node-exporter"} == 0', "5m"),
        ],
      },
      {
        name: "b",
        rules: [
          { record: "job:up:sum", expr: 'sum by (job) (up{job="node-exporter"})' },
          rule("TargetDown", "100 * count by (job) (up == 0) / count by (job) (up) > 10", "10m"),
        ],
      },
    ] as unknown as AlertingRuleGroup[];
    expect(alertsWatchingTarget(groups, TARGET)).toEqual(["NodeGone", "TargetDown"]);
    // The same generic alert written to leave node-exporter out (it has its own) is not picked.
    const excluding = [
      {
        name: "c",
        rules: [rule("TargetDown", '100 * count by (job) ((up unless up{job="node-exporter"}) == 0) > 10', "10m")],
      },
    ];
    expect(alertsWatchingTarget(excluding, TARGET)).toEqual([]);
    expect(alertsWatchingTarget(excluding, { ...TARGET, job: "kube-state-metrics" })).toEqual(["TargetDown"]);
    expect(alertsWatchingTarget(groups, { ...TARGET, job: "kube-state-metrics" })).toEqual(["TargetDown"]);
  });
});

describe("for: in lab time", () => {
  const thirtySeconds = Duration.parse("30s");

  it("scales like the scrape interval (1s in the lab): 5m at 30s scrapes is 10s", () => {
    expect(labForDurationMs("5m", thirtySeconds)).toBe(10_000);
    expect(labForDurationMs("5m", Duration.parse("1m"))).toBe(5_000);
    expect(labForDurationMs("10m", thirtySeconds)).toBe(20_000);
  });

  it("waits at least one evaluation, at most LAB_LONGEST_FOR_MS, and nothing without a for:", () => {
    expect(labForDurationMs("1s", thirtySeconds)).toBe(1_000);
    expect(labForDurationMs("1h", thirtySeconds)).toBe(LAB_LONGEST_FOR_MS);
    expect(labForDurationMs(undefined, thirtySeconds)).toBe(0);
  });

  it("shortens only the named alerts", () => {
    const groups: AlertingRuleGroup[] = [
      {
        name: "g",
        rules: [rule("NodeGone", "up == 0", "5m"), rule("Other", "vector(1)", "5m"), rule("Now", "up == 0")],
      },
    ];
    const lab = withLabForDurations(groups, ["NodeGone", "Now"], thirtySeconds);
    expect(lab[0]!.rules.map((r) => r.for)).toEqual(["10s", "5m", undefined]);
    expect(groups[0]!.rules[0]!.for).toBe("5m"); // the rendered groups are left as they are
  });
});
