/**
 * The rendered configuration stays valid for the binaries the tests run (Prometheus 2.42,
 * Alertmanager 0.25) and the ones it pins (Prometheus 3, Alertmanager ≥ 0.28): it uses nothing
 * Prometheus 3 removed or changed (docs/versions.md, "Config valid for both"; the Prometheus 3.0
 * migration guide, prometheus.io/docs/prometheus/latest/migration/).
 */
import { describe, expect, it } from "vitest";
import { exampleStack } from "../../test/support/example-stack.js";
import type { Json } from "../../test/support/rendered.js";

const example = exampleStack().view;
const exprs = example
  .byKind("PrometheusRule")
  .flatMap((r) => (r.spec.groups as Json[]).flatMap((g) => (g.rules as Json[]).map((rule) => String(rule.expr))));

describe("the rendered configuration, for Prometheus 2.42 and 3", () => {
  it("has rules to check", () => {
    expect(exprs.length).toBeGreaterThan(10);
  });

  it("calls no function Prometheus 3 renamed or put behind a flag (holt_winters)", () => {
    expect(exprs.filter((e) => /\bholt_winters\s*\(/.test(e))).toEqual([]);
  });

  it("matches no le or quantile label by an integer value, which Prometheus 3 writes as a float (1 → 1.0)", () => {
    expect(exprs.filter((e) => /\b(le|quantile)\s*=~?\s*"[+-]?\d+"/.test(e))).toEqual([]);
  });

  it("sends alerts over the Alertmanager API v2, the only one Prometheus 3 and Alertmanager ≥ 0.28 speak", () => {
    const alertmanagers = example.byKind("Prometheus").flatMap((p) => p.spec.alerting.alertmanagers as Json[]);
    expect(alertmanagers.map((a) => a.apiVersion)).toEqual(alertmanagers.map(() => "v2"));
  });

  it("enables no Prometheus or Alertmanager feature flag (Prometheus 3 removed most of 2.x's)", () => {
    for (const kind of ["Prometheus", "Alertmanager"])
      for (const cr of example.byKind(kind))
        expect(cr.spec.enableFeatures, `${kind} ${cr.metadata.name}`).toBeUndefined();
  });

  it("gives Thanos Query its StoreAPIs with --endpoint, not --store (removed in Thanos 0.38)", () => {
    const args = example.one("Deployment", "thanos-query").spec.template.spec.containers[0].args as string[];
    expect(args.filter((a) => a.startsWith("--store="))).toEqual([]);
    expect(args.filter((a) => a.startsWith("--endpoint=")).length).toBeGreaterThan(0);
  });
});
