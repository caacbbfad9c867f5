/** hamon's own default render must audit clean of errors: the audit and the render agree on what HA means. */
import { describe, expect, it } from "vitest";
import { renderFromSpecText } from "../pipeline/render-pipeline.js";
import { EXAMPLE_DATABASE_YAML, EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { inventoryFromRender } from "../inventory/inventory-from-render.js";
import { runAudit } from "./run-audit.js";
import { flowAnalysisOf, requiredFlowMatrix } from "../netpol/required/flow-analysis.js";
import { exampleStack, exampleVariant } from "../../test/support/example-stack.js";

describe("audit of hamon's own render", () => {
  const {
    render: { files },
    inventory,
  } = exampleStack();
  const result = runAudit(inventory);

  it("reads every monitoring component of the render", () => {
    const components = new Set(inventory.podGroups.map((g) => g.component));
    for (const c of [
      "prometheus",
      "alertmanager",
      "thanos-query",
      "thanos-query-frontend",
      "thanos-store",
      "thanos-compact",
      "grafana",
      "postgresql",
    ]) {
      expect(components, c).toContain(c);
    }
    // Redis is off by default: Grafana's cache lives in its database.
    expect(components).not.toContain("redis");
  });

  it("has zero error-level findings", () => {
    expect(result.ruleErrors).toEqual([]);
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("names the render's files and lines in what it reads", () => {
    const prometheus = inventory.podGroups.find((g) => g.component === "prometheus");
    expect(prometheus?.owner.source).toEqual({ file: "prometheus/prometheus-hamon.yaml", line: 1 });
    expect(inventory.pdbs.every((p) => p.selects.length > 0)).toBe(true);
  });

  it("would catch the drift it exists to catch: Query deduplicating on another label than the CR's", () => {
    const drifted = new Map(files);
    const path = "thanos-query/deployment-thanos-query.yaml";
    drifted.set(
      path,
      (files.get(path) ?? "").replace("--query.replica-label=prometheus_replica", "--query.replica-label=replica"),
    );
    const findings = runAudit(inventoryFromRender(drifted)).findings;
    expect(findings.map((f) => f.rule)).toContain("HAMON-THANOS-001");
  });
});

describe("NetworkPolicies and Pod Security of hamon's own render, through the audit", () => {
  const {
    render: { files },
    inventory,
  } = exampleStack();
  const analysis = flowAnalysisOf(inventory);
  const findings = runAudit(inventory).findings;
  const rows = requiredFlowMatrix(analysis);
  const has = (from: string, to: string, port: string) =>
    rows.some((r) => r.from === from && r.to.startsWith(to) && r.port === port);

  it("derives the stack's flows from its configuration, and blocks none", () => {
    // What the render configures: Query's two --endpoint SRV names, the Frontend's downstream URL,
    // Grafana's datasource, database, identity provider and HA peers, users through the Ingress,
    // alerts, gossip, object storage, DNS, the API.
    for (const [from, to, port] of [
      ["Deployment monitoring/thanos-query", "Prometheus monitoring/hamon", "TCP/grpc"],
      ["Deployment monitoring/thanos-query", "StatefulSet monitoring/thanos-store-0", "TCP/grpc"],
      ["Deployment monitoring/thanos-query-frontend", "Deployment monitoring/thanos-query", "TCP/http"],
      ["Deployment monitoring/grafana", "Deployment monitoring/thanos-query-frontend", "TCP/http"],
      ["Deployment monitoring/grafana", "Cluster monitoring/grafana-db", "TCP/5432"],
      ["Deployment monitoring/grafana", "login.example.com (outside the cluster)", "TCP/443"],
      ["Deployment monitoring/grafana", "Deployment monitoring/grafana (another replica)", "UDP/alerting-udp"],
      ["ingress-nginx/route proxy (assumed)", "Deployment monitoring/grafana", "TCP/3000"],
      ["Prometheus monitoring/hamon", "Alertmanager monitoring/hamon", "TCP/web"],
      ["Alertmanager monitoring/hamon", "Alertmanager monitoring/hamon (another replica)", "UDP/9094"],
      ["StatefulSet monitoring/thanos-compact", "object storage (outside the cluster)", "TCP/443"],
      ["Prometheus monitoring/hamon", "object storage (outside the cluster)", "TCP/443"],
      ["Cluster monitoring/grafana-db", "the Kubernetes API server", "TCP/6443"],
      ["Deployment monitoring/grafana", "kube-system/cluster DNS (assumed)", "UDP/53"],
    ] as const) {
      expect(has(from, to, port), `${from} → ${to} ${port}`).toBe(true);
    }
    expect(analysis.flows.length).toBeGreaterThan(40);
    expect(analysis.blocked.map((j) => `${j.flow.why}: ${j.verdict.summary}`)).toEqual([]);
    expect(findings.filter((f) => f.rule === "HAMON-NETPOL-001")).toEqual([]);
  });

  it("needs every allow policy it renders: removing any one makes the audit report a blocked flow", () => {
    const policyFiles = [...files.keys()].filter((p) => /networkpolicy-allow-/.test(p));
    expect(policyFiles.length).toBeGreaterThanOrEqual(10);
    const harmless: string[] = [];
    for (const path of policyFiles) {
      const without = new Map(files);
      without.delete(path);
      const blocked = runAudit(inventoryFromRender(without)).findings.filter((f) => f.rule === "HAMON-NETPOL-001");
      if (blocked.length === 0) harmless.push(path);
      // node-exporter runs on the host network, where NetworkPolicy enforcement is undefined
      // (kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-and-hostnetwork-pods):
      // without its allow policy the scrape is blocked on the CNIs that enforce it, which the audit
      // says at info level, as uncertain. Every other policy's removal is an error.
      const hostNetwork = path.startsWith("node-exporter/");
      if (hostNetwork) {
        expect(
          blocked.map((f) => f.severity),
          path,
        ).toEqual(blocked.map(() => "info"));
        for (const f of blocked) expect(f.message).toContain("Uncertain");
      } else {
        expect(
          blocked.some((f) => f.severity === "error"),
          path,
        ).toBe(true);
      }
    }
    expect(harmless).toEqual([]);
  });

  it("removing the default deny is a warning, not a blocked flow", () => {
    const without = new Map(files);
    without.delete("network-policies/networkpolicy-default-deny.yaml");
    const after = runAudit(inventoryFromRender(without)).findings;
    expect(after.filter((f) => f.rule === "HAMON-NETPOL-003").map((f) => f.message)).toEqual([
      expect.stringContaining("namespace monitoring has 9 workload(s) but no default deny for Ingress and Egress"),
    ]);
    expect(after.filter((f) => f.rule === "HAMON-NETPOL-001")).toEqual([]);
  });

  it("reports no NetworkPolicy or Pod Security finding; the example's receivers use Alertmanager's egress", () => {
    expect(findings.filter((f) => f.rule.startsWith("HAMON-NETPOL") || f.rule.startsWith("HAMON-PSS"))).toEqual([]);
    // The example routes to PagerDuty, Slack and a heartbeat: the 443 egress is used, nothing suppressed.
    expect(runAudit(inventory).suppressed.filter((f) => f.rule === "HAMON-NETPOL-002")).toEqual([]);
  });

  // Without an alerting section, the rendered alertmanager.yaml has receivers `default` and `null`
  // without integrations, so nothing sends to 443 yet: the unused-rule check is suppressed on that
  // policy, once per address family, and says why.
  const noReceivers = exampleVariant((yaml) => yaml.replace(/\nalerting:[\s\S]*?\n\n/, "\n\n"));

  it("without receivers, Alertmanager's HTTPS egress is suppressed with its reason", () => {
    const suppressed = runAudit(noReceivers.inventory).suppressed.filter((f) => f.rule === "HAMON-NETPOL-002");
    expect(suppressed.map((f) => `${f.object.name}: ${f.message}`)).toEqual([
      "allow-alertmanager: monitoring/allow-alertmanager egress[1].to[0] allows traffic that no flow of the stack needs (no flow matches it)",
      "allow-alertmanager: monitoring/allow-alertmanager egress[1].to[1] allows traffic that no flow of the stack needs (no flow matches it)",
    ]);
    expect(suppressed.every((f) => f.reason?.includes("notification receivers you add"))).toBe(true);
  });

  it("uses that rule as soon as a receiver is configured", () => {
    const files = noReceivers.render.files;
    const withReceiver = new Map(files);
    const path = "alertmanager/secret-alertmanager-hamon.yaml";
    expect(files.get(path)).toContain("- name: default\n");
    withReceiver.set(
      path,
      (files.get(path) ?? "").replace(
        "- name: default\n",
        "- name: default\n        webhook_configs:\n          - url: https://hooks.example.com/alerts\n",
      ),
    );
    const after = runAudit(inventoryFromRender(withReceiver)).findings;
    expect(after.filter((f) => f.rule === "HAMON-NETPOL-002")).toEqual([]);
  });
});

describe("hamon's render with an external database, through the audit", () => {
  const from = EXAMPLE_DATABASE_YAML;
  const spec = EXAMPLE_SPEC_YAML.replace(
    from,
    "database: { type: external, host: 'db.example.com:5432', secretName: grafana-db }",
  );
  const { files } = renderFromSpecText(spec, "x");
  const inventory = inventoryFromRender(files);

  it("sends Grafana to the database outside the cluster, blocks no flow, and needs every allow policy", () => {
    expect(spec).not.toBe(EXAMPLE_SPEC_YAML);
    const rows = requiredFlowMatrix(flowAnalysisOf(inventory));
    expect(
      rows
        .filter((r) => r.from === "Deployment monitoring/grafana" && r.to.startsWith("db.example.com"))
        .map((r) => [r.port, r.allowed]),
    ).toEqual([
      ["TCP/5432", true],
      ["TCP/5432", true],
    ]);
    expect(runAudit(inventory).findings.filter((f) => f.severity === "error")).toEqual([]);
    const harmless = [...files.keys()]
      .filter((p) => /networkpolicy-allow-/.test(p))
      .filter((path) => {
        const without = new Map(files);
        without.delete(path);
        return !runAudit(inventoryFromRender(without)).findings.some((f) => f.rule === "HAMON-NETPOL-001");
      });
    expect(harmless).toEqual([]);
  });
});

describe("hamon's render with a Gateway route, an external MySQL and Redis on, through the audit", () => {
  const stack = exampleVariant((yaml) =>
    yaml
      .replace(
        EXAMPLE_DATABASE_YAML,
        "database: { type: external, engine: mysql, host: mysql.example.com, secretName: grafana-db }",
      )
      .replace(
        /\n {2}ingress:[\s\S]*?\n {2}oauth:/,
        "\n  ingress: { type: httproute, host: grafana.example.com, parentRefs: [{ name: public, namespace: gateways }], controller: { namespace: gateways } }\n  oauth:",
      )
      .replace("redis: { enabled: false }", "redis: { enabled: true }"),
  );
  const rows = requiredFlowMatrix(flowAnalysisOf(stack.inventory));
  const row = (from: string, to: string) =>
    rows.filter((r) => r.from === from && r.to.startsWith(to)).map((r) => [r.port, r.allowed]);

  it("derives users through the Gateway, MySQL on 3306 and the Redis cache, all allowed, with no finding", () => {
    expect(stack.view.byKind("HTTPRoute")).toHaveLength(1);
    expect(row("gateways/route proxy (assumed)", "Deployment monitoring/grafana")).toEqual([["TCP/3000", true]]);
    expect(row("users (outside the cluster)", "Deployment monitoring/grafana")).toEqual([]);
    expect(row("Deployment monitoring/grafana", "mysql.example.com")).toEqual([
      ["TCP/3306", true],
      ["TCP/3306", true],
    ]);
    expect(row("Deployment monitoring/grafana", "Deployment monitoring/grafana-redis")).toEqual([["TCP/redis", true]]);
    const findings = runAudit(stack.inventory).findings;
    expect(findings.filter((f) => f.severity !== "info").map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });
});
