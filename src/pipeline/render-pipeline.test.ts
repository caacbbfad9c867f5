import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { stringify } from "yaml";
import { SpecError } from "../spec/load.js";
import { renderFromSpecText } from "./render-pipeline.js";

/** Specs within the schema's ranges, in combinations that may or may not fit their topology. */
const specArbitrary = fc.record({
  cluster: fc.record({
    name: fc.constant("c"),
    zones: fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e"), { minLength: 1, maxLength: 5 }),
  }),
  phase: fc.integer({ min: 1, max: 4 }),
  storage: fc.constant({ provisioner: "ebs.csi.aws.com" }),
  nodePool: fc.record({
    nodesPerZone: fc.integer({ min: 1, max: 4 }),
    memory: fc.constantFrom("8Gi", "32Gi", "128Gi"),
  }),
  workload: fc.record({
    activeSeries: fc.integer({ min: 1, max: 20_000_000 }),
    scrapeInterval: fc.constantFrom("10s", "15s", "30s", "1m"),
    localRetention: fc.constantFrom("6h", "2d", "15d"),
  }),
  prometheus: fc.record({
    replicas: fc.integer({ min: 2, max: 4 }),
    shards: fc.oneof(fc.constant("auto"), fc.integer({ min: 1, max: 6 })),
  }),
  alertmanager: fc.record({ replicas: fc.integer({ min: 2, max: 6 }) }),
  thanos: fc.record({
    store: fc.record({ shards: fc.integer({ min: 1, max: 4 }), replicas: fc.integer({ min: 2, max: 3 }) }),
  }),
  grafana: fc.record({
    replicas: fc.integer({ min: 2, max: 5 }),
    database: fc.record({ type: fc.constant("cloudnativepg"), instances: fc.integer({ min: 3, max: 5 }) }),
  }),
});

describe("renderFromSpecText on generated specs", () => {
  it("either renders schema-valid objects, the same twice, or rejects the spec with located issues", () => {
    let rendered = 0;
    fc.assert(
      fc.property(specArbitrary, (spec) => {
        const text = stringify(spec);
        let first;
        try {
          first = renderFromSpecText(text, "gen.yaml");
        } catch (e) {
          expect(e).toBeInstanceOf(SpecError);
          for (const issue of (e as SpecError).issues) {
            expect(issue.line, issue.path).toBeGreaterThan(0);
            expect(issue.expected.length).toBeGreaterThan(0);
          }
          return;
        }
        rendered++;
        const second = renderFromSpecText(text, "gen.yaml");
        expect([...second.files.entries()]).toEqual([...first.files.entries()]);
        // Every hard anti-affinity set fits the nodes: the feasibility check let it through.
        const nodes = spec.cluster.zones.length * spec.nodePool.nodesPerZone;
        expect(spec.prometheus.replicas * first.sizing.prometheus.shards).toBeLessThanOrEqual(nodes);
      }),
      { numRuns: 150, seed: 42 },
    );
    // The generator must exercise both outcomes, or the property says little.
    expect(rendered).toBeGreaterThan(10);
  });
});
