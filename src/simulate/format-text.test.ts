import { describe, expect, it } from "vitest";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { exampleStack, hamonStack } from "../../test/support/example-stack.js";
import { formatSimulationText, TEXT_WIDTH } from "./format-text.js";
import { simulate } from "./simulate.js";

describe("text matrix", () => {
  it("groups node scenarios with identical statuses when there are many nodes, and fits 100 columns", () => {
    const spec = EXAMPLE_SPEC_YAML.replace("nodesPerZone: 2", "nodesPerZone: 20");
    const { inventory, nodes } = hamonStack(spec);
    const result = simulate(inventory, nodes, { scenarios: { drain: false, upgrade: false } });
    const text = formatSimulationText(result);
    const nodeRows = text.split("\n").filter((l) => l.startsWith("node "));
    // 60 nodes; the stack's 19 scheduled pods occupy at most 19 of them: the others (empty but for
    // their node-exporter, which goes with its node and is no loss) share one all-ok row of the example's 8 components (Redis is off) and 2 exporters.
    const idle = nodes.filter((n) => !result.placement.some((p) => p.node === n.name && !p.perNode)).length;
    expect(idle).toBeGreaterThanOrEqual(40);
    expect(nodeRows.some((l) => new RegExp(`^node ×${idle}, e\\.g\\. \\S+ +ok( +ok){9}$`).test(l))).toBe(true);
    expect(nodeRows.length).toBeLessThan(20);
    expect(text.split("\n").filter((l) => [...l].length > TEXT_WIDTH)).toEqual([]);
  });

  it("lists Pending pods with the rejection per node class", () => {
    // The spec's pool has two nodes per zone; simulate on one per zone: three Alertmanagers fit, the
    // two-replica sets fit, everything else competes for 3 × 8 CPUs.
    const { inventory, nodes } = hamonStack(
      EXAMPLE_SPEC_YAML.replace("replicas: 3                # any", "replicas: 4                # any"),
    );
    const text = formatSimulationText(
      simulate(
        inventory,
        nodes.filter((n) => n.name.endsWith("-1")),
        { scenarios: { drain: false, upgrade: false } },
      ),
    );
    expect(text).toContain("PENDING alertmanager-hamon-3 (alertmanager):");
    expect(text.replace(/\n +/g, " ")).toContain(
      "eu-west-1a: nodes like eu-west-1a-1 (1): 1 InterPodAffinity: node(s) didn't match pod anti-affinity rules",
    );
  });

  it("prints only the matrix and the worst case when asked for a short form", () => {
    const { inventory, nodes } = exampleStack();
    const text = formatSimulationText(simulate(inventory, nodes), { placement: false, reasons: false });
    expect(text).not.toContain("Why:");
    expect(text).not.toContain("eu-west-1a-1: ");
    expect(text.split("\n").length).toBeLessThan(40);
  });
});
