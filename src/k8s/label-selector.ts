/**
 * Label selectors, once for the whole project (inventory, audit, NetworkPolicies, scheduler):
 * `matchLabels` AND every `matchExpressions` requirement; `{}` selects everything
 * (kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors,
 * k8s.io/apimachinery/pkg/apis/meta/v1 LabelSelectorAsSelector). What an absent selector means
 * depends on the field, so callers decide that before calling (or call `selectorMatchesIfPresent`).
 */
import { asRecords, asStringMap, isRecord } from "./json.js";

export type Labels = Readonly<Record<string, string>>;

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
export function requirementMatches(r: SelectorRequirement, labels: Labels): boolean {
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

export function selectorMatches(selector: SelectorLike, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  return (selector.matchExpressions ?? []).every((r) => requirementMatches(r, labels));
}

/** `{}` (or only empty lists): selects everything. */
export function selectorIsEmpty(selector: SelectorLike): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/**
 * For fields where an absent selector selects nothing (pod affinity terms, PodDisruptionBudgets,
 * topology spread constraints: metav1.LabelSelectorAsSelector(nil) is labels.Nothing()).
 */
export function selectorMatchesIfPresent(selector: SelectorLike | null | undefined, labels: Labels): boolean {
  return selector != null && selectorMatches(selector, labels);
}

/** A LabelSelector as the API schema gives it: the four operators of metav1.LabelSelectorOperator. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; values?: string[] }>;
}

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

/** Readable form for messages: `app=x, tier In (a,b)`; `(everything)` for the empty selector. */
export const selectorText = (s: LabelSelector): string =>
  [
    ...Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(s.matchExpressions ?? []).map((e) => `${e.key} ${e.operator}${e.values ? ` (${e.values.join(",")})` : ""}`),
  ].join(", ") || "(everything)";
