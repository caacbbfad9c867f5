import { describe, expect, it } from "vitest";
import { exampleStack } from "../../test/support/example-stack.js";
import { group, inventory, node, pdb } from "../../test/support/inventory-builder.js";
import { simulate } from "./simulate.js";
import { simulationVerdict } from "./verdict.js";

describe("simulation verdict", () => {
  it("the example stack is ok", () => {
    const { inventory: inv, nodes } = exampleStack();
    expect(simulationVerdict(simulate(inv, nodes))).toEqual({ level: "ok", findings: [] });
  });

  it("a single-replica component down on a node loss is an error; a blocked drain a warning", () => {
    const g = group({
      name: "q",
      component: "thanos-query",
      replicas: 1,
      labels: { app: "q" },
      spec: { nodeSelector: { "kubernetes.io/hostname": "a-1" } },
    });
    const r = simulate(
      inventory({ podGroups: [g], pdbs: [pdb("q", "default", { app: "q" }, { minAvailable: 1 }, [g])] }),
      [node("a-1", "a"), node("b-1", "b")],
    );
    const v = simulationVerdict(r);
    expect(v.level).toBe("error");
    expect(v.findings[0]).toEqual({
      level: "error",
      text: expect.stringMatching(/^node a-1: thanos-query down: q: no replica left/),
    });
    expect(
      v.findings.some(
        (f) => f.level === "warning" && f.text.startsWith("drain a-1: thanos-query: q: drain blocked forever"),
      ),
    ).toBe(true);
  });
});
