/**
 * simulate(inventory, nodes) → placement, scenarios × components, worst case. Pure: the same
 * inputs give the same result.
 */
import type { Inventory } from "../inventory/model.js";
import { ZONE_LABEL } from "../k8s/well-known-labels.js";
import { ClusterState } from "./cluster-state.js";
import type {
  ComponentStatus,
  NodeClassRejection,
  PodPlacementResult,
  ScenarioResult,
  SimNode,
  SimPod,
  SimulationResult,
} from "./model.js";
import { expandPods, type PodExpansionOptions } from "./pods.js";
import {
  baselineStatuses,
  drainScenario,
  lossScenario,
  scenarioContext,
  summarizeRejections,
  upgradeScenario,
} from "./scenarios.js";
import { scheduleAndBind, type Rejection } from "./scheduler/scheduler.js";
import { nodeClasses, zoneOf } from "./topology.js";
import { worstCase } from "./worst-case.js";

export interface SimulateOptions extends PodExpansionOptions {
  /** Which scenario kinds to run. Default: all. */
  scenarios?: { node?: boolean; zone?: boolean; drain?: boolean; upgrade?: boolean };
  /** Run the worst-case analysis. Default true. */
  worstCase?: boolean;
  /** Reuse the baseline statuses for nodes without pods instead of running their scenarios. Default true (same result, faster). */
  shortcutIdleNodes?: boolean;
}

/** Label keys the pods refer to (node selectors, node affinity, topology keys): what makes nodes different to them. */
function relevantLabelKeys(pods: readonly SimPod[]): Set<string> {
  const keys = new Set<string>();
  const seen = new Set<string>();
  for (const p of pods) {
    if (seen.has(p.group.id)) continue;
    seen.add(p.group.id);
    const s = p.spec;
    for (const k of Object.keys(s.nodeSelector ?? {})) keys.add(k);
    const na = s.affinity?.nodeAffinity;
    for (const t of na?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [])
      for (const e of t.matchExpressions ?? []) keys.add(e.key);
    for (const w of na?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
      for (const e of w.preference.matchExpressions ?? []) keys.add(e.key);
    for (const c of s.topologySpreadConstraints ?? []) keys.add(c.topologyKey);
    for (const t of s.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [])
      keys.add(t.topologyKey);
    for (const t of s.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [])
      keys.add(t.topologyKey);
  }
  keys.add(ZONE_LABEL);
  return keys;
}

function rejectionsByClass(
  rejections: readonly Rejection[],
  classes: ReturnType<typeof nodeClasses>,
): NodeClassRejection[] {
  const byClass = new Map<number, Map<string, { plugin: string; reason: string; nodes: number }>>();
  for (const r of rejections) {
    const c = classes.classOf[r.node]!;
    const m = byClass.get(c) ?? new Map();
    const key = `${r.plugin}\u0000${r.reason}`;
    const e = m.get(key) ?? { plugin: r.plugin, reason: r.reason, nodes: 0 };
    e.nodes++;
    m.set(key, e);
    byClass.set(c, m);
  }
  return [...byClass.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([c, m]) => ({
      nodeClass: classes.names[c]!,
      nodes: classes.sizes[c]!,
      rejectedBy: [...m.values()].sort((a, b) => b.nodes - a.nodes),
    }));
}

/** The groups whose placement the scheduler chooses: DaemonSets have none to choose (one pod per node). */
function replicaSets(podsByGroup: ReadonlyMap<string, readonly SimPod[]>): Map<string, readonly SimPod[]> {
  return new Map([...podsByGroup].filter(([, pods]) => pods[0]?.pinnedNode === undefined));
}

export function simulate(
  inventory: Inventory,
  nodes: readonly SimNode[],
  options: SimulateOptions = {},
): SimulationResult {
  return simulateWithBaseline(inventory, nodes, options).result;
}

/** simulate(), plus the component statuses with nothing lost (what each scenario is compared to). */
export function simulateWithBaseline(
  inventory: Inventory,
  nodes: readonly SimNode[],
  options: SimulateOptions = {},
): { result: SimulationResult; baseline: ComponentStatus[] } {
  const pods = expandPods(inventory, nodes, options);
  const classes = nodeClasses(nodes, relevantLabelKeys(pods));
  const baseline = ClusterState.empty(nodes);
  const placement: PodPlacementResult[] = [];
  const pendingAtStart = new Map<string, string>();
  for (const pod of pods) {
    const outcome = scheduleAndBind(pod, baseline);
    const entry: PodPlacementResult = {
      pod: pod.name,
      group: pod.group.id,
      component: pod.component,
      ...(pod.shard !== undefined ? { shard: pod.shard } : {}),
      ...(pod.pinnedNode !== undefined ? { perNode: true as const } : {}),
      node: outcome.node === null ? null : nodes[outcome.node]!.name,
      zone: outcome.node === null ? null : (zoneOf(nodes[outcome.node]!) ?? null),
    };
    if (outcome.node === null) {
      entry.unschedulable = rejectionsByClass(outcome.rejections, classes);
      pendingAtStart.set(pod.id, summarizeRejections(outcome.rejections, nodes.length));
    }
    placement.push(entry);
  }
  const ctx = scenarioContext(inventory, nodes, pods, baseline, pendingAtStart);
  // CloudNativePG bootstraps instance 1 as the primary (cloudnative-pg.io/documentation/current/replication/).
  for (const g of ctx.groups) {
    if (g.component !== "postgresql") continue;
    const primary = ctx.podsByGroup.get(g.id)!.find((p) => baseline.bindingOf(p.id));
    if (primary) baseline.setPrimary(g.id, primary.id);
  }
  const want = { node: true, zone: true, drain: true, upgrade: true, ...options.scenarios };
  const scenarios: ScenarioResult[] = [];
  // Losing or draining a node that holds no pod but its daemons' changes nothing (they go with it,
  // or stay through a drain): those scenarios (most of a large cluster) share the baseline
  // statuses instead of being run.
  const baseline0 = baselineStatuses(ctx);
  const unchanged = (kind: "node" | "drain", name: string): ScenarioResult => ({
    id: `${kind}:${name}`,
    kind,
    target: name,
    components: baseline0,
  });
  const idle = (i: number) =>
    options.shortcutIdleNodes !== false && baseline.podsOn(i).every((b) => b.pod.pinnedNode !== undefined);
  if (want.node)
    nodes.forEach((n, i) =>
      scenarios.push(idle(i) ? unchanged("node", n.name) : lossScenario(ctx, [i], "node", n.name)),
    );
  if (want.zone) {
    const zones = new Map<string, number[]>();
    nodes.forEach((n, i) => {
      const z = zoneOf(n);
      if (z === undefined) return;
      const list = zones.get(z);
      if (list) list.push(i);
      else zones.set(z, [i]);
    });
    for (const z of [...zones.keys()].sort()) scenarios.push(lossScenario(ctx, zones.get(z)!, "zone", z));
  }
  if (want.drain) nodes.forEach((n, i) => scenarios.push(idle(i) ? unchanged("drain", n.name) : drainScenario(ctx, i)));
  if (want.upgrade) scenarios.push(upgradeScenario(ctx));
  return {
    result: {
      placement,
      scenarios,
      worstCase: options.worstCase === false ? [] : worstCase(nodes, replicaSets(ctx.podsByGroup), classes.largest),
    },
    baseline: baseline0,
  };
}
