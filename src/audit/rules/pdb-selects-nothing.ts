/** HAMON-PDB-003. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Rule, RuleFinding } from "../rule.js";
import { selectorText } from "../../k8s/label-selector.js";
import { isRecord, get } from "../../k8s/json.js";
import { groupsByNamespace } from "./_helpers.js";

export const pdbSelectsNothing: Rule = {
  id: "HAMON-PDB-003",
  severity: "warning",
  title: "PodDisruptionBudget selects no pod",
  what:
    "A PodDisruptionBudget without a selector (in policy/v1 it then selects no pod), or whose selector matches " +
    "none of the workloads of its namespace in the input while that namespace has workloads.",
  why:
    "The budget protects nothing. Usually its labels drifted from the pod template (e.g. a label that the " +
    "Operator does not put on its pods).",
  sources: [
    {
      title: "Kubernetes API: PodDisruptionBudget v1",
      url: "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/pod-disruption-budget-v1/",
    },
  ],
  severityReason:
    "Warning: dead configuration that leaves its target unprotected. HAMON-PDB-001 also reports an unprotected " +
    "HA component; this rule names the dead object.",
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
