/**
 * The worst placement the hard constraints still allow: for each group (each shard), can every
 * replica land on one node, or in one zone? kube-scheduler breaks score ties at random and
 * scores depend on what else runs, so a soft spread (preferred anti-affinity, ScheduleAnyway)
 * is likely, not guaranteed; only the filters are promises.
 *
 * Method: on an otherwise empty cluster, place the group's replicas with only one node (the
 * largest of each node class) or only one zone's nodes as candidates, every filter on (resources,
 * taints, node affinity, topology spread with DoNotSchedule counted over all nodes, inter-pod
 * affinity). Within a zone the placement is the scheduler's own greedy choice, which spreads over
 * nodes; it can miss an exotic packing, never invent one.
 *
 * A DoNotSchedule topology spread counts every pod its selector matches (PodTopologySpread,
 * pkg/scheduler/framework/plugins/podtopologyspread/filtering.go), so pods of other groups that it
 * also matches can fill the other zones and let a group's replicas share one: such a constraint
 * is no promise for the group, and is left out here (e.g. one spread over every shard of a
 * Prometheus CR, as opposed to the operator's per-shard `additionalLabelSelectors: OnShard`).
 */
import { ClusterState } from "./cluster-state.js";
import type { SimNode, SimPod, WorstCaseResult } from "./model.js";
import { scheduleAndBind } from "./scheduler/scheduler.js";
import { zoneOf } from "./topology.js";
import { selectorMatchesIfPresent, type SelectorLike } from "../k8s/label-selector.js";

/** The constraint's selector as the scheduler applies it to `pod`: matchLabelKeys take the pod's own values. */
function effectiveSelector(pod: SimPod, selector: SelectorLike | undefined, keys: readonly string[] | undefined) {
  if (!selector || !keys?.length) return selector;
  const extra: Record<string, string> = {};
  for (const k of keys) if (k in pod.labels) extra[k] = pod.labels[k]!;
  return { ...selector, matchLabels: { ...(selector.matchLabels ?? {}), ...extra } };
}

/** The group's pods without the DoNotSchedule spreads that also count pods of other groups. */
function withOwnSpreadsOnly(pods: readonly SimPod[], others: readonly SimPod[]): SimPod[] {
  return pods.map((pod) => {
    const constraints = pod.spec.topologySpreadConstraints;
    if (!constraints?.length) return pod;
    const kept = constraints.filter((c) => {
      if (c.whenUnsatisfiable !== "DoNotSchedule") return true;
      const selector = effectiveSelector(pod, c.labelSelector ?? undefined, c.matchLabelKeys);
      return !others.some((o) => o.namespace === pod.namespace && selectorMatchesIfPresent(selector, o.labels));
    });
    return kept.length === constraints.length
      ? pod
      : { ...pod, spec: { ...pod.spec, topologySpreadConstraints: kept } };
  });
}

function placesAll(nodes: readonly SimNode[], pods: readonly SimPod[], candidates: readonly number[]): boolean {
  const state = ClusterState.empty(nodes);
  return pods.every((p) => scheduleAndBind(p, state, { candidates }).node !== null);
}

export function worstCase(
  nodes: readonly SimNode[],
  podsByGroup: ReadonlyMap<string, readonly SimPod[]>,
  classNodes: readonly number[],
): WorstCaseResult[] {
  const zones = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    const z = zoneOf(n);
    if (z === undefined) return;
    const list = zones.get(z) ?? [];
    list.push(i);
    zones.set(z, list);
  });
  const zoneNames = [...zones.keys()].sort();
  const out: WorstCaseResult[] = [];
  const allPods = [...podsByGroup.values()].flat();
  for (const groupPods of podsByGroup.values()) {
    const first = groupPods[0]!;
    const pods = withOwnSpreadsOnly(
      groupPods,
      allPods.filter((p) => p.group !== first.group),
    );
    const base = {
      component: first.component,
      group: first.group.id,
      ...(first.shard !== undefined ? { shard: first.shard } : {}),
      replicas: pods.length,
    };
    if (pods.length < 2) {
      out.push({
        ...base,
        sameNode: null,
        sameZone: null,
        verdict: "single-replica",
        reason: "one replica: losing its node stops it until it restarts elsewhere",
      });
      continue;
    }
    const nodeIndex = classNodes.find((n) => placesAll(nodes, pods, [n]));
    const sameNode = nodeIndex === undefined ? null : nodes[nodeIndex]!.name;
    // Replicas that fit on one node fit in its zone.
    const sameZone =
      (nodeIndex !== undefined ? zoneOf(nodes[nodeIndex]!) : undefined) ??
      zoneNames.find((z) => placesAll(nodes, pods, zones.get(z)!)) ??
      null;
    // Only worth saying when no node and no zone holds them all: it may be that nothing does.
    const placeable =
      sameNode !== null ||
      sameZone !== null ||
      placesAll(
        nodes,
        pods,
        nodes.map((_, i) => i),
      );
    const note = placeable ? "" : " (not every replica can be placed even on an empty cluster)";
    if (sameNode !== null) {
      out.push({
        ...base,
        sameNode,
        sameZone,
        verdict: "not-guaranteed",
        reason: `hard constraints allow all ${pods.length} replicas on one node (${sameNode})${note}`,
      });
    } else if (zoneNames.length === 0) {
      out.push({
        ...base,
        sameNode,
        sameZone,
        verdict: "node-spread-guaranteed",
        reason: `never two on one node; the nodes carry no zone label, so zones are unknown${note}`,
      });
    } else if (sameZone !== null) {
      out.push({
        ...base,
        sameNode,
        sameZone,
        verdict: "node-spread-guaranteed",
        reason: `never two on one node, but all ${pods.length} may land in zone ${sameZone}: zone spread is only preferred${note}`,
      });
    } else {
      out.push({
        ...base,
        sameNode,
        sameZone,
        verdict: "zone-spread-guaranteed",
        reason: `hard constraints keep the ${pods.length} replicas out of any single zone${note}`,
      });
    }
  }
  return out;
}
