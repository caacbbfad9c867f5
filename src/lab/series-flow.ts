/**
 * Whether a PromQL expression can return an element that one given series flows into: the
 * question "can this alert fire for that target?" answered on the lezer-promql syntax tree with
 * PromQL's own semantics, not by spotting a selector anywhere. `A unless B` drops the target's
 * element when B always holds a matching one, `A and B` needs both, `A or B` either; aggregations,
 * arithmetic and label-preserving functions carry it on. Pure.
 *
 * Semantics: prometheus.io/docs/prometheus/latest/querying/operators/ (set operators and vector
 * matching) and promql/engine.go (VectorAnd/VectorOr/VectorUnless match on the label set without
 * `__name__`, `signatureFunc`; `resultMetric` keeps only the `on` labels, or drops the `ignoring`
 * ones, for one-to-one matching; arithmetic drops `__name__`, which matching ignores anyway).
 */
import { parser } from "@prometheus-io/lezer-promql";

/**
 * How the series reaches an expression's result: `none` never; `maybe` under some values (a
 * comparison filter, a function, a condition); `always` whatever its value (a bare selector).
 */
export type Flow = "none" | "maybe" | "always";

/** What is known of the result element the series flows into. */
interface Reach {
  flow: Flow;
  /** The series' labels whose values that element still carries ("all": every one of them). */
  kept: ReadonlySet<string> | "all";
  /** The element's labels are exactly the series' labels (`__name__` aside): default matching finds it. */
  exact: boolean;
}

/** A node of lezer-promql's syntax tree (the type of @lezer/common, which is not a dependency of ours). */
type SyntaxNode = ReturnType<typeof parser.parse>["topNode"];

const NONE: Reach = { flow: "none", kept: new Set(), exact: false };
const RANK: Record<Flow, number> = { none: 0, maybe: 1, always: 2 };
const weaker = (a: Flow, b: Flow): Flow => (RANK[a] <= RANK[b] ? a : b);
const stronger = (a: Flow, b: Flow): Flow => (RANK[a] >= RANK[b] ? a : b);
const atMostMaybe = (r: Reach): Reach => ({ ...r, flow: weaker(r.flow, "maybe") });

/** The series to follow: its metric name and labels. */
export interface TargetSeries {
  metric: string;
  labels: Readonly<Record<string, string>>;
}

/** The text of a PromQL string literal ("…", '…' or `…`; backslash escapes undone, enough for label values). */
function stringValue(literal: string): string {
  const inner = literal.slice(1, -1);
  return literal.startsWith("`") ? inner : inner.replace(/\\(.)/g, "$1");
}

/** Prometheus anchors label regexes at both ends (prometheus.io/docs/prometheus/latest/querying/basics/). */
function matcherHolds(op: string, actual: string, value: string): boolean {
  const regexMatches = () => {
    try {
      return new RegExp(`^(?:${value})$`).test(actual);
    } catch {
      return false; // RE2 syntax JavaScript lacks: not counted as a match
    }
  };
  if (op === "=") return actual === value;
  if (op === "!=") return actual !== value;
  if (op === "=~") return regexMatches();
  if (op === "!~") return !regexMatches();
  return false;
}

const children = (node: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
};
const child = (node: SyntaxNode, name: string) => children(node).find((c) => c.name === name);
const labelNames = (node: SyntaxNode | undefined, text: (n: SyntaxNode) => string): string[] =>
  node
    ? children(node)
        .filter((c) => c.name === "LabelName")
        .map(text)
    : [];

/** Functions that return their input elements with the same labels (values changed, or filtered over time). */
const LABEL_PRESERVING = new Set([
  "abs", "ceil", "floor", "round", "exp", "ln", "log2", "log10", "sqrt", "sgn", "clamp", "clamp_min", "clamp_max",
  "rate", "irate", "increase", "delta", "idelta", "deriv", "changes", "resets", "predict_linear", "holt_winters",
  "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time", "last_over_time",
  "quantile_over_time", "stddev_over_time", "stdvar_over_time", "present_over_time", "sort", "sort_desc",
  "timestamp",
]); // prettier-ignore
/** Functions whose result exists only when their input is empty: the series never flows through. */
const ABSENCE = new Set(["absent", "absent_over_time"]);

