/**
 * Topology spread constraints (pod-topology-spread.ts): minDomains, and which nodes count.
 * Hand-made cases: each expected placement is worked out by hand from the kube-scheduler
 * semantics in the comments, then compared with what simulate() does.
 */
import { describe, expect, it } from "vitest";
import { group, inventory, node } from "../../../test/support/inventory-builder.js";
import { simulate } from "../simulate.js";
import { ZONE, placedOn } from "../../../test/support/hand-made-cases.js";

describe("topology spread with minDomains", () => {
  // Two zones of two nodes, maxSkew 1 on the zone, DoNotSchedule. With minDomains 3 and only 2
  // eligible domains the global minimum is taken as 0, so each zone takes at most 1 pod:
  // pod 0 → a-1, pod 1 → b-1 (zone a would reach skew 2), pods 2 and 3 Pending on all 4 nodes.
  const nodes = [node("a-1", "a"), node("a-2", "a"), node("b-1", "b"), node("b-2", "b")];
  const build = (minDomains?: number) =>
    inventory({
      podGroups: [
        group({
          name: "q",
          component: "thanos-query",
          replicas: 4,
          labels: { app: "q" },
          cpu: "100m",
          spec: {
            topologySpreadConstraints: [
              {
                maxSkew: 1,
                topologyKey: ZONE,
                whenUnsatisfiable: "DoNotSchedule",
                labelSelector: { matchLabels: { app: "q" } },
                ...(minDomains ? { minDomains } : {}),
              },
            ],
          },
        }),
      ],
    });

  it("minDomains 3 over 2 zones: one pod per zone, the rest Pending", () => {
    const r = simulate(build(3), nodes);
    expect(placedOn(r)).toEqual({ "q-0": "a-1", "q-1": "b-1", "q-2": null, "q-3": null });
    const reasons = r.placement.find((p) => p.pod === "q-2")!.unschedulable!.flatMap((c) => c.rejectedBy);
    expect(reasons.every((x) => x.plugin === "PodTopologySpread")).toBe(true);
    expect(reasons.reduce((n, x) => n + x.nodes, 0)).toBe(4);
  });

  it("without minDomains the same constraint takes 2 per zone", () => {
    // pod 2: min is 1, every zone gives skew 1: a-2 and b-2 are emptiest, a-2 by name;
    // pod 3: zone a would reach 2 − 1 + 1 = 2 > 1, so zone b, emptiest b-2.
    const r = simulate(build(), nodes);
    expect(placedOn(r)).toEqual({ "q-0": "a-1", "q-1": "b-1", "q-2": "a-2", "q-3": "b-2" });
  });
});

describe("topology spread: which nodes count", () => {
  // Zone c's node is excluded by the pod's nodeSelector (nodeAffinityPolicy) or by its taint
  // (nodeTaintsPolicy). When it counts, zone c stays at 0 pods, the global minimum stays 0, and
  // zones a and b take one pod each (maxSkew 1): two Pending. When it does not count, a and b
  // alternate: a-1, b-1, a-1, b-1.
  const spread = (policy: Record<string, string>) => ({
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: ZONE,
        whenUnsatisfiable: "DoNotSchedule" as const,
        labelSelector: { matchLabels: { app: "s" } },
        ...policy,
      },
    ],
  });
  const build = (spec: object) =>
    inventory({ podGroups: [group({ name: "s", replicas: 4, labels: { app: "s" }, cpu: "100m", spec })] });

  it("nodeAffinityPolicy Honor (default) leaves out the nodes the pod cannot select", () => {
    const nodes = [
      node("a-1", "a", { labels: { pool: "x" } }),
      node("b-1", "b", { labels: { pool: "x" } }),
      node("c-1", "c"),
    ];
    expect(placedOn(simulate(build({ nodeSelector: { pool: "x" }, ...spread({}) }), nodes))).toEqual({
      "s-0": "a-1",
      "s-1": "b-1",
      "s-2": "a-1",
      "s-3": "b-1",
    });
    expect(
      placedOn(simulate(build({ nodeSelector: { pool: "x" }, ...spread({ nodeAffinityPolicy: "Ignore" }) }), nodes)),
    ).toEqual({ "s-0": "a-1", "s-1": "b-1", "s-2": null, "s-3": null });
  });

  it("nodeTaintsPolicy Ignore (default) counts tainted nodes the pod cannot use", () => {
    const nodes = [
      node("a-1", "a"),
      node("b-1", "b"),
      node("c-1", "c", { taints: [{ key: "gpu", effect: "NoSchedule" }] }),
    ];
    expect(placedOn(simulate(build(spread({})), nodes))).toEqual({
      "s-0": "a-1",
      "s-1": "b-1",
      "s-2": null,
      "s-3": null,
    });
    expect(placedOn(simulate(build(spread({ nodeTaintsPolicy: "Honor" })), nodes))).toEqual({
      "s-0": "a-1",
      "s-1": "b-1",
      "s-2": "a-1",
      "s-3": "b-1",
    });
  });
});
