/**
 * The rendered rules and dashboards against real components: Debian's prometheus-node-exporter
 * and Prometheus 2.42 on loopback, loaded with every PrometheusRule the render emits and scraping
 * node-exporter under the labels the render's node-exporter ServiceMonitor gives it.
 *
 * Proven here: every rule file passes `promtool check rules`; every rule evaluates without error;
 * every PromQL expression of every panel of every rendered dashboard is accepted by Prometheus'
 * query API; the node dashboard's panels return data from the real node-exporter. Statically,
 * with Prometheus' Lezer grammar: every expression parses, and every metric it reads is exposed
 * by a target the render scrapes or recorded by a rendered rule.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { renderFromSpecText, type RenderResult } from "../src/pipeline/render-pipeline.js";
import { EXAMPLE_SPEC_YAML } from "../src/spec/example.js";
import { stackNames } from "../src/render/stack-facts.js";
import { waitFor } from "../src/lab/readiness.js";
import { NODES_DASHBOARD_UID } from "../src/render/components/dashboards/nodes.js";
import { loopbackProcesses, type LoopbackPrometheus } from "./support/loopback-prometheus.js";
import { promqlSyntax } from "./support/promql-syntax.js";
import { view, type Json } from "./support/rendered.js";
import {
  panelExprs,
  renderedDashboardJson,
  renderedRuleFiles,
  withVariables,
  type PanelExpr,
} from "./support/rendered-monitoring.js";
import { requiredBinary } from "./support/required-binary.js";
import { tempDirs } from "./support/temp-dirs.js";
import { exposedBy } from "./support/target-metrics.js";

const run = promisify(execFile);
const prometheusBinary = requiredBinary("prometheus");
const promtool = requiredBinary("promtool");
const nodeExporterBinary = requiredBinary("node-exporter");

/** The node name the kubelet would give the test's one node-exporter pod. */
const NODE = "test-node-1";
/**
 * What Grafana substitutes for the dashboards' variables: $__rate_interval is at least four
 * scrape intervals (grafana.com/docs/grafana/latest/datasources/prometheus/template-variables/),
 * 4 × 1s here, rounded up so a couple of scrapes always fall inside; `node` is the one node,
 * `namespace` is "All" (the variables' allValue).
 */
const VARIABLES = { __rate_interval: "15s", __interval: "15s", node: NODE, namespace: ".*" };

const defaultRender = renderFromSpecText(EXAMPLE_SPEC_YAML, "hamon.yaml");

function allExprs(result: RenderResult): PanelExpr[] {
  return renderedDashboardJson(result).flatMap(panelExprs);
}

/** A rule file as the operator mounts it: the PrometheusRule's groups. */
const ruleFileTexts = (result: RenderResult) =>
  renderedRuleFiles(result).map((r) => ({ name: r.name, text: stringify({ groups: r.groups }) }));

/**
 * The same for the loopback Prometheus, every group on its 1s global interval: a group's own
 * `interval` (say 1m) would delay its first evaluation by up to that long, and what is proven
 * here is that each expression evaluates, not when.
 */
const everySecond = (result: RenderResult) =>
  renderedRuleFiles(result).map((r) => ({
    name: r.name,
    text: stringify({ groups: r.groups.map((g) => ({ ...g, interval: undefined })) }),
  }));

const recordedBy = (result: RenderResult) =>
  new Set(
    renderedRuleFiles(result).flatMap((f) =>
      f.groups.flatMap((g) => g.rules.flatMap((r) => (r.record ? [r.record] : []))),
    ),
  );

/** Metrics a render's dashboards read that no scraped target exposes and no rendered rule records. */
function unexposedMetrics(result: RenderResult): string[] {
  const recorded = recordedBy(result);
  const missing: string[] = [];
  for (const e of allExprs(result)) {
    for (const metric of promqlSyntax(withVariables(e.expr, VARIABLES)).metrics) {
      if (!recorded.has(metric) && exposedBy(result.spec, metric).length === 0)
        missing.push(`${e.dashboard} / ${e.panel}: ${metric}`);
    }
  }
  return missing;
}