/** `on (…)`/`ignoring (…)` of a binary operator, and whether it has group_left/group_right. */
interface Matching {
  on: boolean;
  labels: string[];
  group: boolean;
}

/** A number literal, possibly signed or in parentheses: a scalar operand. */
function isNumber(node: SyntaxNode): boolean {
  if (node.name === "NumberDurationLiteral") return true;
  if (node.name !== "ParenExpr" && node.name !== "UnaryExpr") return false;
  const inner = node.lastChild;
  return inner !== null && isNumber(inner);
}

function keptAfter(kept: Reach["kept"], keep: (label: string) => boolean, all: readonly string[]): Set<string> {
  return new Set((kept === "all" ? all : [...kept]).filter(keep));
}

/** Follows `series` through the expression `expr` (its text and syntax tree). */
class SeriesFlow {
  private readonly allLabels: string[];

  constructor(
    private readonly expr: string,
    private readonly series: TargetSeries,
  ) {
    this.allLabels = Object.keys(series.labels);
  }

  private text = (n: SyntaxNode): string => this.expr.slice(n.from, n.to);

  reach(node: SyntaxNode): Reach {
    switch (node.name) {
      case "PromQL":
      case "ParenExpr":
      case "OffsetExpr":
      case "StepInvariantExpr":
      case "SubqueryExpr":
      case "MatrixSelector":
      case "FunctionCallBody":
      case "UnaryExpr":
        return this.first(node);
      case "VectorSelector":
        return this.selects(node) ? { flow: "always", kept: "all", exact: true } : NONE;
      case "AggregateExpr":
        return this.aggregate(node);
      case "FunctionCall":
        return this.call(node);
      case "BinaryExpr":
        return this.binary(node);
      default:
        return NONE; // literals
    }
  }

  /** The reach of the child the series reaches (wrappers: parentheses, unary minus, offset, @, [range]). */
  private first(node: SyntaxNode): Reach {
    const reaches = children(node).map((c) => this.reach(c));
    return reaches.find((r) => r.flow !== "none") ?? NONE;
  }

  private selects(node: SyntaxNode): boolean {
    const labels: Record<string, string> = { ...this.series.labels, __name__: this.series.metric };
    const name = child(node, "Identifier");
    if (name && this.text(name) !== this.series.metric) return false;
    const matchers = child(node, "LabelMatchers");
    for (const m of matchers ? children(matchers) : []) {
      const [label, op, value] = children(m);
      if (!label || !op || !value) continue;
      const labelName = label.name === "LabelName" ? this.text(label) : stringValue(this.text(label));
      if (!matcherHolds(this.text(op), labels[labelName] ?? "", stringValue(this.text(value)))) return false;
    }
    return true;
  }

  /** `sum by (L) (v)`: the series lands in its group, which carries L; topk and friends may drop it. */
  private aggregate(node: SyntaxNode): Reach {
    const op = child(node, "AggregateOp")?.firstChild?.name ?? "";
    const body = child(node, "FunctionCallBody");
    const args = body ? children(body) : [];
    const inner = args.length > 0 ? this.reach(args[args.length - 1]!) : NONE; // the vector is the last argument
    if (inner.flow === "none") return NONE;
    const modifier = child(node, "AggregateModifier");
    const grouping = labelNames(child(modifier ?? node, "GroupingLabels"), this.text);
    const without = modifier ? child(modifier, "Without") !== undefined : false;
    const byLabels = modifier && !without ? grouping : [];
    const kept = keptAfter(inner.kept, (l) => (without ? !grouping.includes(l) : byLabels.includes(l)), this.allLabels);
    const selecting = ["Topk", "Bottomk", "Limitk", "LimitRatio"].includes(op);
    return { flow: selecting ? weaker(inner.flow, "maybe") : inner.flow, kept, exact: false };
  }

