/** PodDisruptionBudgets and the PodGroups whose pods they select (same namespace, label selector). */
import type { InventoryObject, PodDisruptionBudgetInfo, PodGroup } from "./model.js";
import { readLabelSelector, selectorMatches } from "../k8s/label-selector.js";
import { asRecord } from "../k8s/json.js";

const budget = (v: unknown): number | string | undefined =>
  typeof v === "number" || typeof v === "string" ? v : undefined;

export function podDisruptionBudgetInfo(
  object: InventoryObject,
  groupsByNamespace: Map<string, PodGroup[]>,
): PodDisruptionBudgetInfo {
  const spec = asRecord(object.raw.spec);
  const namespace = object.ref.namespace ?? "default";
  // policy/v1: an empty selector selects every pod in the namespace; a missing one selects none
  // (kubernetes.io/docs/reference/kubernetes-api/policy-resources/pod-disruption-budget-v1/).
  const selector = readLabelSelector(spec.selector);
  const groups = groupsByNamespace.get(namespace) ?? [];
  const selects = selector
    ? groups
        .filter((g) => selectorMatches(selector, (g.template.metadata?.labels ?? {}) as Record<string, string>))
        .map((g) => g.id)
    : [];
  const minAvailable = budget(spec.minAvailable);
  const maxUnavailable = budget(spec.maxUnavailable);
  return {
    object,
    namespace,
    selector: selector ?? {},
    ...(minAvailable !== undefined ? { minAvailable } : {}),
    ...(maxUnavailable !== undefined ? { maxUnavailable } : {}),
    selects,
  };
}
