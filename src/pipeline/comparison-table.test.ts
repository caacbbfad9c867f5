/**
 * The comparison table in docs/comparison.md and README.md is current: hamon's column counted from the render as it is now (the
 * kube-prometheus column is held against its manifests by test/kube-prometheus-contents.test.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../../test/support/run-cli.js";
import { COMPARISON_PAGES, comparisonMarkdown, hamonColumn, replaceComparison } from "./comparison-table.js";

describe("the comparison table", () => {
  const hamon = hamonColumn();

  it.each(COMPARISON_PAGES)(
    "%s holds the table generated from the current render (npm run docs regenerates it)",
    (path) => {
      const page = readFileSync(join(REPO, path), "utf8");
      expect(page).toContain("<!-- comparison:start -->");
      expect(replaceComparison(page, hamon, path)).toBe(page);
    },
  );

  it("counts hamon's own render: its cluster targets, its alerts, and no component down on one loss", () => {
    const c = hamon.contents;
    expect(c.clusterTargets).toEqual(["node-exporter", "kube-state-metrics", "kubelet", "API server", "CoreDNS"]);
    expect(c.alertRules).toBeGreaterThan(0);
    expect(c.replicas).toMatchObject({ prometheus: 2, alertmanager: 3, grafana: 2, "kube-state-metrics": 2 });
    expect(c.podSecurityEnforced).toContain("monitoring: restricted");
    const table = comparisonMarkdown(hamon);
    expect(table).toContain(
      "| One node or zone lost (hamon simulate, 3 zones × 2 nodes) | no single node or zone loss",
    );
    // Every row has the four cells of the header.
    for (const row of table.trimEnd().split("\n")) expect(row.split(" | ")).toHaveLength(4);
  });
});
