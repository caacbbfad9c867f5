/**
 * hamon render never hands out what its own audit rejects: every generated spec, including
 * absurd and malformed values, either fails with located spec issues (exit 2), or renders
 * manifests that validate against their schemas and that the audit finds no error in.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { stringify } from "yaml";
import { SpecError } from "../spec/load.js";
import { renderFromSpecText } from "./render-pipeline.js";
import { inventoryFromRender } from "../inventory/inventory-from-render.js";
import { runAudit } from "../audit/run-audit.js";

/** Mostly a sensible value, sometimes an edge or wrong one: enough specs render to test the audit side. */
const usually = <T>(good: T[], odd: T[]) =>
  fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const specArbitrary = fc.record(
  {
    cluster: fc.record({
      name: usually(["c", "prod-eu"], ["Prod", "a".repeat(64)]),
      zones: fc.oneof(
        {
          weight: 20,
          arbitrary: fc.uniqueArray(fc.constantFrom("a", "b", "c", "eu-west-1a"), { minLength: 1, maxLength: 4 }),
        },
        { weight: 1, arbitrary: fc.constantFrom(["a", "zone b"], [""], ["a", "a"]) },
      ),
    }),
    namespace: optional(
      usually(["monitoring", "obs"], ["kube-system", "default", "kube-public", "kube-node-lease", "Mon"]),
    ),
    phase: fc.integer({ min: 1, max: 4 }),
    storage: fc.record({ provisioner: usually(["ebs.csi.aws.com", "pd.csi.storage.gke.io"], ["not a name"]) }),
    nodePool: fc.record({
      nodesPerZone: fc.integer({ min: 1, max: 4 }),
      cpu: optional(usually(["4", "8", "64"], ["1m", "500m", "0", "1e30"])),
      memory: optional(usually(["8Gi", "32Gi", "128Gi"], ["1Mi", "2Gi", "1e30"])),
      labels: optional(
        usually<Record<string, string>>(
          [{ "hamon.io/pool": "monitoring" }, { pool: "" }],
          [{ "bad key!": "x" }, { "hamon.io/pool": "has space" }, { "/x": "y" }],
        ),
      ),
      taint: optional(
        usually<Record<string, string> | null>(
          [null, { key: "dedicated", value: "monitoring" }, { key: "k" }],
          [{ key: "bad key", value: "v" }],
        ),
      ),
    }),
    objectStorage: optional(fc.record({ secretName: usually(["thanos-objstore", "a.b-c"], ["Bad_Name"]) })),
    workload: fc.record({
      activeSeries: fc.integer({ min: 1, max: 20_000_000 }),
      scrapeInterval: fc.constantFrom("10s", "15s", "30s", "1m"),
      localRetention: usually(["6h", "2d", "15d", "1y"], ["100y"]),
      longTermRetention: optional(
        fc.record({
          raw: usually(["40h", "30d"], ["0s", "1d", "300y"]),
          fiveMinutes: usually(["10d", "180d"], ["0s", "9d"]),
          oneHour: usually(["1d", "2y", "292y"], ["0s"]),
        }),
      ),
    }),
    prometheus: fc.record({
      replicas: fc.integer({ min: 2, max: 4 }),
      shards: fc.oneof(fc.constant("auto"), fc.integer({ min: 1, max: 6 })),
      storageSize: optional(usually(["50Gi"], ["0", "1Mi", "100Ti"])),
      resources: optional(
        usually<Record<string, string>>(
          [{ cpu: "2" }, { memory: "16Gi" }],
          [{ cpu: "1000" }, { cpu: "1m", memory: "1Ti" }],
        ),
      ),
    }),
    alertmanager: fc.record({ replicas: fc.integer({ min: 2, max: 6 }) }),
    thanos: fc.record({
      store: fc.record({ shards: fc.integer({ min: 1, max: 4 }), replicas: fc.integer({ min: 2, max: 3 }) }),
      compact: optional(fc.record({ storageSize: usually(["100Gi"], ["1Gi", "65Ti"]) })),
    }),
    grafana: fc.record({
      replicas: fc.integer({ min: 2, max: 5 }),
      adminSecretName: optional(usually(["grafana-admin"], ["Admin Secret"])),
      database: fc.oneof(
        {
          weight: 10,
          arbitrary: fc.record({ type: fc.constant("cloudnativepg"), instances: fc.integer({ min: 2, max: 5 }) }),
        },
        {
          weight: 10,
          arbitrary: fc.record({
            type: fc.constant("external"),
            host: usually(
              ["db.example.com", "db.example.com:6543", "10.0.0.5:5433", "pg", "[fd00::1]:5433"],
              ["pg:notaport", "pg:0", "localhost:5432", "[::1]"],
            ),
            secretName: usually(["grafana-db"], ["Grafana DB"]),
          }),
        },
        { weight: 1, arbitrary: fc.record({ type: fc.constant("mysql") }) },
      ),
    }),
  },
  {
    requiredKeys: [
      "cluster",
      "phase",
      "storage",
      "nodePool",
      "workload",
      "prometheus",
      "alertmanager",
      "thanos",
      "grafana",
    ],
  },
);

/** Wording the house rules forbid in any message. */
const BAD_WORDING = /expected expected|\ba object\b|\ba int\b|found undefined|\(s\)|\b1 nodes\b|found -\d/;

describe("render of generated specs, through hamon's own audit", () => {
  it("either fails with located spec issues, or renders what validates and audits with no error", () => {
    let rendered = 0;
    let refused = 0;
    fc.assert(
      fc.property(specArbitrary, (spec) => {
        let result;
        try {
          result = renderFromSpecText(stringify(spec), "gen.yaml");
        } catch (e) {
          // Anything but a SpecError (a ManifestValidationError, a TypeError) is a bug: exit 3.
          expect(e).toBeInstanceOf(SpecError);
          refused++;
          const error = e as SpecError;
          expect(error.issues.length).toBeGreaterThan(0);
          for (const issue of error.issues) {
            expect(issue.line, issue.path).toBeGreaterThan(0);
            expect(issue.expected.length).toBeGreaterThan(0);
          }
          expect(error.message).not.toMatch(BAD_WORDING);
          return;
        }
        rendered++;
        const audit = runAudit(inventoryFromRender(result.files));
        expect(audit.ruleErrors).toEqual([]);
        expect(audit.findings.filter((f) => f.severity === "error").map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
      }),
      { numRuns: 200, seed: 11 },
    );
    // Both outcomes must be exercised, or the property says little.
    expect(rendered).toBeGreaterThan(15);
    expect(refused).toBeGreaterThan(50);
  });
});
