import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canReturnSeries, seriesFlow, type Flow } from "./series-flow.js";

const TARGET = {
  metric: "up",
  labels: { job: "node-exporter", namespace: "hamon-node-exporter", instance: "lab-node-0" },
};
const flow = (expr: string) => seriesFlow(expr, TARGET);
const OWN = 'up{job="node-exporter",namespace="hamon-node-exporter"}';

describe("seriesFlow: selectors", () => {
  it.each<[string, Flow]>([
    [OWN, "always"],
    ['{__name__="up","job"="node-exporter"}', "always"],
    ["up", "always"],
    ['up{job=~"node-.*",namespace!="monitoring"}', "always"],
    ['up{job="prometheus"}', "none"],
    ['node_filesystem_avail_bytes{job="node-exporter"}', "none"],
    ['up{job!="node-exporter"}', "none"],
    // Regexes are anchored at both ends, as Prometheus anchors them.
    ['up{job=~"node"}', "none"],
    ['up{job!~"node-.*"}', "none"],
    ['up{job="node-exporter",zone="a"}', "none"],
  ])("%s: %s", (expr, expected) => {
    expect(flow(expr)).toBe(expected);
  });
});

describe("seriesFlow: operators, aggregations and functions", () => {
  it.each<[string, Flow]>([
    // Comparisons filter: the element stays under some values only.
    [`${OWN} == 0`, "maybe"],
    [`${OWN} == bool 0`, "always"],
    [`-${OWN}`, "always"],
    ["count by (job) (up == 0) / count by (job) (up) > 0.1", "maybe"],
    ['sum by (job) (up{job=~"node-.*"} == 0) > 0', "maybe"],
    ["avg_over_time(up[5m]) < 0.5", "maybe"],
    ["avg_over_time(up[5m:1m] offset 1m) < 0.5", "maybe"],
    // absent() returns an element only when nothing matches: the series never reaches it.
    [`absent(${OWN})`, "none"],
    ['sum by (job) (up{job="grafana"}) < 2 or 0 * absent(up{job="grafana"})', "none"],
    // or: either side.
    [`absent(x) or up{job="a"} == 0 or ${OWN} == 0`, "maybe"],
    ['(up{job="a"} == 0) or vector(0)', "none"],
    // and: both sides.
    [`${OWN} == 0 and on (instance) up{job="node-exporter"}`, "maybe"],
    [`${OWN} == 0 and on () up{job="prometheus"} == 1`, "none"],
    [`up{job="prometheus"} == 0 and on () ${OWN}`, "none"],
    // unless: out when the right side always holds the same element.
    [`up unless ${OWN}`, "none"],
    [`(up unless ${OWN} unless up{job="kubelet"}) == 0`, "none"],
    [
      `100 * count by (namespace, job) ((up unless ${OWN} unless up{job="kubelet"}) == 0) / count by (namespace, job) ((up unless ${OWN} unless up{job="kubelet"})) > 10`,
      "none",
    ],
    [`up unless ignoring (pod) ${OWN}`, "none"],
    [`count by (job) (up == 0) unless on (job) count by (job) (${OWN})`, "none"],
    // …but stays when the right side may not hold it, or holds another element.
    [`up unless up{job="kubelet"}`, "always"],
    [`up unless ${OWN} == 1`, "always"],
    [`count by (job) (up == 0) unless ${OWN}`, "maybe"],
    [`count by (job) (up == 0) unless on (instance) count by (job) (${OWN})`, "maybe"],
    // Labels rewritten: label_replace keeps the element, without its destination label.
    [`label_replace(${OWN}, "node", "$1", "instance", "(.*)") unless on (instance) ${OWN}`, "none"],
    [`label_replace(${OWN}, "instance", "x", "", "") unless on (instance) ${OWN}`, "always"],
    ["topk(1, up)", "maybe"],
    ['max by (node) (up{job="kubelet"}) == 0', "none"],
  ])("%s: %s", (expr, expected) => {
    expect(flow(expr)).toBe(expected);
  });
});

/** Expressions over `up` and another metric, built from PromQL's operators, aggregations and functions. */
const selectorArb = fc
  .tuple(fc.constantFrom("up", "node_load1"), fc.constantFrom("", 'job="node-exporter"', 'job="kubelet"', 'job!="a"'))
  .map(([metric, matcher]) => `${metric}{${matcher}}`);
/** Expressions whose element of the series, when there is one, keeps exactly the series' labels. */
const labelPreservingArb: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    selectorArb,
    tie("expr").map((e) => `(${e}) == 0`),
    tie("expr").map((e) => `abs(${e})`),
    tie("expr").map((e) => `-(${e})`),
    fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => `(${a}) or (${b})`),
    fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => `(${a}) and (${b})`),
  ),
})).expr;
const anyExprArb: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    labelPreservingArb,
    tie("expr").map((e) => `count by (job) (${e})`),
    tie("expr").map((e) => `label_replace(${e}, "node", "$1", "instance", "(.*)")`),
    fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => `(${a}) / on (job) (${b})`),
    fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => `(${a}) unless (${b})`),
  ),
})).expr;

describe("seriesFlow: the laws of PromQL's set operators", () => {
  it("A or B returns the series when A or B does", () => {
    fc.assert(
      fc.property(anyExprArb, anyExprArb, (a, b) => {
        expect(canReturnSeries(`(${a}) or (${b})`, TARGET)).toBe(
          canReturnSeries(a, TARGET) || canReturnSeries(b, TARGET),
        );
      }),
    );
  });

  it("A and B returns it only when both do", () => {
    fc.assert(
      fc.property(anyExprArb, anyExprArb, (a, b) => {
        if (canReturnSeries(`(${a}) and (${b})`, TARGET)) {
          expect(canReturnSeries(a, TARGET)).toBe(true);
          expect(canReturnSeries(b, TARGET)).toBe(true);
        }
      }),
    );
  });

  it("A unless the series' own selector never returns it, when A keeps the series' labels", () => {
    fc.assert(
      fc.property(labelPreservingArb, (a) => {
        expect(canReturnSeries(`(${a}) unless ${OWN}`, TARGET)).toBe(false);
        expect(canReturnSeries(`(${a}) unless on (instance) ${OWN}`, TARGET)).toBe(false);
      }),
    );
  });

  it("A unless B never returns more than A does; nothing comes of nothing", () => {
    fc.assert(
      fc.property(anyExprArb, anyExprArb, (a, b) => {
        if (!canReturnSeries(a, TARGET)) {
          expect(canReturnSeries(`(${a}) unless (${b})`, TARGET)).toBe(false);
          expect(canReturnSeries(`count by (job) (${a}) > 1`, TARGET)).toBe(false);
          expect(canReturnSeries(`abs(${a}) * 2`, TARGET)).toBe(false);
        }
      }),
    );
  });
});
