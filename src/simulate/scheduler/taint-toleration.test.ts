/**
 * Taints and tolerations (taint-toleration.ts).
 * Hand-made cases: each expected placement is worked out by hand from the kube-scheduler
 * semantics in the comments, then compared with what simulate() does.
 */
import { describe, expect, it } from "vitest";
import { group, inventory, node } from "../../../test/support/inventory-builder.js";
import { simulate } from "../simulate.js";
import { hostAnti, placedOn, status } from "../../../test/support/hand-made-cases.js";

describe("taints without tolerations", () => {
  // a-1 and b-1 carry dedicated=monitoring:NoSchedule, c-1 only a PreferNoSchedule taint.
  const dedicated = { key: "dedicated", value: "monitoring", effect: "NoSchedule" as const };
  const nodes = [
    node("a-1", "a", { taints: [dedicated] }),
    node("b-1", "b", { taints: [dedicated] }),
    node("c-1", "c", { taints: [{ key: "spot", effect: "PreferNoSchedule" }] }),
  ];
  const inv = inventory({
    podGroups: [
      // Tolerates the dedicated taint: all three feasible; c-1's untolerated PreferNoSchedule
      // costs it the TaintToleration score (weight 3) → a-1 (tie with b-1, by name).
      group({
        name: "tolerant",
        replicas: 1,
        labels: { app: "t" },
        spec: { tolerations: [{ key: "dedicated", operator: "Equal", value: "monitoring", effect: "NoSchedule" }] },
      }),
      // No toleration: only c-1; the second replica (no two per node) has nowhere to go.
      group({
        name: "plain",
        component: "alertmanager",
        replicas: 2,
        labels: { app: "p" },
        spec: { affinity: hostAnti({ app: "p" }) },
      }),
    ],
  });
  const r = simulate(inv, nodes);

  it("keeps untolerating pods off the tainted nodes", () => {
    expect(placedOn(r)).toEqual({ "tolerant-0": "a-1", "plain-0": "c-1", "plain-1": null });
    const why = r.placement.find((p) => p.pod === "plain-1")!.unschedulable!;
    expect(why.map((c) => [c.nodeClass, c.rejectedBy.map((x) => `${x.plugin}: ${x.reason}`)])).toEqual([
      ["a: nodes like a-1", ["TaintToleration: node(s) had untolerated taint {dedicated: monitoring}"]],
      ["b: nodes like b-1", ["TaintToleration: node(s) had untolerated taint {dedicated: monitoring}"]],
      ["c: nodes like c-1", ["InterPodAffinity: node(s) didn't match pod anti-affinity rules"]],
    ]);
  });

  it("losing c-1 takes the only instance down: nothing else tolerates", () => {
    const s = status(r, "node:c-1", "alertmanager");
    expect(s.status).toBe("down");
    expect(s.reason).toContain(
      "plain-0 Pending: 0/2 nodes are available: 2 node(s) had untolerated taint {dedicated: monitoring}",
    );
  });
});
