/** Reading a pod template's placement: anti-affinity terms and spread constraints that apply to its own pods. */
import type { PodGroup } from "../../inventory/model.js";
import { readLabelSelector, selectorMatches } from "../../k8s/label-selector.js";
import { asArray, asRecord, asRecords, asString, asStringMap, get } from "../../k8s/json.js";
import { HOSTNAME_LABEL, ZONE_LABELS } from "../../k8s/well-known-labels.js";
import { podLabels, podSpec } from "./_helpers.js";

export interface SelfTerm {
  topologyKey: string;
  hard: boolean;
}

/** Anti-affinity terms (required and preferred) whose selector matches the group's own pods, in its own namespace. */
export function selfAntiAffinity(g: PodGroup): SelfTerm[] {
  const anti = asRecord(get(podSpec(g), "affinity", "podAntiAffinity"));
  const labels = podLabels(g);
  const selfSelecting = (term: unknown) => {
    const t = asRecord(term);
    const selector = readLabelSelector(t.labelSelector);
    if (!selector || !selectorMatches(selector, labels)) return false;
    const namespaces = asArray(t.namespaces).map(String);
    return namespaces.length === 0 || namespaces.includes(g.namespace) || t.namespaceSelector !== undefined;
  };
  const out: SelfTerm[] = [];
  for (const t of asRecords(anti.requiredDuringSchedulingIgnoredDuringExecution))
    if (selfSelecting(t)) out.push({ topologyKey: asString(t.topologyKey) ?? "", hard: true });
  for (const w of asRecords(anti.preferredDuringSchedulingIgnoredDuringExecution))
    if (selfSelecting(w.podAffinityTerm))
      out.push({ topologyKey: asString(get(w, "podAffinityTerm", "topologyKey")) ?? "", hard: false });
  return out;
}

/** Topology spread constraints over the group's own pods. DoNotSchedule with maxSkew 1 is hard spreading. */
export function selfSpread(g: PodGroup): SelfTerm[] {
  const labels = podLabels(g);
  const out: SelfTerm[] = [];
  for (const c of asRecords(podSpec(g).topologySpreadConstraints)) {
    const selector = readLabelSelector(c.labelSelector);
    if (!selector || !selectorMatches(selector, labels)) continue;
    const hard = c.whenUnsatisfiable === "DoNotSchedule" && (c.maxSkew === 1 || c.maxSkew === "1");
    out.push({ topologyKey: asString(c.topologyKey) ?? "", hard });
  }
  return out;
}

/** A term that keeps two replicas off one node: per host, or per zone (different zones are different nodes). */
export const separatesNodes = (t: SelfTerm) => t.topologyKey === HOSTNAME_LABEL || ZONE_LABELS.has(t.topologyKey);

/**
 * Values a required node constraint allows for a label key: a nodeSelector entry, or the
 * intersection of `In` lists of every required nodeSelectorTerm's matchExpressions (undefined: unconstrained).
 * Terms are ORed by Kubernetes, so with several terms the union is taken.
 */
export function allowedNodeValues(g: PodGroup, key: string): Set<string> | undefined {
  const spec = podSpec(g);
  const fromSelector = asStringMap(spec.nodeSelector)[key];
  let allowed: Set<string> | undefined = fromSelector !== undefined ? new Set([fromSelector]) : undefined;
  const terms = asRecords(
    get(spec, "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms"),
  );
  if (terms.length === 0) return allowed;
  let union: Set<string> | undefined = new Set();
  for (const term of terms) {
    const inLists = asRecords(term.matchExpressions).filter((e) => e.key === key && e.operator === "In");
    if (inLists.length === 0) {
      union = undefined; // this term does not constrain the key: any value passes
      break;
    }
    let values = new Set(asArray(inLists[0]?.values).map(String));
    for (const e of inLists.slice(1))
      values = new Set([...values].filter((v) => asArray(e.values).map(String).includes(v)));
    for (const v of values) union.add(v);
  }
  if (union === undefined) return allowed;
  allowed = allowed ? new Set([...allowed].filter((v) => union.has(v))) : union;
  return allowed;
}
