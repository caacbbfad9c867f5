/**
 * Label selectors (kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 * and LabelSelector in the meta/v1 API reference): matchLabels and matchExpressions are ANDed;
 * an empty selector matches every object. A null selector (field left out) is the caller's
 * business: in a NetworkPolicy peer it means "this dimension is not constrained".
 */

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelectorLike {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: LabelSelectorRequirement[] | null;
}

export type Labels = Readonly<Record<string, string>>;

function requirementMatches(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case "In":
      return has && values.includes(value as string);
    case "NotIn":
      // "NotIn" also matches objects that do not carry the key at all.
      return !has || !values.includes(value as string);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    default:
      // The API server rejects any other operator; an unknown one selects nothing.
      return false;
  }
}

export function selectorMatches(selector: LabelSelectorLike, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((req) => requirementMatches(req, labels));
}

/** `{}` (or only empty lists): selects everything. */
export function selectorIsEmpty(selector: LabelSelectorLike): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/** Readable form for messages: `app=x,tier in (a,b)`; `{}` for the empty selector. */
export function describeSelector(selector: LabelSelectorLike): string {
  const parts = [
    ...Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(selector.matchExpressions ?? []).map((r) =>
      r.operator === "Exists"
        ? r.key
        : r.operator === "DoesNotExist"
          ? `!${r.key}`
          : `${r.key} ${r.operator.toLowerCase()} (${(r.values ?? []).join(",")})`,
    ),
  ];
  return parts.length ? parts.join(",") : "{}";
}
