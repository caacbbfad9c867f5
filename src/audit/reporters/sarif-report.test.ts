/**
 * The SARIF output validates against the SARIF 2.1.0 JSON schema. The schema comes from the npm
 * package @microsoft/sarif-matcher-utils (lib/schemas/sarif-2.1.0-rtm.5.json: the 2.1.0 schema as
 * published to SchemaStore, draft-04); it is read offline and checked with ajv.
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { auditManifests } from "../../pipeline/audit-manifests.js";
import { RULES } from "../catalog.js";
import { sarifLog } from "./sarif-report.js";

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS: under NodeNext its default export is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv,
) => Ajv;

function sarifValidator() {
  const path = require.resolve("@microsoft/sarif-matcher-utils/lib/schemas/sarif-2.1.0-rtm.5.json");
  const schema = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  // draft-04 → what ajv 8 reads: `id` becomes `$id`; no keyword of the schema differs otherwise
  // (it uses no boolean exclusiveMinimum/Maximum, checked below).
  expect(JSON.stringify(schema)).not.toMatch(/"exclusive(Minimum|Maximum)"\s*:\s*(true|false)/);
  const { id, $schema: _draft, ...rest } = schema;
  // unicodeRegExp off: the schema's language pattern `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$` is not valid with the u flag.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ ...rest, $id: String(id) });
}

const TRIGGER = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: grafana, namespace: monitoring, annotations: { hamon.io/ignore: HAMON-SCHED-003, hamon.io/ignore-reason: "one tenant cluster" } }
spec:
  selector: { matchLabels: { app: grafana } }
  template:
    metadata: { labels: { app: grafana } }
    spec: { containers: [{ name: grafana, image: grafana/grafana:11.2.0, env: [{ name: GF_SECURITY_ADMIN_PASSWORD, value: admin }] }] }
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: { name: gp2 }
provisioner: kubernetes.io/aws-ebs
`;

describe("SARIF report", () => {
  const validate = sarifValidator();
  const result = auditManifests([{ file: "dir with space/grafana.yaml", text: TRIGGER }]);
  const log = sarifLog(result, "0.1.0");

  it("validates against the SARIF 2.1.0 schema", () => {
    const ok = validate(JSON.parse(JSON.stringify(log)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("the validator does reject a broken log (the test can fail)", () => {
    const broken = JSON.parse(JSON.stringify(log));
    broken.runs[0].results[0].level = "fatal";
    expect(validate(broken)).toBe(false);
    delete broken.version;
    expect(validate(broken)).toBe(false);
  });

  it("carries every finding with its rule, level, file and line; suppressed ones as suppressed", () => {
    const results = log.runs[0]?.results ?? [];
    expect(results.length).toBe(result.findings.length + result.suppressed.length);
    const errors = results.filter((r) => r.level === "error").map((r) => r.ruleId);
    expect(errors.sort()).toEqual(["HAMON-HA-001", "HAMON-SEC-001"]);
    const warnings = results.filter((r) => r.level === "warning" && !("suppressions" in r)).map((r) => r.ruleId);
    expect(warnings.sort()).toEqual(["HAMON-GRAFANA-001", "HAMON-NETPOL-003", "HAMON-PSS-002", "HAMON-STORAGE-001"]);
    const suppressed = results.filter((r) => "suppressions" in r);
    expect(suppressed.map((r) => r.ruleId)).toEqual(["HAMON-SCHED-003"]);
    expect(JSON.stringify(suppressed[0])).toContain("one tenant cluster");
    const uri = results[0]?.locations[0]?.physicalLocation.artifactLocation.uri;
    expect(uri).toBe("dir%20with%20space/grafana.yaml");
    expect(log.runs[0]?.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
  });

  it("gives each rule its documentation as help: what, why, sources, severity, fix and the page", () => {
    for (const [i, r] of RULES.entries()) {
      const d = log.runs[0]?.tool.driver.rules[i];
      expect(d?.fullDescription.text).toBe(r.what);
      for (const part of [r.why.split("\n")[0]!, r.sources[0]!.url, r.severityReason, r.fix, `docs/rules/${r.id}.md`])
        expect(d?.help.text).toContain(part);
      expect(d?.help.markdown).toContain(`](${r.sources[0]!.url})`);
    }
  });
});

describe("SARIF related locations", () => {
  const validate = sarifValidator();
  // Two Grafana replicas whose grafana.ini (a Secret's stringData) sets SQLite: line 2 of the file, line 19 of the input.
  const text = `apiVersion: apps/v1
kind: Deployment
metadata: { name: grafana, namespace: monitoring }
spec:
  replicas: 2
  selector: { matchLabels: { app: grafana } }
  template:
    metadata: { labels: { app: grafana } }
    spec:
      containers: [{ name: grafana, image: grafana/grafana:11.2.0 }]
      volumes: [{ name: ini, secret: { secretName: grafana-ini } }]
---
apiVersion: v1
kind: Secret
metadata: { name: grafana-ini, namespace: monitoring }
stringData:
  grafana.ini: |
    [database]
    type = sqlite3
`;
  const result = auditManifests([{ file: "stack.yaml", text }]);
  const log = sarifLog(result, "0.1.0");
  const grafana = log.runs[0]?.results.find((r) => r.ruleId === "HAMON-GRAFANA-001");

  it("carry the config file's place: the key's line plus the line inside the literal block", () => {
    expect(grafana?.relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: { artifactLocation: { uri: "stack.yaml" }, region: { startLine: 19 } },
        logicalLocations: [{ fullyQualifiedName: "monitoring/Secret/grafana-ini", kind: "resource" }],
        message: {
          text: "Fix in Secret monitoring/grafana-ini key grafana.ini line 2 (stack.yaml:19): [database] type = sqlite3: set a shared PostgreSQL or MySQL here",
        },
      },
    ]);
    expect(grafana?.locations[0]?.physicalLocation.region.startLine).toBe(1);
  });

  it("still validate against the SARIF 2.1.0 schema, and a broken one is refused", () => {
    expect(validate(JSON.parse(JSON.stringify(log)))).toBe(true);
    const broken = JSON.parse(JSON.stringify(log));
    const r = broken.runs[0].results.find((x: { ruleId: string }) => x.ruleId === "HAMON-GRAFANA-001");
    r.relatedLocations[0].id = "first";
    expect(validate(broken)).toBe(false);
  });
});
