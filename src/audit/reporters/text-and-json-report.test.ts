import { describe, expect, it } from "vitest";
import { auditManifests } from "../../pipeline/audit-manifests.js";
import { auditExitCode } from "../run-audit.js";
import { formatJson } from "./json-report.js";
import { formatText } from "./text-report.js";

const TWO_OBJECTS = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: { name: gp2 }
provisioner: kubernetes.io/aws-ebs
---
# Grafana, one replica on SQLite, a priority class suppressed with a reason.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: grafana
  namespace: monitoring
  annotations: { hamon.io/ignore: "hamon-sched-003", hamon.io/ignore-reason: "lab cluster" }
spec:
  template:
    metadata: { labels: { app: grafana } }
    spec: { containers: [{ name: grafana, image: grafana/grafana:11.2.0 }] }
`;

describe("JSON report", () => {
  const result = auditManifests([{ file: "m.yaml", text: TWO_OBJECTS }]);
  const report = JSON.parse(formatJson(result));

  it("has exactly the shape other tools depend on", () => {
    expect(Object.keys(report).sort()).toEqual(["findings", "summary"]);
    for (const f of report.findings) {
      expect(Object.keys(f).sort()).toEqual(["file", "fix", "line", "message", "object", "rule", "severity"]);
      expect(Object.keys(f.object).sort()).toEqual(["kind", "name", "namespace"]);
    }
  });

  it("locates findings at the object's line, namespace null when cluster-scoped", () => {
    const sc = report.findings.find((f: { object: { kind: string } }) => f.object.kind === "StorageClass");
    expect(sc).toMatchObject({
      rule: "HAMON-STORAGE-001",
      severity: "warning",
      file: "m.yaml",
      line: 1,
      object: { name: "gp2", namespace: null },
    });
    const ha = report.findings.find((f: { rule: string }) => f.rule === "HAMON-HA-001");
    expect(ha).toMatchObject({
      severity: "error",
      line: 7,
      object: { kind: "Deployment", name: "grafana", namespace: "monitoring" },
    });
  });

  it("leaves suppressed findings out, counts them, and exits 1 on the remaining error", () => {
    expect(report.findings.map((f: { rule: string }) => f.rule)).not.toContain("HAMON-SCHED-003");
    // 4 warnings: HAMON-STORAGE-001, HAMON-GRAFANA-001, and Grafana's namespace without default deny (NETPOL-003) and pod short of "restricted" (PSS-002).
    expect(report.summary).toMatchObject({ error: 1, warning: 4, info: 0, suppressed: 1, objects: 2, files: 1 });
    expect(auditExitCode(result)).toBe(1);
  });
});

describe("text report", () => {
  const result = auditManifests([{ file: "m.yaml", text: TWO_OBJECTS }]);

  it("groups by object with file:line, no colour unless asked", () => {
    const text = formatText(result, { color: false, verbose: false });
    expect(text).not.toContain("\u001b[");
    expect(text).toContain("StorageClass gp2  m.yaml:1");
    expect(text).toContain("Deployment monitoring/grafana  m.yaml:7");
    expect(text.indexOf("HAMON-GRAFANA-001")).toBeGreaterThan(text.indexOf("Deployment monitoring/grafana"));
    expect(text).toMatch(/1 error, 4 warnings, 0 info, 1 suppressed \(--verbose to list\)/);
    expect(text).not.toContain("lab cluster");
  });

  it("shows suppressed findings and their reason with --verbose, colour when asked", () => {
    const text = formatText(result, { color: true, verbose: true });
    expect(text).toContain("\u001b[31m");
    expect(text).toContain("HAMON-SCHED-003");
    expect(text).toContain("reason: lab cluster");
  });

  it("exits 0 when only warnings remain", () => {
    const onlyWarning = auditManifests([{ file: "sc.yaml", text: TWO_OBJECTS.split("---")[0] as string }]);
    expect(onlyWarning.findings.map((f) => f.severity)).toEqual(["warning"]);
    expect(auditExitCode(onlyWarning)).toBe(0);
  });
});

/** Two Grafana replicas whose grafana.ini, in a ConfigMap, sets SQLite at line 3 of the file (line 22 of the input). */
const INI_IN_CONFIGMAP = `apiVersion: apps/v1
kind: Deployment
metadata: { name: grafana, namespace: monitoring }
spec:
  replicas: 2
  selector: { matchLabels: { app: grafana } }
  template:
    metadata: { labels: { app: grafana } }
    spec:
      containers:
        - name: grafana
          image: grafana/grafana:11.2.0
          volumeMounts: [{ name: config, mountPath: /etc/grafana }]
      volumes: [{ name: config, configMap: { name: grafana-config } }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: grafana-config, namespace: monitoring }
data:
  grafana.ini: |
    [database]
    # the default, written out
    type = sqlite3
`;

describe("a finding caused by an embedded config file", () => {
  const result = auditManifests([{ file: "stack.yaml", text: INI_IN_CONFIGMAP }]);
  const grafana = result.findings.find((f) => f.rule === "HAMON-GRAFANA-001");

  it("keeps its primary location on the workload and adds the ConfigMap's key and line", () => {
    expect(grafana).toMatchObject({ object: { kind: "Deployment", name: "grafana" }, source: { line: 1 } });
    expect(grafana?.related).toEqual([
      {
        file: "stack.yaml",
        line: 23,
        object: { apiVersion: "v1", kind: "ConfigMap", name: "grafana-config", namespace: "monitoring" },
        key: "grafana.ini",
        lineInKey: 3,
        message: "[database] type = sqlite3: set a shared PostgreSQL or MySQL here",
      },
    ]);
  });

  it("text names it under the fix", () => {
    const text = formatText(result, { color: false, verbose: false });
    expect(text).toContain(
      "          fix in: ConfigMap monitoring/grafana-config key grafana.ini line 3 (stack.yaml:23): [database] type = sqlite3: set a shared PostgreSQL or MySQL here",
    );
  });

  it("JSON carries it as related, and only on findings the file causes", () => {
    const report = JSON.parse(formatJson(result));
    const f = report.findings.find((x: { rule: string }) => x.rule === "HAMON-GRAFANA-001");
    expect(f.related).toEqual([
      {
        file: "stack.yaml",
        line: 23,
        object: { kind: "ConfigMap", name: "grafana-config", namespace: "monitoring" },
        key: "grafana.ini",
        lineInKey: 3,
        message: "[database] type = sqlite3: set a shared PostgreSQL or MySQL here",
      },
    ]);
    // Grafana's rules all read grafana.ini (GRAFANA-002: no ha_peers there either); the rest do not.
    const others = report.findings.filter((x: { rule: string }) => !x.rule.startsWith("HAMON-GRAFANA-"));
    expect(others.length).toBeGreaterThan(0);
    for (const o of others) expect(o).not.toHaveProperty("related");
  });

  it("is left out when a GF_ variable sets the value (the fix is the env, on the workload)", () => {
    const withEnv = INI_IN_CONFIGMAP.replace(
      "          image: grafana/grafana:11.2.0\n",
      "          image: grafana/grafana:11.2.0\n          env: [{ name: GF_DATABASE_TYPE, value: sqlite3 }]\n",
    );
    const f = auditManifests([{ file: "stack.yaml", text: withEnv }]).findings.find(
      (x) => x.rule === "HAMON-GRAFANA-001",
    );
    expect(f).toBeDefined();
    expect(f?.related).toBeUndefined();
  });
});
