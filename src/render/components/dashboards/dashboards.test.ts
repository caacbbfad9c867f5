/** What the dashboards show, derived from the spec: which rows exist and the counts they expect. */
import { describe, expect, it } from "vitest";
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import { exampleStack, exampleVariant } from "../../../../test/support/example-stack.js";
import { EXAMPLE_DATABASE_YAML } from "../../../spec/example.js";
import { withLine } from "../../../../test/support/rendered.js";
import { clusterOverviewDashboard } from "./cluster-overview.js";
import { haHealthDashboard } from "./ha-health.js";
import { nodesDashboard } from "./nodes.js";
import { renderedDashboards } from "./index.js";
import { scrapeJobs } from "./scrape-jobs.js";

const { spec, sizing } = exampleStack().render;

const rowTitles = (d: Dashboard) => (d.panels ?? []).filter((p) => p.type === "row").map((p) => p.title);
const descriptions = (d: Dashboard) =>
  (d.panels ?? []).map((p) => ("description" in p ? (p.description ?? "") : "")).join("\n");
const exprs = (d: Dashboard) =>
  (d.panels ?? []).flatMap((p) =>
    ("targets" in p ? (p.targets ?? []) : []).map((t) => (t as unknown as { expr: string }).expr),
  );

describe("the dashboards", () => {
  it("renders the four at phase 3 and 4 with every target on, none below phase 3", () => {
    expect(renderedDashboards(spec, sizing).map((d) => d.file)).toEqual([
      "cluster-overview.json",
      "nodes.json",
      "workloads.json",
      "ha-health.json",
    ]);
    const phase2 = exampleVariant(withLine("phase: 4", "phase: 2")).render;
    expect(renderedDashboards(phase2.spec, phase2.sizing)).toEqual([]);
  });

  it("drops the workloads dashboard when either of its sources is off", () => {
    const noKsm = exampleVariant((y) => `${y}\ntargets: { kubeStateMetrics: false }\n`).render;
    expect(renderedDashboards(noKsm.spec, noKsm.sizing).map((d) => d.file)).toEqual([
      "cluster-overview.json",
      "nodes.json",
      "ha-health.json",
    ]);
    expect(rowTitles(clusterOverviewDashboard(noKsm.spec))).not.toContain("Nodes and pods");
  });

  it("gives the cluster overview a row per source that is on", () => {
    expect(rowTitles(clusterOverviewDashboard(spec))).toEqual([
      "Targets",
      "Nodes and pods",
      "Node resources used",
      "Containers",
      "API server",
      "CoreDNS",
    ]);
  });

  it("selects node-exporter by its job and lists nodes by name", () => {
    const nodes = nodesDashboard(spec);
    const job = `job="${scrapeJobs(spec).nodeExporter}"`;
    expect(nodes.templating?.list?.[0]?.query).toBe(`label_values(node_uname_info{${job}}, instance)`);
    for (const expr of exprs(nodes)) expect(expr).toContain(job);
  });

  it("writes the HA health dashboard's expected counts from the spec", () => {
    const base = haHealthDashboard(spec, sizing);
    expect(descriptions(base)).toContain("Each should see all 3:");
    expect(rowTitles(base)).toEqual([
      "Prometheus HA pairs",
      "Thanos",
      "Alertmanager",
      "Grafana",
      "PostgreSQL (Grafana's database)",
    ]);
    const five = exampleVariant(
      withLine("replicas: 3                # any", "replicas: 5                # any"),
    ).render;
    expect(descriptions(haHealthDashboard(five.spec, five.sizing))).toContain("Each should see all 5:");
  });

  it("shows PostgreSQL only when hamon renders it (CloudNativePG)", () => {
    const external = exampleVariant((y) =>
      y.replace(EXAMPLE_DATABASE_YAML, "database: { type: external, host: db.example.com, secretName: grafana-db }"),
    ).render;
    expect(rowTitles(haHealthDashboard(external.spec, external.sizing))).not.toContain(
      "PostgreSQL (Grafana's database)",
    );
  });
});
