/**
 * Label selectors (kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 * and LabelSelector in the meta/v1 API reference): matchLabels and matchExpressions are ANDed;
 * an empty selector matches every object. A null selector (field left out) is the caller's
 * business: in a NetworkPolicy peer it means "this dimension is not constrained".
 */

import type { SelectorLike, SelectorRequirement } from "../k8s/label-selector.js";

export { selectorMatches, selectorIsEmpty } from "../k8s/label-selector.js";
export type LabelSelectorRequirement = SelectorRequirement;
export type LabelSelectorLike = SelectorLike;
export type Labels = Readonly<Record<string, string>>;

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
