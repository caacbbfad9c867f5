/**
 * The hand-made cases. Each expected placement is worked out by hand from the
 * kube-scheduler semantics in the comments, then compared with what simulate() does.
 */
import { describe, expect, it } from "vitest";
import { group, inventory, node, pdb, storageClass } from "../../test/support/inventory-builder.js";
import type { SimulationResult } from "./model.js";
import { simulate } from "./simulate.js";

const HOST = "kubernetes.io/hostname";
const ZONE = "topology.kubernetes.io/zone";

const placedOn = (r: SimulationResult) => Object.fromEntries(r.placement.map((p) => [p.pod, p.node]));
const scenario = (r: SimulationResult, id: string) => {
  const s = r.scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
};
const status = (r: SimulationResult, id: string, component: string) => {
  const c = scenario(r, id).components.find((x) => x.component === component);
  if (!c) throw new Error(`no ${component} in ${id}`);
  return c;
};
const hostAnti = (labels: Record<string, string>) => ({
  podAntiAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: HOST, labelSelector: { matchLabels: labels } }],
  },
});

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

describe("zonal volume after a zone loss", () => {
  // Prometheus pair, no two per node, zone spread preferred (ScheduleAnyway). p-0 → a-1; for p-1
  // the spread score favours zone b → b-1. The volumes are created in those zones.
  const nodes = [node("a-1", "a"), node("a-2", "a"), node("b-1", "b"), node("b-2", "b")];
  const build = (zonal: boolean) => {
    const labels = { app: "prom" };
    const prom = group({
      name: "prom",
      component: "prometheus",
      shard: 0,
      replicas: 2,
      labels,
      cpu: "1",
      volumeClaims: [{ name: "data", storageClassName: "ssd" }],
      spec: {
        affinity: hostAnti(labels),
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: ZONE,
            whenUnsatisfiable: "ScheduleAnyway",
            labelSelector: { matchLabels: labels },
          },
        ],
      },
    });
    return inventory({ podGroups: [prom], storageClasses: [storageClass("ssd", zonal)] });
  };

  it("the pod whose volume is in the lost zone does not come back, although b-2 is free", () => {
    const r = simulate(build(true), nodes);
    expect(placedOn(r)).toEqual({ "prom-0": "a-1", "prom-1": "b-1" });
    const s = status(r, "zone:a", "prometheus");
    expect(s.status).toBe("degraded");
    expect(s.reason).toBe(
      "shard 0: 1/2 replicas, 1/2 after rescheduling (prom-0 cannot return: its volume is in lost zone a)",
    );
  });

  it("after a node loss it returns, but only within its volume's zone", () => {
    const r = simulate(build(true), nodes);
    expect(status(r, "node:a-1", "prometheus").reason).toBe("shard 0: 1/2 replicas (prom-0 → a-2)");
  });

  it("a volume that is not zonal follows the pod to the other zone", () => {
    const r = simulate(build(false), nodes);
    expect(status(r, "zone:a", "prometheus").reason).toBe("shard 0: 1/2 replicas (prom-0 → b-2)");
  });
});

describe("kubectl drain evicts every pod of the node at once, as far as the budgets allow", () => {
  // Both replicas prefer a-1 (node affinity weight 100 → 200 points, more than any resource
  // score difference), so both run there; the drain then moves them to b-1.
  const nodes = [node("a-1", "a", { labels: { fast: "yes" } }), node("b-1", "b")];
  const build = (withPdb: boolean) => {
    const q = group({
      name: "q",
      component: "thanos-query",
      kind: "Deployment",
      replicas: 2,
      labels: { app: "q" },
      cpu: "100m",
      spec: {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 100, preference: { matchExpressions: [{ key: "fast", operator: "Exists" }] } },
            ],
          },
        },
      },
    });
    return inventory({
      podGroups: [q],
      pdbs: withPdb ? [pdb("q", "default", { app: "q" }, { maxUnavailable: 1 }, [q])] : [],
    });
  };

  it("without a PDB both replicas go down together", () => {
    const r = simulate(build(false), nodes);
    expect(placedOn(r)).toEqual({ "q-0": "a-1", "q-1": "a-1" });
    expect(status(r, "drain:a-1", "thanos-query")).toMatchObject({
      status: "down",
      reason: "q: no replica left (q-0 → b-1, q-1 → b-1)",
    });
  });

  it("with maxUnavailable 1 the second eviction waits for the first replacement", () => {
    const r = simulate(build(true), nodes);
    expect(status(r, "drain:a-1", "thanos-query")).toMatchObject({
      status: "degraded",
      reason: "q: 1/2 replicas (q-0 → b-1, q-1 evicted once its PDB allowed it, q-1 → b-1)",
    });
  });
});

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
