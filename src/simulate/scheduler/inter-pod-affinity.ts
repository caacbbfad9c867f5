/**
 * Mirrors kube-scheduler's InterPodAffinity plugin
 * (pkg/scheduler/framework/plugins/interpodaffinity/filtering.go, scoring.go).
 *
 * Filter, in upstream's order (filtering.go Filter):
 * 1. the incoming pod's required affinity: every term needs a selected pod in the node's
 *    domain, except when no pod anywhere matches and the pod matches its own terms (the first
 *    pod of a self-affine set);
 * 2. the incoming pod's required anti-affinity: no domain that holds a selected pod;
 * 3. existing pods' required anti-affinity (symmetry): a pod already running whose
 *    anti-affinity term selects the incoming pod repels it from its whole topology domain.
 * A term selects pods in `namespaces`, or, with `namespaceSelector: {}`, in every namespace,
 * or else in the namespace of the pod that declares it.
 *
 * Score (weight 2): preferred terms of the incoming pod (+weight for affinity, −weight for
 * anti-affinity) and of the existing pods towards it (symmetry; existing required affinity
 * counts with hardPodAffinityWeight 1), summed per topology domain; normalized to 0..100 by
 * (s − min) / (max − min), all 0 when every node scores the same.
 */
import type { IPodAffinityTerm } from "kubernetes-models/v1";
import { selectorMatchesIfPresent } from "../../k8s/label-selector.js";
import type { SimPod } from "../model.js";
import { MAX_NODE_SCORE, type FilterPlugin, type ScorePlugin } from "./plugin.js";

/** Upstream default of InterPodAffinityArgs.hardPodAffinityWeight. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

/** Does `term`, declared by a pod in `ownerNamespace`, select `pod`? */
export function termSelects(term: IPodAffinityTerm, ownerNamespace: string, pod: SimPod): boolean {
  const nsSelector = term.namespaceSelector;
  const namespaces = term.namespaces ?? [];
  let nsOk: boolean;
  if (namespaces.length === 0 && nsSelector == null) nsOk = pod.namespace === ownerNamespace;
  else {
    // A non-empty namespaceSelector would need the namespaces' labels, which the inventory
    // does not carry: it is taken as selecting every namespace (conservative for anti-affinity).
    nsOk = namespaces.includes(pod.namespace) || nsSelector != null;
  }
  return nsOk && selectorMatchesIfPresent(term.labelSelector, pod.labels);
}

/**
 * The namespaces whose pods `terms` (declared by a pod in `ownerNamespace`) can select, as
 * termSelects reads them; undefined (every namespace) when one has a namespaceSelector.
 */
function namespacesOf(terms: readonly IPodAffinityTerm[], ownerNamespace: string): string[] | undefined {
  const out: string[] = [];
  for (const t of terms) {
    if (t.namespaceSelector != null) return undefined;
    out.push(...(t.namespaces?.length ? t.namespaces : [ownerNamespace]));
  }
  return out;
}

function requiredAffinity(pod: SimPod): IPodAffinityTerm[] {
  return pod.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
}
function requiredAntiAffinity(pod: SimPod): IPodAffinityTerm[] {
  return pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
}

