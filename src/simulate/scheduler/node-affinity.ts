/**
 * Mirrors kube-scheduler's NodeAffinity plugin
 * (pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go, and
 * k8s.io/component-helpers/scheduling/corev1/nodeaffinity).
 * Filter: `spec.nodeSelector` (every label equal) and
 * `requiredDuringSchedulingIgnoredDuringExecution` (any one term, all of its expressions and
 * fields). Score (weight 2): the sum of the weights of the matching preferred terms.
 */
import type { INodeSelectorTerm, IPodSpec } from "kubernetes-models/v1";
import { requirementMatches } from "../../k8s/label-selector.js";
import type { SimNode } from "../model.js";
import { defaultNormalize, type FilterPlugin, type ScorePlugin } from "./plugin.js";

/** A term with no requirement matches nothing (nodeaffinity.NewNodeSelector). */
export function matchesNodeSelectorTerm(term: INodeSelectorTerm, node: SimNode): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  if (!exprs.every((r) => requirementMatches(r, node.labels))) return false;
  // The only field selector supported is metadata.name.
  return fields.every((r) => r.key === "metadata.name" && requirementMatches(r, { "metadata.name": node.name }));
}

export function matchesRequiredNodeAffinity(spec: IPodSpec, node: SimNode): boolean {
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (node.labels[k] !== v) return false;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) return required.nodeSelectorTerms.some((t) => matchesNodeSelectorTerm(t, node));
  return true;
}

export const nodeAffinityFilter: FilterPlugin = {
  name: "NodeAffinity",
  prepare(ctx) {
    return (node) => (ctx.matchesNodeAffinity(node) ? null : "node(s) didn't match Pod's node affinity/selector");
  },
};

export const nodeAffinityScore: ScorePlugin = {
  name: "NodeAffinity",
  weight: 2,
  score(ctx, feasible) {
    const preferred = ctx.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    const raw = new Float64Array(feasible.length);
    if (preferred.length > 0) {
      feasible.forEach((node, i) => {
        let s = 0;
        for (const p of preferred)
          if (p.weight !== 0 && matchesNodeSelectorTerm(p.preference, ctx.state.nodes[node]!)) s += p.weight;
        raw[i] = s;
      });
    }
    return defaultNormalize(raw, false);
  },
};
