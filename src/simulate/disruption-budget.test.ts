/**
 * PodDisruptionBudgets in drains (disruption-budget.ts).
 * Hand-made cases: each expected placement is worked out by hand from the kube-scheduler
 * semantics in the comments, then compared with what simulate() does.
 */
import { describe, expect, it } from "vitest";
import { group, inventory, node, pdb } from "../../test/support/inventory-builder.js";
import { simulate } from "./simulate.js";
import { hostAnti, placedOn, status } from "../../test/support/hand-made-cases.js";

describe("PodDisruptionBudget and drains", () => {
  const nodes = [node("a-1", "a"), node("b-1", "b"), node("c-1", "c")];
  const build = (rule: { minAvailable?: number; maxUnavailable?: number }) => {
    const am = group({
      name: "am",
      component: "alertmanager",
      replicas: 2,
      labels: { app: "am" },
      spec: { affinity: hostAnti({ app: "am" }) },
    });
    return inventory({ podGroups: [am], pdbs: [pdb("am", "default", { app: "am" }, rule, [am])] });
  };

  it("minAvailable equal to the replica count blocks the drain forever", () => {
    // am-0 → a-1, am-1 → b-1. Draining a-1: healthy 2, desired 2, 0 disruptions allowed, and
    // nothing can change that: the drain never finishes.
    const r = simulate(build({ minAvailable: 2 }), nodes);
    expect(placedOn(r)).toEqual({ "am-0": "a-1", "am-1": "b-1" });
    const s = status(r, "drain:a-1", "alertmanager");
    expect(s.status).toBe("degraded");
    expect(s.reason).toBe(
      "am: drain blocked forever: am-0 on a-1: PDB default/am (minAvailable 2 of 2) allows 0 disruptions even with every pod healthy",
    );
    expect(status(r, "drain:c-1", "alertmanager").status).toBe("ok");
    expect(status(r, "upgrade:all-nodes", "alertmanager").reason).toContain("drain blocked forever");
  });

  it("maxUnavailable 1 lets the drain evict one pod, which restarts on the free node", () => {
    const r = simulate(build({ maxUnavailable: 1 }), nodes);
    const s = status(r, "drain:a-1", "alertmanager");
    expect(s).toEqual({ component: "alertmanager", status: "degraded", reason: "am: 1/2 replicas (am-0 → c-1)" });
  });
});