describe("rendered dashboards, read statically", () => {
  it("renders the four dashboards, each with panels that query", () => {
    const dashboards = renderedDashboardJson(defaultRender);
    expect(dashboards.map((d) => d.uid).sort()).toEqual([
      "hamon-cluster",
      "hamon-ha-health",
      "hamon-nodes",
      "hamon-workloads",
    ]);
    for (const d of dashboards) expect(panelExprs(d).length, d.uid).toBeGreaterThan(3);
  });

  it("has every panel expression parse with Prometheus' grammar (lezer-promql)", () => {
    const exprs = allExprs(defaultRender);
    const broken = exprs.filter((e) => promqlSyntax(withVariables(e.expr, VARIABLES)).errorsAt.length > 0);
    expect(broken).toEqual([]);
    // The grammar does find errors: the check is not vacuous.
    expect(promqlSyntax("sum(rate(node_load1[5m])").errorsAt.length).toBeGreaterThan(0);
  });

  it("reads only metrics a scraped target exposes or a rendered rule records", () => {
    expect(unexposedMetrics(defaultRender)).toEqual([]);
  });

  it("drops the dashboards and panels of targets that are off, and their recording rules", () => {
    const off = renderFromSpecText(
      `${EXAMPLE_SPEC_YAML}\ntargets:\n  nodeExporter: false\n  kubelet: false\n  apiServer: false\n  coreDns: { enabled: false }\n`,
      "hamon.yaml",
    );
    expect(
      renderedDashboardJson(off)
        .map((d) => d.uid)
        .sort(),
    ).toEqual(["hamon-cluster", "hamon-ha-health"]);
    const metrics = allExprs(off).flatMap((e) => promqlSyntax(withVariables(e.expr, VARIABLES)).metrics);
    expect(metrics.filter((m) => /^(node_|container_|apiserver_|coredns_|instance:node_)/.test(m))).toEqual([]);
    expect(metrics.some((m) => m.startsWith("kube_"))).toBe(true);
    expect(unexposedMetrics(off)).toEqual([]);
    // Below phase 3 there is no Grafana, so no dashboards and no recording rules for them.
    const phase2 = renderFromSpecText(EXAMPLE_SPEC_YAML.replace(/^phase: 4/m, "phase: 2"), "hamon.yaml");
    expect(renderedDashboardJson(phase2)).toEqual([]);
    expect(recordedBy(phase2).size).toBe(0);
  });
});

/**
 * The scrape config the Prometheus Operator would write for the render's node-exporter
 * ServiceMonitor, pointed at the loopback node-exporter: `job` is the Service's name, the target
 * carries namespace, service, endpoint, pod and container, and the monitor's relabeling puts the
 * node's name in `instance` (prometheus-operator Documentation/api-reference/api.md, Endpoint).
 */
function nodeExporterScrapeConfig(result: RenderResult, address: string): Record<string, unknown> {
  const names = stackNames(result.spec);
  const v = view(result);
  const monitor = v.one("ServiceMonitor", names.nodeExporter);
  const service = v
    .byKind("Service")
    .find(
      (s: Json) =>
        s.metadata.namespace === monitor.metadata.namespace &&
        Object.entries(monitor.spec.selector.matchLabels as Record<string, string>).every(
          ([k, val]) => s.metadata.labels?.[k] === val,
        ),
    );
  if (!service) throw new Error("no Service for the node-exporter ServiceMonitor");
  const endpoint = (monitor.spec.endpoints as Json[])[0]!;
  const relabelsInstanceToNode = ((endpoint.relabelings ?? []) as Json[]).some(
    (r) => r.targetLabel === "instance" && (r.sourceLabels as string[]).includes("__meta_kubernetes_pod_node_name"),
  );
  expect(relabelsInstanceToNode, "the node-exporter monitor names instances by node").toBe(true);
  return {
    job_name: service.metadata.name,
    static_configs: [
      {
        targets: [address],
        labels: {
          namespace: monitor.metadata.namespace,
          service: service.metadata.name,
          endpoint: endpoint.port,
          pod: `${names.nodeExporter}-abcde`,
          container: "node-exporter",
        },
      },
    ],
    relabel_configs: [{ target_label: "instance", replacement: NODE }],
  };
}

interface ApiRule {
  name: string;
  health: string;
  lastError?: string;
  lastEvaluation: string;
}

async function apiRules(prometheus: LoopbackPrometheus): Promise<ApiRule[]> {
  const body = (await (await fetch(`${prometheus.url}/api/v1/rules`)).json()) as {
    data: { groups: Array<{ rules: ApiRule[] }> };
  };
  return body.data.groups.flatMap((g) => g.rules);
}

