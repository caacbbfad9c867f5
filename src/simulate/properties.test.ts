/**
 * Properties over random small clusters and workloads (fast-check):
 * 1. the placement never violates a hard constraint, checked by a brute-force replay that
 *    shares no code with the scheduler plugins;
 * 2. losing a node never increases the number of components that are ok.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IPodAffinityTerm, IPodSpec, ITopologySpreadConstraint } from "kubernetes-models/v1";
import type { MonitoringComponent, PodGroup } from "../inventory/model.js";
import { group, inventory, node, pdb, storageClass } from "../../test/support/inventory-builder.js";
import type { SimNode } from "./model.js";
import { simulate, simulateWithBaseline } from "./simulate.js";

const HOST = "kubernetes.io/hostname";
const ZONE = "topology.kubernetes.io/zone";
const COMPONENTS: MonitoringComponent[] = [
  "prometheus",
  "alertmanager",
  "thanos-query",
  "thanos-store",
  "thanos-compact",
  "grafana",
  "postgresql",
  "redis",
  "other",
];

const nodeArb = fc.record({
  zone: fc.constantFrom("a", "b", "c"),
  cpu: fc.integer({ min: 1, max: 4 }),
  tainted: fc.boolean(),
  pool: fc.boolean(),
  unschedulable: fc.boolean(),
});
const groupArb = fc.record({
  component: fc.constantFrom(...COMPONENTS),
  replicas: fc.integer({ min: 1, max: 4 }),
  cpu: fc.constantFrom(0, 0.5, 1, 1.5),
  hostAnti: fc.boolean(),
  zoneAnti: fc.boolean(),
  antiFirst: fc.boolean(),
  spread: fc.option(
    fc.record({
      key: fc.constantFrom(ZONE, HOST),
      maxSkew: fc.integer({ min: 1, max: 2 }),
      minDomains: fc.option(fc.integer({ min: 2, max: 4 }), { nil: undefined }),
    }),
    { nil: undefined },
  ),
  softSpread: fc.boolean(),
  pool: fc.boolean(),
  tolerate: fc.boolean(),
  zonal: fc.boolean(),
});

type NodeIn = typeof nodeArb extends fc.Arbitrary<infer T> ? T : never;
type GroupIn = typeof groupArb extends fc.Arbitrary<infer T> ? T : never;

function buildNodes(list: NodeIn[]): SimNode[] {
  return list.map((n, i) =>
    node(`n${i}`, n.zone, {
      cpu: n.cpu,
      unschedulable: n.unschedulable && i > 0,
      ...(n.pool ? { labels: { pool: "x" } } : {}),
      ...(n.tainted ? { taints: [{ key: "dedicated", value: "x", effect: "NoSchedule" as const }] } : {}),
    }),
  );
}

function buildGroups(list: GroupIn[]): PodGroup[] {
  return list.map((g, i) => {
    const labels = { app: `g${i}` };
    const anti: IPodAffinityTerm[] = [];
    if (g.hostAnti) anti.push({ topologyKey: HOST, labelSelector: { matchLabels: labels } });
    if (g.zoneAnti) anti.push({ topologyKey: ZONE, labelSelector: { matchLabels: labels } });
    if (g.antiFirst && i > 0) anti.push({ topologyKey: HOST, labelSelector: { matchLabels: { app: "g0" } } });
    const spread: ITopologySpreadConstraint[] = [];
    if (g.spread) {
      spread.push({
        topologyKey: g.spread.key,
        maxSkew: g.spread.maxSkew,
        whenUnsatisfiable: "DoNotSchedule",
        labelSelector: { matchLabels: labels },
        ...(g.spread.minDomains ? { minDomains: g.spread.minDomains } : {}),
      });
    }
    if (g.softSpread)
      spread.push({
        topologyKey: ZONE,
        maxSkew: 1,
        whenUnsatisfiable: "ScheduleAnyway",
        labelSelector: { matchLabels: labels },
      });
    const spec: Partial<IPodSpec> = {
      ...(anti.length
        ? { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: anti } } }
        : {}),
      ...(spread.length ? { topologySpreadConstraints: spread } : {}),
      ...(g.pool ? { nodeSelector: { pool: "x" } } : {}),
      ...(g.tolerate ? { tolerations: [{ key: "dedicated", operator: "Exists" }] } : {}),
    };
    return group({
      name: `g${i}`,
      component: g.component,
      replicas: g.replicas,
      labels,
      ...(g.cpu > 0 ? { cpu: String(g.cpu) } : {}),
      spec,
      ...(g.zonal ? { volumeClaims: [{ name: "data", storageClassName: "zonal" }] } : {}),
    });
  });
}

const matches = (sel: { matchLabels?: Record<string, string> } | undefined, labels: Record<string, string>) =>
  sel !== undefined && Object.entries(sel.matchLabels ?? {}).every(([k, v]) => labels[k] === v);

/** Brute-force replay of the placement, in order; returns the violations found. */
function violations(
  nodes: SimNode[],
  groups: PodGroup[],
  placement: Array<{ group: string; node: string | null; pod: string }>,
): string[] {
  const out: string[] = [];
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const placed: Array<{ g: PodGroup; n: SimNode }> = [];
  const cpu = new Map<string, number>();
  for (const p of placement) {
    if (p.node === null) continue;
    const g = groups.find((x) => x.id === p.group)!;
    const n = byName.get(p.node)!;
    const spec = g.template.spec!;
    const labels = g.template.metadata!.labels as Record<string, string>;
    const req = Number.parseFloat(String(spec.containers[0]!.resources?.requests?.["cpu"] ?? "0"));
    cpu.set(n.name, (cpu.get(n.name) ?? 0) + req);
    if (cpu.get(n.name)! > n.allocatable.cpu + 1e-9) out.push(`${p.pod}: cpu over on ${n.name}`);
    if (n.unschedulable) out.push(`${p.pod}: on cordoned ${n.name}`);
    for (const t of n.taints)
      if (t.effect === "NoSchedule" && !(spec.tolerations ?? []).some((x) => x.key === t.key))
        out.push(`${p.pod}: taint on ${n.name}`);
    for (const [k, v] of Object.entries(spec.nodeSelector ?? {}))
      if (n.labels[k] !== v) out.push(`${p.pod}: nodeSelector on ${n.name}`);
    for (const t of spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
      for (const o of placed) {
        if (
          o.n.labels[t.topologyKey] === n.labels[t.topologyKey] &&
          matches(t.labelSelector as never, o.g.template.metadata!.labels as Record<string, string>)
        ) {
          out.push(`${p.pod}: anti-affinity ${t.topologyKey} against ${o.g.id} on ${o.n.name}`);
        }
      }
    }
    for (const o of placed) {
      for (const t of o.g.template.spec!.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ??
        []) {
        if (o.n.labels[t.topologyKey] === n.labels[t.topologyKey] && matches(t.labelSelector as never, labels))
          out.push(`${p.pod}: existing anti-affinity of ${o.g.id}`);
      }
    }
    for (const c of spec.topologySpreadConstraints ?? []) {
      if (c.whenUnsatisfiable !== "DoNotSchedule") continue;
      const eligible = nodes.filter((x) =>
        Object.entries(spec.nodeSelector ?? {}).every(([k, v]) => x.labels[k] === v),
      );
      const domains = new Map<string, number>(eligible.map((x) => [x.labels[c.topologyKey]!, 0]));
      for (const o of placed) {
        if (
          !eligible.includes(o.n) ||
          !matches(c.labelSelector as never, o.g.template.metadata!.labels as Record<string, string>)
        )
          continue;
        const d = o.n.labels[c.topologyKey]!;
        domains.set(d, domains.get(d)! + 1);
      }
      const min = domains.size < (c.minDomains ?? 1) ? 0 : Math.min(...domains.values());
      const skew = domains.get(n.labels[c.topologyKey]!)! + 1 - min;
      if (skew > c.maxSkew) out.push(`${p.pod}: spread ${c.topologyKey} skew ${skew} > ${c.maxSkew}`);
    }
    placed.push({ g, n });
  }
  return out;
}