  private call(node: SyntaxNode): Reach {
    const name = this.text(child(node, "FunctionIdentifier") ?? node);
    if (ABSENCE.has(name)) return NONE;
    const body = child(node, "FunctionCallBody");
    const reaches = (body ? children(body) : []).map((c) => this.reach(c));
    const inner = reaches.find((r) => r.flow !== "none") ?? NONE;
    if (inner.flow === "none") return NONE;
    if (LABEL_PRESERVING.has(name)) return inner;
    if (name === "label_replace" || name === "label_join") {
      // The destination label is the second argument; the rest keep their values.
      const dst = body ? children(body)[1] : undefined;
      const dstName = dst ? stringValue(this.text(dst)) : "";
      return { flow: inner.flow, kept: keptAfter(inner.kept, (l) => l !== dstName, this.allLabels), exact: false };
    }
    // Anything else (histogram_quantile, vector, scalar, …): it may carry the series on, changed.
    return { ...atMostMaybe(inner), exact: false };
  }

  private binary(node: SyntaxNode): Reach {
    const operands = children(node).filter((c) => !["MatchingModifierClause", "BoolModifier"].includes(c.name));
    const [lhsNode, opNode, rhsNode] = operands;
    if (!lhsNode || !opNode || !rhsNode) return NONE;
    const lhs = this.reach(lhsNode);
    const rhs = this.reach(rhsNode);
    const op = opNode.name;
    const matching = this.matching(child(node, "MatchingModifierClause"));

    // Set operators (always many-to-many: no group_left/right).
    if (op === "Or") return lhs.flow === "none" ? rhs : { ...lhs, flow: stronger(lhs.flow, rhs.flow) };
    if (op === "And") return lhs.flow === "none" || rhs.flow === "none" ? NONE : atMostMaybe(lhs);
    if (op === "Unless") return rhs.flow === "always" && this.sameElement(lhs, rhs, matching) ? NONE : lhs;

    // Arithmetic and comparisons: the element is the reached side's, relabelled by the matching.
    const reached = lhs.flow !== "none" ? lhs : rhs;
    if (reached.flow === "none") return NONE;
    const other = lhs.flow !== "none" ? rhsNode : lhsNode;
    const comparison = ["Eql", "Neq", "Gtr", "Lss", "Gte", "Lte"].includes(op);
    const filters = comparison && child(node, "BoolModifier") === undefined;
    // Against a number every element stays; against another vector only those with a match.
    const needsMatch =
      lhs.flow !== "none" && rhs.flow !== "none"
        ? weaker(lhs.flow, rhs.flow)
        : isNumber(other)
          ? reached.flow
          : "maybe";
    const flow = filters ? weaker(needsMatch, "maybe") : needsMatch;
    if (matching.group) return { flow, kept: reached.kept, exact: false };
    const kept = keptAfter(reached.kept, (l) => matching.labels.includes(l) === matching.on, this.allLabels);
    return { flow, kept, exact: reached.exact && !matching.on && matching.labels.length === 0 };
  }

  /** Whether an element of `rhs` always meets the series' element of `lhs` under the matching. */
  private sameElement(lhs: Reach, rhs: Reach, matching: Matching): boolean {
    const carries = (r: Reach, l: string) => r.kept === "all" || r.kept.has(l);
    if (matching.on) return matching.labels.every((l) => carries(lhs, l) && carries(rhs, l));
    return lhs.exact && rhs.exact;
  }

  private matching(clause: SyntaxNode | undefined): Matching {
    if (!clause) return { on: false, labels: [], group: false };
    return {
      on: child(clause, "On") !== undefined,
      labels: labelNames(child(clause, "GroupingLabels"), this.text),
      group: child(clause, "GroupLeft") !== undefined || child(clause, "GroupRight") !== undefined,
    };
  }
}

/** How the series reaches the result of `expr` (none, maybe, always). */
export function seriesFlow(expr: string, series: TargetSeries): Flow {
  const tree = parser.parse(expr);
  return new SeriesFlow(expr, series).reach(tree.topNode).flow;
}

/** True when `expr` can return an element the series flows into: an alert on it can fire for that series. */
export function canReturnSeries(expr: string, series: TargetSeries): boolean {
  return seriesFlow(expr, series) !== "none";
}