async function query(
  prometheus: LoopbackPrometheus,
  expr: string,
): Promise<{ status: string; error?: string; result: unknown[] }> {
  const response = await fetch(`${prometheus.url}/api/v1/query?${new URLSearchParams({ query: expr })}`);
  const body = (await response.json()) as { status: string; error?: string; data?: { result: unknown[] } };
  return { status: body.status, ...(body.error ? { error: body.error } : {}), result: body.data?.result ?? [] };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(prometheusBinary.skip || promtool.skip || nodeExporterBinary.skip)(
  "rendered rules and dashboards on a real Prometheus 2.42 scraping a real node-exporter",
  () => {
    const processes = loopbackProcesses();
    const rules = ruleFileTexts(defaultRender);
    const newDir = tempDirs("hamon-rendered-rules-");
    const ruleCount = renderedRuleFiles(defaultRender).flatMap((f) => f.groups.flatMap((g) => g.rules)).length;
    let prometheus: LoopbackPrometheus;

    beforeAll(async () => {
      const address = await processes.nodeExporter(nodeExporterBinary.path);
      prometheus = await processes.prometheus(prometheusBinary.path, everySecond(defaultRender), [
        nodeExporterScrapeConfig(defaultRender, address),
      ]);
      // A few scrape and evaluation cycles (1s each) before the first queries.
      await sleep(4_000);
    }, 60_000);

    it("loads every rendered PrometheusRule, each passing promtool check rules", async () => {
      expect(rules.map((r) => r.name)).toContain("hamon-dashboards");
      const dir = newDir();
      for (const rule of rules) {
        const file = join(dir, `${rule.name}.rules.yaml`);
        writeFileSync(file, rule.text);
        // promtool exits non-zero (execFile rejects) on any problem and reports SUCCESS per file.
        const { stdout, stderr } = await run(promtool.path, ["check", "rules", file]);
        expect(`${stdout}${stderr}`, file).toMatch(/SUCCESS: \d+ rules found/);
        // Lint findings (duplicate records, …) print FAILED with exit 0.
        expect(`${stdout}${stderr}`, file).not.toMatch(/FAILED/);
      }
    });

    it("evaluates every rule without error", async () => {
      const evaluated = (rules: ApiRule[]) => rules.every((r) => !r.lastEvaluation.startsWith("0001"));
      await waitFor(async () => evaluated(await apiRules(prometheus)), {
        what: "every rule to be evaluated once",
        timeoutMs: 20_000,
        intervalMs: 500,
      });
      await sleep(3_000); // a few more evaluation cycles, with more samples behind each rate
      const loaded = await apiRules(prometheus);
      expect(loaded.length).toBe(ruleCount);
      const failing = loaded.filter((r) => r.health !== "ok").map((r) => `${r.name}: ${r.health} ${r.lastError ?? ""}`);
      expect(failing).toEqual([]);
    });

    it("answers every panel expression of every dashboard", async () => {
      const exprs = allExprs(defaultRender);
      expect(exprs.length).toBeGreaterThan(40);
      const failed: string[] = [];
      for (const e of exprs) {
        const answer = await query(prometheus, withVariables(e.expr, VARIABLES));
        if (answer.status !== "success") failed.push(`${e.dashboard} / ${e.panel}: ${answer.error}`);
      }
      expect(failed).toEqual([]);
    });

    it("returns data for every panel of the node dashboard from the real node-exporter", async () => {
      const nodes = renderedDashboardJson(defaultRender).find((d) => d.uid === NODES_DASHBOARD_UID)!;
      const empty: string[] = [];
      // Rates and the recorded series need two scrapes or evaluations: give each a few seconds more.
      for (const e of panelExprs(nodes)) {
        const hasData = await waitFor(
          async () => (await query(prometheus, withVariables(e.expr, VARIABLES))).result.length > 0,
          { what: `data for ${e.panel}`, timeoutMs: 20_000, intervalMs: 500 },
        ).catch(() => false);
        if (!hasData) empty.push(`${e.panel}: ${e.expr}`);
      }
      expect(empty).toEqual([]);
      // The node variable's own query (label_values(metric, label), as Grafana runs it) lists the node.
      const variable = (nodes.json.templating.list as Json[]).find((v) => v.name === "node")!;
      const [, metric, label] = /^label_values\((.+), (\w+)\)$/.exec(String(variable.query))!;
      const params = new URLSearchParams({ "match[]": metric! });
      const values = (await (await fetch(`${prometheus.url}/api/v1/label/${label}/values?${params}`)).json()) as {
        data: string[];
      };
      expect(values.data).toEqual([NODE]);
    });
  },
);
