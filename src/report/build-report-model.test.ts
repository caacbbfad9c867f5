import { describe, expect, it } from "vitest";
import { simulate } from "../simulate/simulate.js";
import { exampleStack } from "../../test/support/example-stack.js";
import { node } from "../../test/support/inventory-builder.js";
import { buildReportModel, NO_ZONE } from "./build-report-model.js";
import { renderHtmlReport } from "./html/render-html-report.js";

describe("buildReportModel", () => {
  const { inventory, nodes } = exampleStack();
  // The example's pool plus idle nodes, one of them without a zone label.
  const allNodes = [
    ...nodes,
    node("spare-a", "eu-west-1a"),
    node("spare-b", "eu-west-1b"),
    { ...node("edge", "x"), labels: { "kubernetes.io/hostname": "edge" } },
  ];
  const simulation = simulate(inventory, allNodes);
  const model = buildReportModel({
    title: "t",
    subject: "s",
    simulation,
    nodes: allNodes,
    findings: [],
    sizing: [],
    verdict: { ok: true, text: "ok" },
  });

  it("puts every placed pod on its node, in its zone, and counts idle nodes per zone", () => {
    const placed = simulation.placement.filter((p) => p.node !== null);
    expect(model.zones.flatMap((z) => z.nodes.flatMap((n) => n.pods))).toHaveLength(placed.length);
    for (const p of placed) {
      const zone = model.zones.find((z) =>
        z.nodes.some((n) => n.name === p.node && n.pods.some((x) => x.name === p.pod)),
      );
      expect(zone?.name, p.pod).toBe(p.zone);
    }
    const idle = Object.fromEntries(model.zones.map((z) => [z.name, z.idleNodes]));
    expect(idle["eu-west-1a"]).toBeGreaterThanOrEqual(1);
    expect(idle[NO_ZONE]).toBe(1);
  });

  it("keeps every scenario and every component the simulation reports, in the stack's order", () => {
    expect(model.scenarios).toHaveLength(simulation.scenarios.length);
    expect(model.components[0]).toBe("prometheus");
    expect(new Set(model.components)).toEqual(new Set(simulation.scenarios[0]!.components.map((c) => c.component)));
  });

  it("tells guaranteed zone spread from node-only spread", () => {
    const spreads = new Map(model.worstCase.map((w) => [w.component, w.spread]));
    expect(spreads.get("postgresql")).toBe("zones");
    expect(spreads.get("grafana")).toBe("nodes");
  });

  it("renders as HTML with every pod chip", () => {
    const html = renderHtmlReport(model);
    expect(html.match(/<li class="pod"/g)).toHaveLength(simulation.placement.filter((p) => p.node).length);
  });
});
