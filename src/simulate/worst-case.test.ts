/**
 * The worst placement the hard constraints allow (worst-case.ts).
 * Hand-made cases: each expected placement is worked out by hand from the kube-scheduler
 * semantics in the comments, then compared with what simulate() does.
 */
import { describe, expect, it } from "vitest";
import { group, inventory, node } from "../../test/support/inventory-builder.js";
import { simulate } from "./simulate.js";
import { HOST, ZONE, hostAnti } from "../../test/support/hand-made-cases.js";

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

describe("worst case with a required zone spread", () => {
  // Three zones of two nodes. Each group is a pair with required anti-affinity per node and a
  // DoNotSchedule zone spread (maxSkew 1). Placed alone, a pair's second pod cannot join the
  // first in its zone (skew 2 against the empty zones): zone-spread-guaranteed.
  const nodes = ["a", "b", "c"].flatMap((z) => [node(`${z}-1`, z), node(`${z}-2`, z)]);
  const spread = (matchLabels: Record<string, string>) => ({
    maxSkew: 1,
    topologyKey: ZONE,
    whenUnsatisfiable: "DoNotSchedule" as const,
    labelSelector: { matchLabels },
  });
  const shard = (s: number, spreadLabels: Record<string, string>) =>
    group({
      name: "p",
      component: "prometheus",
      shard: s,
      replicas: 2,
      labels: { app: "p", shard: String(s) },
      spec: { affinity: hostAnti({ app: "p" }), topologySpreadConstraints: [spread(spreadLabels)] },
    });

  it("guarantees the zones of each shard when the spread selects that shard only", () => {
    const r = simulate(
      inventory({ podGroups: [shard(0, { app: "p", shard: "0" }), shard(1, { app: "p", shard: "1" })] }),
      nodes,
    );
    expect(r.worstCase.map((w) => w.verdict)).toEqual(["zone-spread-guaranteed", "zone-spread-guaranteed"]);
  });

  it("promises nothing per shard when the spread counts every shard's pods", () => {
    // Spread over {app: p}: shard 1's pods in b and c let both of shard 0's share zone a
    // (counts a 2, b 1, c 1: skew 1), so the constraint is left out of shard 0's worst case.
    const r = simulate(inventory({ podGroups: [shard(0, { app: "p" }), shard(1, { app: "p" })] }), nodes);
    expect(r.worstCase.map((w) => w.verdict)).toEqual(["node-spread-guaranteed", "node-spread-guaranteed"]);
    expect(r.worstCase[0]!.sameZone).toBe("a");
  });
});
