/**
 * What "up" means for each component, applied to what a scenario did to its pods.
 *
 * | component | down when | degraded when |
 * |---|---|---|
 * | prometheus | a shard has no replica left (a gap in its data) | a shard lost a replica |
 * | alertmanager | no instance left to receive and notify | fewer peers than configured |
 * | thanos-ruler | no replica (its rules are not evaluated, their alerts not sent) | fewer replicas |
 * | thanos-receive | no replica, or (ingestors) more lost than the replication factor leaves to spare: some writes miss their quorum (thanos.io/tip/components/receive.md, "Quorum") | fewer replicas |
 * | thanos-query, thanos-query-frontend | no replica | fewer replicas |
 * | thanos-store | a shard has no replica (its blocks are not served) | a shard lost a replica |
 * | thanos-compact | never: a stopped Compactor catches up later (thanos.io/tip/components/compact.md) | not running |
 * | grafana | no replica, or its database has no primary | fewer replicas, database failover, Redis lost |
 * | postgresql | no instance left | primary lost and a surviving replica promoted (CloudNativePG failover), or fewer instances |
 * | redis | the single instance cannot be restarted anywhere | the single instance restarted (empty cache; Grafana degraded) |
 * | kube-state-metrics | no replica: no object metrics, so the workload and node-condition alerts go blind | fewer replicas |
 * | node-exporter | never: one pod per node is no replica set | an eligible node that is still there runs no pod (that node is not watched) |
 *
 * The cluster's exporters are what the stack watches the cluster with, not the stack itself.
 * kube-state-metrics is replicated like Thanos Query, and a loss that takes every replica is an
 * outage of the cluster's alerts: it counts like any other. node-exporter is one pod per node
 * (a DaemonSet): a lost node takes its own pod and nothing else, and the node it watched is gone
 * with it (the node-down alerts come from the kubelet's and kube-state-metrics' view), so that is
 * no loss; only a live node without its pod is.
 *
 * Counts are taken at the worst moment of the scenario (right after a loss, or between an
 * eviction and the replacement's start), so an HA pair that loses one pod is degraded even when
 * the pod comes back elsewhere; the reason says whether it does.
 */
import type { PodGroup } from "../inventory/model.js";
import { clusterTargetOf } from "../inventory/cluster-target-recognition.js";
import { isDaemonGroup } from "./daemon-pods.js";
import type { AvailabilityComponent, ComponentStatus, ComponentStatusValue, SimComponent } from "./model.js";
import { AVAILABILITY_COMPONENTS } from "./model.js";
import { replicationFactor, routesAndIngests, writeQuorum } from "../upstream/thanos-receive.js";

/** What one scenario did to one PodGroup. */
export interface GroupObservation {
  group: PodGroup;
  /** Pods of the group; for a DaemonSet, its eligible nodes. */
  expected: number;
  /** Fewest pods running at any moment of the scenario (a daemon pod gone with its node counts as running). */
  worst: number;
  /** Pods running when the scenario has settled. */
  end: number;
  /** What happened to its pods, in words. */
  events: string[];
  /** A drain refused forever, in words. */
  blocked?: string;
  /** CloudNativePG: the primary moved (failover or switchover), in words. */
  failover?: string;
}

export function availabilityComponent(c: SimComponent): AvailabilityComponent | undefined {
  if (c === "thanos-sidecar") return "prometheus";
  return (AVAILABILITY_COMPONENTS as readonly string[]).includes(c) ? (c as AvailabilityComponent) : undefined;
}

const RANK: Record<ComponentStatusValue, number> = { ok: 0, degraded: 1, down: 2 };

interface Verdict {
  status: ComponentStatusValue;
  reason: string;
}

function worstOf(verdicts: Verdict[], okReason: string): Verdict {
  const top = verdicts.reduce<ComponentStatusValue>((a, v) => (RANK[v.status] > RANK[a] ? v.status : a), "ok");
  if (top === "ok") return { status: "ok", reason: okReason };
  const reasons = verdicts
    .filter((v) => v.status !== "ok")
    .sort((a, b) => RANK[b.status] - RANK[a.status])
    .map((v) => v.reason);
  return { status: top, reason: [...new Set(reasons)].join("; ") };
}

function label(o: GroupObservation): string {
  return o.group.shard !== undefined ? `shard ${o.group.shard}` : o.group.owner.ref.name;
}

function what(o: GroupObservation): string {
  return o.events.length > 0 ? ` (${o.events.join(", ")})` : "";
}

/** The replica rule shared by most components: 0 running → `zero`, fewer → degraded. */
function replicas(o: GroupObservation, zero: Verdict["status"], zeroText: string): Verdict {
  if (o.worst === 0) return { status: zero, reason: `${label(o)}: ${zeroText}${what(o)}` };
  if (o.worst < o.expected) {
    const after = o.end >= o.expected ? "" : `, ${o.end}/${o.expected} after rescheduling`;
    return { status: "degraded", reason: `${label(o)}: ${o.worst}/${o.expected} replicas${after}${what(o)}` };
  }
  return { status: "ok", reason: "" };
}

