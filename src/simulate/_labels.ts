/**
 * Label selector semantics (k8s.io/apimachinery/pkg/apis/meta/v1 LabelSelector and
 * k8s.io/api/core/v1 NodeSelectorRequirement). An absent selector selects nothing, an empty
 * selector `{}` selects everything (metav1.LabelSelectorAsSelector).
 */
import type { LabelSelector } from "../inventory/model.js";

import { requirementMatches, selectorMatches, type SelectorLike } from "../k8s/label-selector.js";

export type { SelectorLike };
export { requirementMatches as matchesRequirement };

/** An absent selector selects nothing here (pod affinity terms, PDBs, spreads). */
export function matchesSelector(
  selector: SelectorLike | LabelSelector | null | undefined,
  labels: Readonly<Record<string, string>>,
): boolean {
  return selector != null && selectorMatches(selector, labels);
}
