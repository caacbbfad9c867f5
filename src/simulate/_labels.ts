/**
 * Label selector semantics (k8s.io/apimachinery/pkg/apis/meta/v1 LabelSelector and
 * k8s.io/api/core/v1 NodeSelectorRequirement). An absent selector selects nothing, an empty
 * selector `{}` selects everything (metav1.LabelSelectorAsSelector).
 */
import type { LabelSelector } from "../inventory/model.js";

interface Requirement {
  key: string;
  operator: string;
  values?: readonly string[] | undefined;
}

export interface SelectorLike {
  matchLabels?: Readonly<Record<string, string>> | undefined;
  matchExpressions?: readonly Requirement[] | undefined;
}

export function matchesSelector(selector: SelectorLike | LabelSelector | null | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (selector == null) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const r of selector.matchExpressions ?? []) if (!matchesRequirement(r, labels)) return false;
  return true;
}

/** One requirement; node selector requirements also know Gt and Lt (integer comparison). */
export function matchesRequirement(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = labels[r.key];
  const values = r.values ?? [];
  switch (r.operator) {
    case "In":
      return has && values.includes(value!);
    case "NotIn":
      return !has || !values.includes(value!);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      if (!has || values.length !== 1) return false;
      const a = Number.parseInt(value!, 10);
      const b = Number.parseInt(values[0]!, 10);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return r.operator === "Gt" ? a > b : a < b;
    }
    default:
      return false;
  }
}