const world = fc.record({
  nodes: fc.array(nodeArb, { minLength: 1, maxLength: 6 }),
  groups: fc.array(groupArb, { minLength: 1, maxLength: 4 }),
});

describe("properties", () => {
  it("a placement never violates a hard constraint", () => {
    fc.assert(
      fc.property(world, ({ nodes: ns, groups: gs }) => {
        const nodes = buildNodes(ns);
        const groups = buildGroups(gs);
        const r = simulate(inventory({ podGroups: groups, storageClasses: [storageClass("zonal", true)] }), nodes, {
          scenarios: { node: false, zone: false, drain: false, upgrade: false },
          worstCase: false,
        });
        expect(violations(nodes, groups, r.placement)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("the replay finds a violation when there is one (the checker can fail)", () => {
    const nodes = buildNodes([{ zone: "a", cpu: 1, tainted: false, pool: false, unschedulable: false }]);
    const groups = buildGroups([
      {
        component: "other",
        replicas: 2,
        cpu: 1,
        hostAnti: true,
        zoneAnti: false,
        antiFirst: false,
        spread: undefined,
        softSpread: false,
        pool: false,
        tolerate: false,
        zonal: false,
      },
    ]);
    const forged = [
      { group: groups[0]!.id, node: "n0", pod: "g0-0" },
      { group: groups[0]!.id, node: "n0", pod: "g0-1" },
    ];
    expect(violations(nodes, groups, forged)).toEqual([
      "g0-1: cpu over on n0",
      "g0-1: anti-affinity kubernetes.io/hostname against default/StatefulSet/g0 on n0",
      "g0-1: existing anti-affinity of default/StatefulSet/g0",
    ]);
  });

  it("losing a node never increases the number of ok components", () => {
    fc.assert(
      fc.property(world, ({ nodes: ns, groups: gs }) => {
        const { result, baseline } = simulateWithBaseline(
          inventory({ podGroups: buildGroups(gs), storageClasses: [storageClass("zonal", true)] }),
          buildNodes(ns),
          {
            scenarios: { node: true, zone: false, drain: false, upgrade: false },
            worstCase: false,
          },
        );
        const ok = baseline.filter((c) => c.status === "ok").length;
        for (const s of result.scenarios)
          expect(s.components.filter((c) => c.status === "ok").length).toBeLessThanOrEqual(ok);
      }),
      { numRuns: 300 },
    );
  });

  it("every scenario kind runs on any world, with PodDisruptionBudgets, and names each present component once", () => {
    const budgetArb = fc.array(
      fc.record({
        group: fc.nat(3),
        rule: fc.oneof(
          fc.record({ minAvailable: fc.oneof(fc.nat(4), fc.constantFrom("50%", "100%")) }),
          fc.record({ maxUnavailable: fc.oneof(fc.nat(2), fc.constant("34%")) }),
        ),
      }),
      { maxLength: 3 },
    );
    fc.assert(
      fc.property(world, budgetArb, ({ nodes: ns, groups: gs }, budgets) => {
        const groups = buildGroups(gs);
        const pdbs = budgets
          .filter((b) => b.group < groups.length)
          .map((b, i) => pdb(`p${i}`, "default", { app: `g${b.group}` }, b.rule, groups));
        const r = simulate(
          inventory({ podGroups: groups, pdbs, storageClasses: [storageClass("zonal", true)] }),
          buildNodes(ns),
        );
        const kinds = new Set(r.scenarios.map((s) => s.kind));
        expect(kinds.has("drain") && kinds.has("upgrade") && kinds.has("node")).toBe(true);
        for (const s of r.scenarios) {
          const names = s.components.map((c) => c.component);
          expect(new Set(names).size).toBe(names.length);
          for (const c of s.components) if (c.status !== "ok") expect(c.reason).not.toBe("");
        }
      }),
      { numRuns: 200 },
    );
  });

  it("the shortcut for nodes without pods gives the same result as running their scenarios", () => {
    fc.assert(
      fc.property(world, ({ nodes: ns, groups: gs }) => {
        const inv = inventory({ podGroups: buildGroups(gs), storageClasses: [storageClass("zonal", true)] });
        const nodes = buildNodes(ns);
        expect(JSON.stringify(simulate(inv, nodes, { shortcutIdleNodes: false }))).toBe(
          JSON.stringify(simulate(inv, nodes)),
        );
      }),
      { numRuns: 150 },
    );
  });
});
