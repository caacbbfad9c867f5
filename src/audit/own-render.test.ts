/** hamon's own default render must audit clean of errors: the audit and the render agree on what HA means. */
import { describe, expect, it } from "vitest";
import { renderFromSpecText } from "../pipeline/render-pipeline.js";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { inventoryFromRender } from "../inventory/inventory-from-render.js";
import { runAudit } from "./run-audit.js";

describe("audit of hamon's own render", () => {
  const { files } = renderFromSpecText(EXAMPLE_SPEC_YAML, "x");
  const inventory = inventoryFromRender(files);
  const result = runAudit(inventory);

  it("reads every monitoring component of the render", () => {
    const components = new Set(inventory.podGroups.map((g) => g.component));
    for (const c of ["prometheus", "alertmanager", "thanos-query", "thanos-query-frontend", "thanos-store", "thanos-compact", "grafana", "postgresql", "redis"]) {
      expect(components, c).toContain(c);
    }
  });

  it("has zero error-level findings", () => {
    expect(result.ruleErrors).toEqual([]);
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("names the render's files and lines in what it reads", () => {
    const prometheus = inventory.podGroups.find((g) => g.component === "prometheus");
    expect(prometheus?.owner.source).toEqual({ file: "prometheus/prometheus-hamon.yaml", line: 1 });
    expect(inventory.pdbs.every((p) => p.selects.length > 0)).toBe(true);
  });

  it("would catch the drift it exists to catch: Query deduplicating on another label than the CR's", () => {
    const drifted = new Map(files);
    const path = "thanos-query/deployment-thanos-query.yaml";
    drifted.set(path, (files.get(path) ?? "").replace("--query.replica-label=prometheus_replica", "--query.replica-label=replica"));
    const findings = runAudit(inventoryFromRender(drifted)).findings;
    expect(findings.map((f) => f.rule)).toContain("HAMON-THANOS-001");
  });
});
