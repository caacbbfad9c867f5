/**
 * Failure and maintenance scenarios, each run on a clone of the baseline placement:
 * - node: one node is lost; its pods reschedule on the others;
 * - zone: every node of one zone is lost; pods whose zonal volume sits there cannot come back;
 * - drain: `kubectl drain` of one node: cordon, then evict pod by pod through the eviction API,
 *   which refuses evictions a PodDisruptionBudget does not allow; refused pods are retried after
 *   the others, and the drain is blocked forever when no eviction can make progress;
 * - upgrade: the whole pool, one node at a time in name order: drain, upgrade, uncordon.
 *
 * Evicted or lost pods are rescheduled one by one in scheduling order; only they are
 * rescheduled (nothing else moves, as in Kubernetes, which never rebalances running pods).
 * A rescheduled pod is taken to be ready at once.
 */
import type { Inventory, PodGroup } from "../inventory/model.js";
import type { Binding, ClusterState } from "./cluster-state.js";
import { componentStatuses, type GroupObservation } from "./availability.js";
import { budgetsFor, disruptionsAllowed, refusalReason, type Budget } from "./disruption-budget.js";
import type { ComponentStatus, ScenarioResult, SimNode, SimPod } from "./model.js";
import { scheduleAndBind, type Rejection } from "./scheduler/scheduler.js";
import { zoneOf } from "./topology.js";

export interface ScenarioContext {
  nodes: readonly SimNode[];
  pods: readonly SimPod[];
  order: ReadonlyMap<string, number>;
  groups: readonly PodGroup[];
  podsByGroup: ReadonlyMap<string, readonly SimPod[]>;
  budgetsByPod: ReadonlyMap<string, readonly Budget[]>;
  baseline: ClusterState;
  /** Why baseline-Pending pods are Pending, by pod id. */
  pendingAtStart: ReadonlyMap<string, string>;
  /**
   * Running pods of each DaemonSet group, which no scenario changes: its pods never move, and one
   * whose node is lost went with it (not missing, see Tracker.running). Kept so that thousands of
   * daemon pods are not recounted in every scenario.
   */
  daemonRunning: ReadonlyMap<string, number>;
}

export function scenarioContext(
  inv: Inventory,
  nodes: readonly SimNode[],
  pods: readonly SimPod[],
  baseline: ClusterState,
  pendingAtStart: ReadonlyMap<string, string>,
): ScenarioContext {
  const podsByGroup = new Map<string, SimPod[]>();
  for (const p of pods) {
    const list = podsByGroup.get(p.group.id) ?? [];
    list.push(p);
    podsByGroup.set(p.group.id, list);
  }
  const budgetsByPod = new Map<string, Budget[]>();
  for (const b of budgetsFor(inv.pdbs, pods)) {
    for (const p of b.pods) {
      const list = budgetsByPod.get(p.id) ?? [];
      list.push(b);
      budgetsByPod.set(p.id, list);
    }
  }
  const groups = inv.podGroups.filter((g) => podsByGroup.has(g.id));
  const daemonRunning = new Map<string, number>();
  for (const [id, list] of podsByGroup)
    if (list[0]?.pinnedNode !== undefined) daemonRunning.set(id, list.filter((p) => baseline.bindingOf(p.id)).length);
  return {
    nodes,
    pods,
    order: new Map(pods.map((p, i) => [p.id, i])),
    groups,
    podsByGroup,
    budgetsByPod,
    baseline,
    pendingAtStart,
    daemonRunning,
  };
}