export const interPodAffinityFilter: FilterPlugin = {
  name: "InterPodAffinity",
  prepare(ctx) {
    const { pod, state } = ctx;
    const nodes = state.nodes;
    // topology key → values whose domain holds a running pod whose anti-affinity selects this pod.
    const existingAnti = new Map<string, Set<string>>();
    const affinityTerms = requiredAffinity(pod);
    const antiTerms = requiredAntiAffinity(pod);
    const affinityCounts = affinityTerms.map(() => new Set<string>());
    const antiCounts = antiTerms.map(() => new Set<string>());
    let anyAffinityMatch = false;
    // Existing pods' anti-affinity (symmetry): only pods with terms have any.
    for (const b of state.affineBindings()) {
      const labels = nodes[b.node]!.labels;
      for (const t of requiredAntiAffinity(b.pod)) {
        const v = labels[t.topologyKey];
        if (v === undefined || !termSelects(t, b.pod.namespace, pod)) continue;
        const values = existingAnti.get(t.topologyKey);
        if (values) values.add(v);
        else existingAnti.set(t.topologyKey, new Set([v]));
      }
    }
    // The pod's own terms: only pods in the namespaces they select (thousands of daemon pods elsewhere are not read).
    const ownTerms = [...affinityTerms, ...antiTerms];
    const candidates = ownTerms.length > 0 ? state.bindingsIn(namespacesOf(ownTerms, pod.namespace)) : [];
    for (const b of candidates) {
      const labels = nodes[b.node]!.labels;
      affinityTerms.forEach((t, i) => {
        const v = labels[t.topologyKey];
        if (termSelects(t, pod.namespace, b.pod)) {
          anyAffinityMatch = true;
          if (v !== undefined) affinityCounts[i]!.add(v);
        }
      });
      antiTerms.forEach((t, i) => {
        const v = labels[t.topologyKey];
        if (v !== undefined && termSelects(t, pod.namespace, b.pod)) antiCounts[i]!.add(v);
      });
    }
    const selfAffine = affinityTerms.every((t) => termSelects(t, pod.namespace, pod));
    const existing = [...existingAnti.entries()];
    return (node) => {
      const labels = nodes[node]!.labels;
      if (affinityTerms.length > 0) {
        const all = affinityTerms.every((t, i) => {
          const v = labels[t.topologyKey];
          return v !== undefined && affinityCounts[i]!.has(v);
        });
        if (!all && !(!anyAffinityMatch && selfAffine && affinityTerms.every((t) => t.topologyKey in labels))) {
          return "node(s) didn't match pod affinity rules";
        }
      }
      for (let i = 0; i < antiTerms.length; i++) {
        const v = labels[antiTerms[i]!.topologyKey];
        if (v !== undefined && antiCounts[i]!.has(v)) return "node(s) didn't match pod anti-affinity rules";
      }
      for (const [key, values] of existing) {
        const v = labels[key];
        if (v !== undefined && values.has(v)) return "node(s) didn't satisfy existing pods anti-affinity rules";
      }
      return null;
    };
  },
};

export const interPodAffinityScore: ScorePlugin = {
  name: "InterPodAffinity",
  weight: 2,
  score(ctx, feasible) {
    const { pod, state } = ctx;
    const nodes = state.nodes;
    // topology key → value → summed weight.
    const topologyScore = new Map<string, Map<string, number>>();
    const add = (key: string, value: string | undefined, w: number) => {
      if (value === undefined || w === 0) return;
      let values = topologyScore.get(key);
      if (!values) topologyScore.set(key, (values = new Map()));
      values.set(value, (values.get(value) ?? 0) + w);
    };
    const prefAff = pod.spec.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    const prefAnti = pod.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    const ownTerms = [...prefAff, ...prefAnti].map((w) => w.podAffinityTerm);
    const candidates = ownTerms.length > 0 ? state.bindingsIn(namespacesOf(ownTerms, pod.namespace)) : [];
    for (const b of candidates) {
      const labels = nodes[b.node]!.labels;
      for (const w of prefAff)
        if (termSelects(w.podAffinityTerm, pod.namespace, b.pod))
          add(w.podAffinityTerm.topologyKey, labels[w.podAffinityTerm.topologyKey], w.weight);
      for (const w of prefAnti)
        if (termSelects(w.podAffinityTerm, pod.namespace, b.pod))
          add(w.podAffinityTerm.topologyKey, labels[w.podAffinityTerm.topologyKey], -w.weight);
    }
    // Existing pods' terms towards this pod: only pods with terms have any.
    for (const b of state.affineBindings()) {
      const labels = nodes[b.node]!.labels;
      const ex = b.pod.spec.affinity;
      for (const t of ex?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [])
        if (termSelects(t, b.pod.namespace, pod)) add(t.topologyKey, labels[t.topologyKey], HARD_POD_AFFINITY_WEIGHT);
      for (const w of ex?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
        if (termSelects(w.podAffinityTerm, b.pod.namespace, pod))
          add(w.podAffinityTerm.topologyKey, labels[w.podAffinityTerm.topologyKey], w.weight);
      for (const w of ex?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
        if (termSelects(w.podAffinityTerm, b.pod.namespace, pod))
          add(w.podAffinityTerm.topologyKey, labels[w.podAffinityTerm.topologyKey], -w.weight);
    }
    const out = new Float64Array(feasible.length);
    if (topologyScore.size === 0) return out;
    const entries = [...topologyScore.entries()];
    const raw = new Float64Array(feasible.length);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < feasible.length; i++) {
      const labels = nodes[feasible[i]!]!.labels;
      let s = 0;
      for (const [key, values] of entries) {
        const v = labels[key];
        if (v !== undefined) s += values.get(v) ?? 0;
      }
      raw[i] = s;
      if (s < min) min = s;
      if (s > max) max = s;
    }
    if (max === min) return out;
    raw.forEach((s, i) => (out[i] = (MAX_NODE_SCORE * (s - min)) / (max - min)));
    return out;
  },
};