/**
 * Receive acknowledges a write once `writeQuorum(factor)` of its `factor` copies succeed: a group
 * that routes over its own pods and lost more than `factor - quorum` of them has series whose
 * spare copies are all gone, so their writes fail. A router alone, or an ingestor fed by routers
 * elsewhere, is down only with no pod left.
 */
function receiveVerdict(o: GroupObservation): Verdict {
  const flags = o.group.config.flags;
  const lost = o.expected - o.worst;
  if (o.worst > 0 && routesAndIngests(flags)) {
    const factor = replicationFactor(flags);
    const spare = factor - writeQuorum(factor);
    if (lost > spare)
      return {
        status: "down",
        reason: `${label(o)}: ${o.worst}/${o.expected} replicas, more lost than replication factor ${factor} can spare: some writes fail${what(o)}`,
      };
  }
  return replicas(o, "down", "no replica left, remote-write refused");
}

/** A DaemonSet: degraded while a live eligible node runs no pod of it; never down. */
function perNodeVerdict(o: GroupObservation): Verdict {
  const missing = o.expected - o.worst;
  if (missing === 0) return { status: "ok", reason: "" };
  return {
    status: "degraded",
    reason: `${label(o)}: ${missing} of ${o.expected} eligible nodes without its pod, not watched${what(o)}`,
  };
}

function blockedVerdict(o: GroupObservation): Verdict[] {
  return o.blocked ? [{ status: "degraded", reason: `${label(o)}: drain blocked forever: ${o.blocked}` }] : [];
}

function ruleFor(component: AvailabilityComponent, o: GroupObservation): Verdict[] {
  switch (component) {
    case "prometheus":
      return [replicas(o, "down", "no replica left, a gap in its data")];
    case "thanos-store":
      return [replicas(o, "down", "no replica left, its blocks are not served")];
    case "alertmanager":
      return [replicas(o, "down", "no instance left to receive and notify")];
    case "thanos-ruler":
      return [replicas(o, "down", "no replica left, its rules are not evaluated")];
    case "thanos-receive":
      return [receiveVerdict(o)];
    case "thanos-query":
    case "thanos-query-frontend":
    case "grafana":
      return [replicas(o, "down", "no replica left")];
    case "thanos-compact":
      return [replicas(o, "degraded", "not running; compaction catches up later")];
    case "redis":
      if (o.worst === 0) {
        return o.end > 0
          ? [{ status: "degraded", reason: `${label(o)}: single instance restarted with an empty cache${what(o)}` }]
          : [{ status: "down", reason: `${label(o)}: single instance cannot restart${what(o)}` }];
      }
      return [replicas(o, "down", "no instance")];
    case "kube-state-metrics":
      return [replicas(o, "down", "no replica left, no object metrics: the workload alerts go blind")];
    case "node-exporter":
      return [perNodeVerdict(o)];
    case "postgresql": {
      const v: Verdict[] = [replicas(o, "down", "no instance left")];
      if (o.worst > 0 && o.failover) v.push({ status: "degraded", reason: `${label(o)}: ${o.failover}` });
      return v;
    }
  }
}

/**
 * Statuses of the components present in `observations`, in the output order. Grafana also
 * depends on its database (down without a primary, degraded during a failover) and on Redis.
 */
export function componentStatuses(observations: readonly GroupObservation[]): ComponentStatus[] {
  const byComponent = new Map<AvailabilityComponent, GroupObservation[]>();
  for (const o of observations) {
    const c = availabilityComponent(clusterTargetOf(o.group) ?? o.group.component);
    if (!c) continue;
    const list = byComponent.get(c) ?? [];
    list.push(o);
    byComponent.set(c, list);
  }
  const verdicts = new Map<AvailabilityComponent, Verdict>();
  for (const component of AVAILABILITY_COMPONENTS) {
    if (component === "grafana") continue;
    const list = byComponent.get(component);
    if (!list) continue;
    verdicts.set(
      component,
      worstOf(
        list.flatMap((o) => [...ruleFor(component, o), ...blockedVerdict(o)]),
        okText(list),
      ),
    );
  }
  const grafana = byComponent.get("grafana");
  if (grafana) {
    const v = grafana.flatMap((o) => [...ruleFor("grafana", o), ...blockedVerdict(o)]);
    const db = verdicts.get("postgresql");
    if (db?.status === "down") v.push({ status: "down", reason: "its database has no primary" });
    else if (byComponent.get("postgresql")?.some((o) => o.failover))
      v.push({ status: "degraded", reason: "its database fails over (writes pause)" });
    if (byComponent.get("redis")?.some((o) => o.worst === 0))
      v.push({ status: "degraded", reason: "its Redis remote cache is lost" });
    verdicts.set("grafana", worstOf(v, okText(grafana)));
  }
  return AVAILABILITY_COMPONENTS.filter((c) => verdicts.has(c)).map((c) => ({ component: c, ...verdicts.get(c)! }));
}

function okText(list: readonly GroupObservation[]): string {
  return list
    .map(
      (o) =>
        `${list.length > 1 ? `${label(o)} ` : ""}${isDaemonGroup(o.group) ? `one pod on each of ${o.expected} eligible nodes` : `${o.worst}/${o.expected}`}`,
    )
    .join(", ");
}
