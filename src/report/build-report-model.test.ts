import { describe, expect, it } from "vitest";
import { simulate } from "../simulate/simulate.js";
import { exampleStack } from "../../test/support/example-stack.js";
import { node } from "../../test/support/inventory-builder.js";
import { buildReportModel, NO_ZONE } from "./build-report-model.js";
import { renderHtmlReport } from "./html/render-html-report.js";

describe("buildReportModel", () => {
  const { inventory, nodes } = exampleStack();
  // The example's pool plus idle nodes, one of them without a zone label.
  const allNodes = [
    ...nodes,
    node("spare-a", "eu-west-1a"),
    node("spare-b", "eu-west-1b"),
    { ...node("edge", "x"), labels: { "kubernetes.io/hostname": "edge" } },
  ];
  const simulation = simulate(inventory, allNodes);
  const model = buildReportModel({
    title: "t",
    subject: "s",
    simulation,
    nodes: allNodes,
    inventory,
    findings: [],
    sizing: [],
    verdict: { ok: true, text: "ok" },
  });

  it("puts every placed pod on its node, in its zone, and counts idle nodes per zone", () => {
    const placed = simulation.placement.filter((p) => p.node !== null && !p.perNode);
    expect(model.zones.flatMap((z) => z.nodes.flatMap((n) => n.pods))).toHaveLength(placed.length);
    for (const p of placed) {
      const zone = model.zones.find((z) =>
        z.nodes.some((n) => n.name === p.node && n.pods.some((x) => x.name === p.pod)),
      );
      expect(zone?.name, p.pod).toBe(p.zone);
    }
    const idle = Object.fromEntries(model.zones.map((z) => [z.name, z.idleNodes]));
    expect(idle["eu-west-1a"]).toBeGreaterThanOrEqual(1);
    expect(idle[NO_ZONE]).toBe(1);
  });

  it("keeps every scenario and every component the simulation reports, in the stack's order", () => {
    expect(model.scenarios).toHaveLength(simulation.scenarios.length);
    expect(model.components[0]).toBe("prometheus");
    expect(new Set(model.components)).toEqual(new Set(simulation.scenarios[0]!.components.map((c) => c.component)));
  });

  it("tells guaranteed zone spread from node-only spread", () => {
    const spreads = new Map(model.worstCase.map((w) => [w.component, w.spread]));
    expect(spreads.get("postgresql")).toBe("zones");
    expect(spreads.get("grafana")).toBe("nodes");
  });

  it("renders as HTML with every scheduled pod's chip, and each DaemonSet as one line", () => {
    const html = renderHtmlReport(model);
    expect(html.match(/<li class="pod"/g)).toHaveLength(
      simulation.placement.filter((p) => p.node && !p.perNode).length,
    );
    // node-exporter tolerates every taint: one pod on each of the pool's nodes and the spare ones.
    expect(model.daemonSets).toEqual([
      {
        name: "hamon-node-exporter/node-exporter",
        component: "node-exporter",
        eligible: allNodes.length,
        placed: allNodes.length,
      },
    ]);
    expect(html).toContain(
      `DaemonSet <b>hamon-node-exporter/node-exporter</b> (node-exporter): one pod per node, on every eligible node (${allNodes.length})`,
    );
  });

  it("lists every ServiceMonitor and PodMonitor of the render, with the workload each reaches", () => {
    const monitors = inventory.objects.filter((o) => o.ref.kind === "ServiceMonitor" || o.ref.kind === "PodMonitor");
    expect(model.targets.map((t) => t.monitor)).toEqual(monitors.map((o) => `${o.ref.namespace}/${o.ref.name}`));
    const by = new Map(model.targets.map((t) => [t.monitor, t]));
    expect(by.get("hamon-node-exporter/node-exporter")).toMatchObject({
      component: "node-exporter",
      how: "ServiceMonitor → Service → DaemonSet",
      ports: "metrics",
      series: "≈500 per node (measured)",
    });
    expect(by.get("monitoring/kube-state-metrics")).toMatchObject({
      component: "kube-state-metrics",
      how: "ServiceMonitor → Service → Deployment",
      ports: "http-metrics, telemetry",
    });
    expect(by.get("monitoring/kubelet")).toMatchObject({
      how: "ServiceMonitor → Service → cluster endpoint in kube-system",
      ports: "https-metrics /metrics, https-metrics /metrics/cadvisor, https-metrics /metrics/probes",
    });
    expect(by.get("monitoring/prometheus")).toMatchObject({
      component: "prometheus",
      how: "ServiceMonitor → Service → Prometheus",
      series: "",
    });
    expect(by.get("monitoring/grafana-db")?.how).toBe("PodMonitor → Cluster");
  });

  it("lists every alerting rule of every PrometheusRule, and no recording rule", () => {
    const rules = inventory.objects
      .filter((o) => o.ref.kind === "PrometheusRule")
      .flatMap((o) => (o.raw["spec"] as { groups: Array<{ rules: Array<Record<string, unknown>> }> }).groups)
      .flatMap((g) => g.rules);
    const alerting = rules.filter((r) => typeof r["alert"] === "string");
    expect(alerting.length).toBeGreaterThan(0);
    expect(model.alerts.map((a) => a.name)).toEqual(alerting.map((r) => r["alert"]));
    expect(model.alerts.find((a) => a.name === "Watchdog")).toMatchObject({
      severity: "none",
      summary: "Always firing: the alerting pipeline is alive.",
      for: "",
    });
    expect(model.alerts.every((a) => a.severity !== "" && a.summary !== "")).toBe(true);
  });
});
