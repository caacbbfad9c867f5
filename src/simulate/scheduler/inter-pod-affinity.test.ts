/**
 * Inter-pod (anti-)affinity (inter-pod-affinity.ts): required terms, preferred terms against
 * resources, and the symmetry of an existing pod's anti-affinity.
 * Hand-made cases: each expected placement is worked out by hand from the kube-scheduler
 * semantics in the comments, then compared with what simulate() does.
 */
import { describe, expect, it } from "vitest";
import { group, inventory, node } from "../../../test/support/inventory-builder.js";
import { simulate } from "../simulate.js";
import { HOST, ZONE, hostAnti, placedOn, status } from "../../../test/support/hand-made-cases.js";

describe("hard anti-affinity with more replicas than nodes", () => {
  // 3 nodes, 4 replicas that must not share a node. All nodes empty and equal: the tie goes to
  // the first name (a-1), then b-1, then c-1; the 4th replica is rejected on every node by the
  // incoming pod's own anti-affinity term (checked before the existing pods' term).
  const web = group({
    name: "query",
    component: "thanos-query",
    replicas: 4,
    labels: { app: "q" },
    cpu: "100m",
    spec: { affinity: hostAnti({ app: "q" }) },
  });
  const r = simulate(inventory({ podGroups: [web] }), [node("a-1", "a"), node("b-1", "b"), node("c-1", "c")]);

  it("places three and leaves the fourth Pending with the filter that rejected it on each node class", () => {
    expect(placedOn(r)).toEqual({ "query-0": "a-1", "query-1": "b-1", "query-2": "c-1", "query-3": null });
    const pending = r.placement.find((p) => p.pod === "query-3")!;
    expect(pending.unschedulable).toHaveLength(3);
    for (const c of pending.unschedulable!) {
      expect(c.rejectedBy).toEqual([
        { plugin: "InterPodAffinity", reason: "node(s) didn't match pod anti-affinity rules", nodes: 1 },
      ]);
    }
  });

  it("reports the component degraded even with no failure, and says why", () => {
    const s = status(r, "zone:a", "thanos-query");
    expect(s.status).toBe("degraded");
    expect(s.reason).toContain(
      "query-3 Pending from the start: 0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules",
    );
  });
});

describe("soft zone anti-affinity still co-locates under resource pressure", () => {
  // Two nodes in zone a, one in zone b. A filler pinned to b-1 takes 3 of its 4 CPUs. The
  // store replicas (2 CPUs each) prefer other zones (weight 100) but must not share a node.
  // store-0: b-1 lacks CPU; a-1 and a-2 tie → a-1. store-1: a-1 has store-0 (hard), b-1 lacks
  // CPU, so a-2: both replicas in zone a although the preference said otherwise.
  const storeSpec = (labels: Record<string, string>) => ({
    affinity: {
      ...hostAnti(labels),
      podAntiAffinity: {
        ...hostAnti(labels).podAntiAffinity,
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { topologyKey: ZONE, labelSelector: { matchLabels: labels } } },
        ],
      },
    },
  });
  const nodes = [node("a-1", "a"), node("a-2", "a"), node("b-1", "b")];
  const build = (fillerCpu: string) =>
    inventory({
      podGroups: [
        group({
          name: "filler",
          replicas: 1,
          labels: { app: "filler" },
          cpu: fillerCpu,
          spec: { nodeSelector: { [HOST]: "b-1" } },
        }),
        group({
          name: "store",
          component: "thanos-store",
          replicas: 2,
          labels: { app: "store" },
          cpu: "2",
          spec: storeSpec({ app: "store" }),
        }),
      ],
    });

  it("under pressure: both replicas in zone a", () => {
    const r = simulate(build("3"), nodes);
    expect(placedOn(r)).toMatchObject({ "filler-0": "b-1", "store-0": "a-1", "store-1": "a-2" });
    // Zone a lost: both replicas gone; b-1 still has no room → down.
    expect(status(r, "zone:a", "thanos-store").status).toBe("down");
    // And the worst case says so: the hard constraints allow one zone.
    const wc = r.worstCase.find((w) => w.group === "default/StatefulSet/store")!;
    expect(wc.verdict).toBe("node-spread-guaranteed");
    expect(wc.sameZone).toBe("a");
  });

  it("without pressure the preference wins: the second replica goes to zone b", () => {
    // store-1: a-2 scores −100 on InterPodAffinity (normalized 0, ×2), b-1 0 (normalized 100,
    // ×2 = 200); b-1 loses about 25 points on resources/balance: b-1 wins.
    const r = simulate(build("1"), nodes);
    expect(placedOn(r)).toMatchObject({ "store-0": "a-1", "store-1": "b-1" });
    expect(status(r, "zone:a", "thanos-store").status).toBe("degraded");
  });
});

describe("symmetry of anti-affinity", () => {
  // `loner` (scheduled first) must not share a node with app=noisy. `noisy` has no affinity of
  // its own, yet kube-scheduler keeps it off loner's node: both noisy pods land on b-1.
  const inv = inventory({
    podGroups: [
      group({ name: "loner", replicas: 1, labels: { app: "loner" }, spec: { affinity: hostAnti({ app: "noisy" }) } }),
      group({ name: "noisy", component: "grafana", kind: "Deployment", replicas: 2, labels: { app: "noisy" } }),
    ],
  });
  const r = simulate(inv, [node("a-1", "a"), node("b-1", "b")]);

  it("an existing pod's anti-affinity repels the incoming pod", () => {
    expect(placedOn(r)).toEqual({ "loner-0": "a-1", "noisy-0": "b-1", "noisy-1": "b-1" });
  });

  it("after losing b-1 the noisy pods still cannot use a-1", () => {
    const s = status(r, "node:b-1", "grafana");
    expect(s.status).toBe("down");
    expect(s.reason).toContain("0/1 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules");
  });
});
