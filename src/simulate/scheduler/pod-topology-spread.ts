/**
 * Mirrors kube-scheduler's PodTopologySpread plugin
 * (pkg/scheduler/framework/plugins/podtopologyspread/filtering.go, scoring.go, common.go;
 * kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/).
 *
 * Which nodes count: nodes that have every topology key of the pod's constraints, and, per
 * constraint, `nodeAffinityPolicy: Honor` (default: only nodes that match the pod's nodeSelector
 * and required node affinity) and `nodeTaintsPolicy: Ignore` (default: taints do not matter;
 * `Honor` keeps only nodes whose taints the pod tolerates). Pods count when they are in the
 * pod's namespace and match the constraint's selector (plus `matchLabelKeys`).
 *
 * Filter (`whenUnsatisfiable: DoNotSchedule`): placing the pod in a domain must keep
 * count(domain) + selfMatch − globalMin ≤ maxSkew, where globalMin is the smallest count over the
 * eligible domains, or 0 when there are fewer eligible domains than `minDomains`.
 *
 * Score (`ScheduleAnyway`, weight 2): per constraint, count(domain) × log(domains + 2) +
 * (maxSkew − 1), summed; normalized so that the emptiest domain scores 100
 * (score = 100 × (max + min − s) / max). Nodes without the keys score 0.
 */
import type { ITopologySpreadConstraint } from "kubernetes-models/v1";
import { selectorMatchesIfPresent, type SelectorLike } from "../../k8s/label-selector.js";
import { HOSTNAME_LABEL } from "../../k8s/well-known-labels.js";
import { MAX_NODE_SCORE, type FilterPlugin, type SchedulingContext, type ScorePlugin } from "./plugin.js";

interface Constraint {
  key: string;
  maxSkew: number;
  minDomains: number;
  selector: SelectorLike | undefined;
  honorAffinity: boolean;
  honorTaints: boolean;
  selfMatch: number;
}

function constraintsOf(ctx: SchedulingContext, mode: "DoNotSchedule" | "ScheduleAnyway"): Constraint[] {
  const all: ITopologySpreadConstraint[] = ctx.pod.spec.topologySpreadConstraints ?? [];
  return all
    .filter((c) => c.whenUnsatisfiable === mode)
    .map((c) => {
      let selector: SelectorLike | undefined = c.labelSelector ?? undefined;
      // matchLabelKeys: the pod's own values of those keys are ANDed into the selector.
      if (selector && c.matchLabelKeys?.length) {
        const extra: Record<string, string> = {};
        for (const k of c.matchLabelKeys) if (k in ctx.pod.labels) extra[k] = ctx.pod.labels[k]!;
        selector = { ...selector, matchLabels: { ...(selector.matchLabels ?? {}), ...extra } };
      }
      return {
        key: c.topologyKey,
        maxSkew: c.maxSkew,
        minDomains: c.minDomains ?? 1,
        selector,
        honorAffinity: (c.nodeAffinityPolicy ?? "Honor") === "Honor",
        honorTaints: (c.nodeTaintsPolicy ?? "Ignore") === "Honor",
        selfMatch: selectorMatchesIfPresent(selector, ctx.pod.labels) ? 1 : 0,
      };
    });
}

function hasAllKeys(labels: Readonly<Record<string, string>>, constraints: readonly Constraint[]): boolean {
  return constraints.every((c) => c.key in labels);
}

function counts(
  ctx: SchedulingContext,
  c: Constraint,
  all: readonly Constraint[],
  domainsFrom: Iterable<number>,
): Map<string, number> {
  const { state } = ctx;
  const eligible = (node: number) =>
    !state.isDown(node) &&
    hasAllKeys(state.nodes[node]!.labels, all) &&
    (!c.honorAffinity || ctx.matchesNodeAffinity(node)) &&
    (!c.honorTaints || ctx.toleratesTaints(node));
  const domains = new Map<string, number>();
  for (const node of domainsFrom) if (eligible(node)) domains.set(state.nodes[node]!.labels[c.key]!, 0);
  // Spread counts pods of the pod's own namespace only.
  for (const b of state.bindingsIn([ctx.pod.namespace])) {
    if (
      b.pod.namespace !== ctx.pod.namespace ||
      !selectorMatchesIfPresent(c.selector, b.pod.labels) ||
      !eligible(b.node)
    )
      continue;
    const value = state.nodes[b.node]!.labels[c.key]!;
    const n = domains.get(value);
    if (n !== undefined) domains.set(value, n + 1);
  }
  return domains;
}

function* allNodeIndexes(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}

export const podTopologySpreadFilter: FilterPlugin = {
  name: "PodTopologySpread",
  prepare(ctx) {
    const constraints = constraintsOf(ctx, "DoNotSchedule");
    if (constraints.length === 0) return () => null;
    const prepared = constraints.map((c) => {
      const domains = counts(ctx, c, constraints, allNodeIndexes(ctx.state.nodes.length));
      let min = Infinity;
      for (const v of domains.values()) if (v < min) min = v;
      if (domains.size < c.minDomains || min === Infinity) min = 0;
      return { c, domains, min };
    });
    return (node) => {
      const labels = ctx.state.nodes[node]!.labels;
      if (!hasAllKeys(labels, constraints))
        return "node(s) didn't match pod topology spread constraints (missing required label)";
      for (const { c, domains, min } of prepared) {
        const skew = (domains.get(labels[c.key]!) ?? 0) + c.selfMatch - min;
        if (skew > c.maxSkew) return "node(s) didn't match pod topology spread constraints";
      }
      return null;
    };
  },
};

export const podTopologySpreadScore: ScorePlugin = {
  name: "PodTopologySpread",
  weight: 2,
  score(ctx, feasible) {
    const out = new Float64Array(feasible.length);
    const constraints = constraintsOf(ctx, "ScheduleAnyway");
    if (constraints.length === 0) return out;
    const { nodes } = ctx.state;
    const ignored = feasible.map((n) => !hasAllKeys(nodes[n]!.labels, constraints));
    const considered = feasible.filter((_, i) => !ignored[i]);
    const perConstraint = constraints.map((c) => {
      // Domains come from the feasible nodes; pods are counted on every eligible node.
      const domainsOfFeasible = counts(ctx, c, constraints, considered);
      const size = c.key === HOSTNAME_LABEL ? considered.length : domainsOfFeasible.size;
      return { c, domains: domainsOfFeasible, weight: Math.log(size + 2) };
    });
    const raw = new Float64Array(feasible.length);
    let min = Infinity;
    let max = 0;
    feasible.forEach((node, i) => {
      if (ignored[i]) return;
      let s = 0;
      for (const { c, domains, weight } of perConstraint) {
        const cnt = domains.get(nodes[node]!.labels[c.key]!) ?? 0;
        s += cnt * weight + (c.maxSkew - 1);
      }
      raw[i] = Math.round(s);
      if (raw[i]! < min) min = raw[i]!;
      if (raw[i]! > max) max = raw[i]!;
    });
    feasible.forEach((_, i) => {
      if (ignored[i]) out[i] = 0;
      else if (max === 0) out[i] = MAX_NODE_SCORE;
      else out[i] = (MAX_NODE_SCORE * (max + min - raw[i]!)) / max;
    });
    return out;
  },
};
