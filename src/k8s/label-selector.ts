/**
 * Label selector matching, once for the whole project (inventory, audit, NetworkPolicies,
 * scheduler): `matchLabels` AND every `matchExpressions` requirement; `{}` selects everything
 * (kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors,
 * k8s.io/apimachinery/pkg/apis/meta/v1 LabelSelectorAsSelector). What an absent selector means
 * depends on the field, so callers decide that before calling.
 */

export interface SelectorRequirement {
  key: string;
  operator: string;
  values?: readonly string[] | undefined;
}

export interface SelectorLike {
  matchLabels?: Readonly<Record<string, string>> | null | undefined;
  matchExpressions?: readonly SelectorRequirement[] | null | undefined;
}

/** One requirement. Node selector requirements also know Gt and Lt (integer comparison, k8s.io/api/core/v1 NodeSelectorRequirement). */
export function requirementMatches(r: SelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = labels[r.key];
  const values = r.values ?? [];
  switch (r.operator) {
    case "In":
      return has && values.includes(value!);
    case "NotIn":
      // NotIn also matches objects that do not carry the key at all.
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
      // The API server rejects any other operator; an unknown one selects nothing.
      return false;
  }
}

export function selectorMatches(selector: SelectorLike, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  return (selector.matchExpressions ?? []).every((r) => requirementMatches(r, labels));
}

/** `{}` (or only empty lists): selects everything. */
export function selectorIsEmpty(selector: SelectorLike): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}
