/**
 * HAMON-PDB-003 — a PodDisruptionBudget that selects no pod.
 *
 * What: a PDB without a selector (policy/v1: selects nothing), or whose selector matches none of
 * the workloads of its namespace in the input, while that namespace has workloads.
 *
 * Why: the budget protects nothing; usually its labels drifted from the pod template (e.g. a
 * label that the Operator does not put on its pods)
 * (kubernetes.io/docs/reference/kubernetes-api/policy-resources/pod-disruption-budget-v1/).
 *
 * Severity warning: the component it was meant for is unprotected, which HAMON-PDB-001 also
 * reports for HA components; here the dead object is named.
 */
import type { Rule, RuleFinding } from "../rule.js";
import { selectorText } from "../../inventory/label-selector.js";
import { isRecord, get } from "../../inventory/_util.js";
import { groupsByNamespace } from "./_helpers.js";

export const pdbSelectsNothing: Rule = {
  id: "HAMON-PDB-003",
  severity: "warning",
  title: "PodDisruptionBudget selects no pod",
  rationale:
    "A PDB without a selector, or whose selector matches no pod template, protects nothing " +
    "(kubernetes.io/docs/reference/kubernetes-api/policy-resources/pod-disruption-budget-v1/). Warning: dead configuration that leaves its target unprotected.",
  fix: "Make spec.selector.matchLabels a subset of the pod template's labels (for Operator CRs: the labels the operator sets).",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const p of inv.pdbs) {
      if (p.selects.length > 0) continue;
      const hasSelector = isRecord(get(p.object.raw, "spec", "selector"));
      if (hasSelector && (groupsByNamespace(inv).get(p.namespace) ?? []).length === 0) continue; // its pods are not in this input
      out.push({
        object: p.object,
        message: hasSelector
          ? `PodDisruptionBudget ${p.namespace}/${p.object.ref.name} selects ${selectorText(p.selector)}, which matches no pod template in namespace ${p.namespace}`
          : `PodDisruptionBudget ${p.namespace}/${p.object.ref.name} has no spec.selector: it selects no pod`,
      });
    }
    return out;
  },
};
