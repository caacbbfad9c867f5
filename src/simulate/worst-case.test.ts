/**
 * The worst placement the hard constraints allow (worst-case.ts).
 * Hand-made cases: each expected placement is worked out by hand from the kube-scheduler
 * semantics in the comments, then compared with what simulate() does.
 */
import { describe, expect, it } from "vitest";
import { group, inventory } from "../../test/support/inventory-builder.js";
import { simulate } from "./simulate.js";
import { HOST, hostAnti } from "../../test/support/hand-made-cases.js";

describe("worst case without zone labels", () => {
  it("claims no zone guarantee when the nodes have no zone", () => {
    const g = group({
      name: "q",
      component: "thanos-query",
      replicas: 2,
      labels: { app: "q" },
      spec: { affinity: hostAnti({ app: "q" }) },
    });
    const bare = (name: string) => ({
      name,
      labels: { [HOST]: name },
      taints: [],
      allocatable: { cpu: 4, memory: 2 ** 34, pods: 110 },
      unschedulable: false,
    });
    const r = simulate(inventory({ podGroups: [g] }), [bare("n1"), bare("n2")]);
    expect(r.worstCase[0]).toMatchObject({ verdict: "node-spread-guaranteed", sameNode: null, sameZone: null });
    expect(r.scenarios.filter((s) => s.kind === "zone")).toEqual([]);
  });
});
