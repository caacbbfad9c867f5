/**
 * Kubernetes label selectors: `matchLabels` AND every `matchExpressions` requirement
 * (kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors).
 * An empty selector selects every pod (policy/v1 PodDisruptionBudget semantics).
 */
import type { LabelSelector } from "./model.js";
import { asRecords, asStringMap, isRecord } from "../k8s/json.js";

const OPERATORS = new Set(["In", "NotIn", "Exists", "DoesNotExist"]);

/** Reads a selector as written; malformed parts are dropped, a non-object gives undefined. */
export function readLabelSelector(v: unknown): LabelSelector | undefined {
  if (!isRecord(v)) return undefined;
  const matchLabels = asStringMap(v.matchLabels);
  const matchExpressions = asRecords(v.matchExpressions)
    .filter((e) => typeof e.key === "string" && OPERATORS.has(String(e.operator)))
    .map((e) => ({
      key: e.key as string,
      operator: e.operator as "In" | "NotIn" | "Exists" | "DoesNotExist",
      ...(Array.isArray(e.values) ? { values: e.values.map((x) => String(x)) } : {}),
    }));
  return {
    ...(Object.keys(matchLabels).length ? { matchLabels } : {}),
    ...(matchExpressions.length ? { matchExpressions } : {}),
  };
}

/** Shared matching (src/k8s/label-selector.ts), under the names the inventory and audit use. */
export { selectorMatches, selectorIsEmpty as isEmptySelector } from "../k8s/label-selector.js";

export const selectorText = (s: LabelSelector): string =>
  [
    ...Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(s.matchExpressions ?? []).map((e) => `${e.key} ${e.operator}${e.values ? ` (${e.values.join(",")})` : ""}`),
  ].join(", ") || "(everything)";