/** "0/6 nodes are available: 3 Insufficient cpu, 3 node(s) didn't match pod anti-affinity rules." as kube-scheduler words it. */
export function summarizeRejections(rejections: readonly Rejection[], liveNodes: number): string {
  const counts = new Map<string, number>();
  for (const r of rejections) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  const parts = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([reason, n]) => `${n} ${reason}`);
  return `0/${liveNodes} nodes are available${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

/** Tracks the running count of each group through a scenario. */
class Tracker {
  readonly worst = new Map<string, number>();
  readonly events = new Map<string, string[]>();
  readonly blocked = new Map<string, string>();
  readonly failover = new Map<string, string>();

  constructor(
    private readonly ctx: ScenarioContext,
    private readonly state: ClusterState,
  ) {
    for (const g of ctx.groups) this.worst.set(g.id, this.running(g.id));
  }

  /**
   * Pods of the group running now. A daemon pod whose node is gone went with it: the node it
   * watched is gone too, so it is not missing (availability.ts).
   */
  running(groupId: string): number {
    const daemons = this.ctx.daemonRunning.get(groupId);
    if (daemons !== undefined) return daemons;
    let n = 0;
    for (const p of this.ctx.podsByGroup.get(groupId) ?? []) if (this.state.bindingOf(p.id)) n++;
    return n;
  }
  observe(groupId: string): void {
    this.worst.set(groupId, Math.min(this.worst.get(groupId)!, this.running(groupId)));
  }
  note(groupId: string, text: string): void {
    const list = this.events.get(groupId) ?? [];
    if (!list.includes(text)) list.push(text);
    this.events.set(groupId, list);
  }

  observations(): GroupObservation[] {
    return this.ctx.groups.map((group) => {
      const pods = this.ctx.podsByGroup.get(group.id)!;
      const events = [...(this.events.get(group.id) ?? [])];
      for (const p of pods) {
        const why = this.ctx.pendingAtStart.get(p.id);
        if (why && !this.state.bindingOf(p.id)) events.push(`${p.name} Pending from the start: ${why}`);
      }
      return {
        group,
        expected: pods.length,
        worst: this.worst.get(group.id)!,
        end: this.running(group.id),
        events,
        ...(this.blocked.has(group.id) ? { blocked: this.blocked.get(group.id)! } : {}),
        ...(this.failover.has(group.id) ? { failover: this.failover.get(group.id)! } : {}),
      };
    });
  }
}

function byOrder(ctx: ScenarioContext, pods: SimPod[]): SimPod[] {
  return pods.sort((a, b) => ctx.order.get(a.id)! - ctx.order.get(b.id)!);
}

/** The CloudNativePG primary: instance 1 (ordinal 0) unless a scenario moved it. */
export function primaryOf(ctx: ScenarioContext, state: ClusterState, group: PodGroup): string | undefined {
  const stored = state.primaryOf(group.id);
  if (stored) return stored;
  return ctx.podsByGroup.get(group.id)?.find((p) => state.bindingOf(p.id))?.id;
}

/** The instance CloudNativePG promotes: the lowest-numbered running one not on `avoid` nodes (lag is not modeled). */
function promotable(
  ctx: ScenarioContext,
  state: ClusterState,
  group: PodGroup,
  avoid: (node: number) => boolean,
): SimPod | undefined {
  return ctx.podsByGroup.get(group.id)?.find((p) => {
    const b = state.bindingOf(p.id);
    return b !== undefined && !avoid(b.node);
  });
}

function reschedule(
  ctx: ScenarioContext,
  state: ClusterState,
  track: Tracker,
  pods: SimPod[],
  lostZones: ReadonlySet<string>,
): void {
  for (const pod of byOrder(ctx, pods)) {
    // A daemon pod is made for its node alone: it comes back only with it.
    if (pod.pinnedNode !== undefined && state.isDown(pod.pinnedNode)) continue;
    const vz = state.volumeZoneOf(pod.id);
    if (vz !== undefined && lostZones.has(vz)) {
      track.note(pod.group.id, `${pod.name} cannot return: its volume is in lost zone ${vz}`);
      continue;
    }
    const outcome = scheduleAndBind(pod, state);
    if (outcome.node !== null) track.note(pod.group.id, `${pod.name} → ${ctx.nodes[outcome.node]!.name}`);
    else
      track.note(
        pod.group.id,
        `${pod.name} Pending: ${summarizeRejections(outcome.rejections, state.liveNodeCount())}`,
      );
  }
}

function result(
  id: string,
  kind: ScenarioResult["kind"],
  target: string,
  components: ComponentStatus[],
): ScenarioResult {
  return { id, kind, target, components };
}

/** Loss of some nodes at once (one node, or a zone). */
export function lossScenario(
  ctx: ScenarioContext,
  lost: readonly number[],
  kind: "node" | "zone",
  target: string,
): ScenarioResult {
  const state = ctx.baseline.clone();
  const track = new Tracker(ctx, state);
  // The primaries before the loss.
  const primaries = new Map(
    ctx.groups.filter((g) => g.component === "postgresql").map((g) => [g.id, primaryOf(ctx, state, g)]),
  );
  const displaced: Binding[] = [];
  for (const n of lost) displaced.push(...state.loseNode(n));
  const touched = new Set(displaced.map((b) => b.pod.group.id));
  for (const id of touched) track.observe(id);
  for (const [groupId, primary] of primaries) {
    if (!primary || state.bindingOf(primary)) continue;
    const group = ctx.groups.find((g) => g.id === groupId)!;
    const next = promotable(ctx, state, group, () => false);
    if (next) {
      state.setPrimary(groupId, next.id);
      const zone = zoneOf(ctx.nodes[state.bindingOf(next.id)!.node]!);
      track.failover.set(groupId, `primary lost, CloudNativePG promotes ${next.name}${zone ? ` in ${zone}` : ""}`);
    }
  }
  const lostZones = new Set(kind === "zone" ? [target] : []);
  reschedule(
    ctx,
    state,
    track,
    displaced.map((b) => b.pod),
    lostZones,
  );
  return result(`${kind}:${target}`, kind, target, componentStatuses(track.observations()));
}

/**
 * `kubectl drain` of one node on `state` (changed in place). CloudNativePG switches its primary
 * over to another instance as soon as the primary's node is cordoned
 * (cloudnative-pg docs/src/kubernetes_upgrade.md: "the operator will automatically perform a
 * switchover given that the current primary is running on a cordoned node").
 */
function drainInPlace(ctx: ScenarioContext, state: ClusterState, track: Tracker, node: number): void {
  if (state.podsOn(node).every((b) => b.pod.pinnedNode !== undefined)) {
    state.cordon(node);
    return;
  }
  state.cordon(node);
  const nodeName = ctx.nodes[node]!.name;
  for (const group of ctx.groups) {
    if (group.component !== "postgresql") continue;
    const primary = primaryOf(ctx, state, group);
    if (!primary || state.bindingOf(primary)?.node !== node) continue;
    const next = promotable(ctx, state, group, (n) => n === node || state.isCordoned(n));
    if (next) {
      state.setPrimary(group.id, next.id);
      track.failover.set(
        group.id,
        [track.failover.get(group.id), `switchover to ${next.name} before ${nodeName} drains`]
          .filter(Boolean)
          .join(", "),
      );
    }
  }
  // kubectl drain asks to evict every pod of the node at once and retries the refused ones
  // (kubectl/pkg/drain/drain.go evictPods). The API server grants evictions one by one, each
  // counted against the budget at once (PDB status.disruptedPods), so one round evicts what the
  // budgets allow; the evicted pods then restart elsewhere, and the next round retries.
  // `kubectl drain --ignore-daemonsets` leaves DaemonSet pods where they are (kubectl/pkg/drain/filters.go
  // daemonSetFilter): they tolerate the cordon, and their controller would recreate them there.
  let queue = state
    .podsOn(node)
    .map((b) => b.pod)
    .filter((p) => p.pinnedNode === undefined);
  const refusals = new Map<string, Budget[]>();
  while (queue.length > 0) {
    const left: SimPod[] = [];
    const evicted: SimPod[] = [];
    for (const pod of queue) {
      const refusing = (ctx.budgetsByPod.get(pod.id) ?? []).filter((b) => disruptionsAllowed(b, state) < 1);
      if (refusing.length > 0) {
        refusals.set(pod.id, refusing);
        left.push(pod);
        continue;
      }
      state.unbind(pod.id);
      evicted.push(pod);
      if (refusals.has(pod.id)) track.note(pod.group.id, `${pod.name} evicted once its PDB allowed it`);
    }
    if (evicted.length === 0) break;
    for (const pod of evicted) track.observe(pod.group.id);
    reschedule(ctx, state, track, evicted, new Set());
    queue = left;
  }
  for (const pod of queue) {
    const reasons = (refusals.get(pod.id) ?? []).map((b) => refusalReason(b, state).text);
    track.blocked.set(pod.group.id, `${pod.name} on ${nodeName}: ${reasons.join("; ")}`);
  }
}

export function drainScenario(ctx: ScenarioContext, node: number): ScenarioResult {
  const state = ctx.baseline.clone();
  const track = new Tracker(ctx, state);
  drainInPlace(ctx, state, track, node);
  const name = ctx.nodes[node]!.name;
  return result(`drain:${name}`, "drain", name, componentStatuses(track.observations()));
}

/** Rolling upgrade: every node in name order is drained, upgraded and uncordoned; statuses are the worst over the whole upgrade. */
export function upgradeScenario(ctx: ScenarioContext, target = "all nodes"): ScenarioResult {
  const state = ctx.baseline.clone();
  const track = new Tracker(ctx, state);
  for (let node = 0; node < ctx.nodes.length; node++) {
    if (ctx.nodes[node]!.unschedulable) continue;
    drainInPlace(ctx, state, track, node);
    state.restore(node);
  }
  return result(`upgrade:${target.replaceAll(" ", "-")}`, "upgrade", target, componentStatuses(track.observations()));
}

/** The statuses with nothing lost: the starting point every scenario is compared to. */
export function baselineStatuses(ctx: ScenarioContext): ComponentStatus[] {
  return componentStatuses(new Tracker(ctx, ctx.baseline.clone()).observations());
}
