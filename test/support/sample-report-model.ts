/** A report model of the given size, for tests and screenshots: 3 zones, the stack's pods on the first nodes. */
import { STACK_COMPONENTS } from "../../src/vocabulary.js";
import type { ReportModel, ReportScenario } from "../../src/report/report-model.js";

const COMPONENTS = [...STACK_COMPONENTS];

export function sampleModel(nodesPerZone: number): ReportModel {
  const zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
  const busy = Math.min(2, nodesPerZone);
  const scenarios: ReportScenario[] = [];
  for (const [zi, zone] of zones.entries()) {
    scenarios.push({
      id: `zone/${zone}`,
      kind: "zone",
      target: zone,
      cells: COMPONENTS.map((component) =>
        component === "redis" && zi === 0
          ? {
              component,
              status: "down" as const,
              reason: "the only Redis pod ran in this zone; rescheduling takes ~30s",
            }
          : component === "alertmanager"
            ? { component, status: "degraded" as const, reason: "2 of 3 Alertmanagers remain" }
            : { component, status: "ok" as const, reason: "replicas remain in other zones" },
      ),
    });
    for (let n = 0; n < nodesPerZone; n++) {
      scenarios.push({
        id: `node/${zone}-${n}`,
        kind: "node",
        target: `${zone}-node-${n}`,
        cells: COMPONENTS.map((component) => ({ component, status: "ok" as const, reason: "ok" })),
      });
    }
  }
  return {
    title: "hamon plan: prod-eu <script>alert(1)</script>",
    subject: "hamon.yaml (phase 4), 3 zones",
    verdict: { ok: false, text: "1 component down in a single-zone loss" },
    components: COMPONENTS,
    zones: zones.map((name, zi) => ({
      name,
      nodes: Array.from({ length: busy }, (_, n) => ({
        name: `${name}-node-${n}`,
        pods: COMPONENTS.filter((_, ci) => (ci + n + zi) % 2 === 0).map((component) => ({
          name: `${component}-${zi}${n}`,
          component,
        })),
      })),
      idleNodes: nodesPerZone - busy,
    })),
    unplaced: [],
    scenarios,
    worstCase: [
      { component: "postgresql", group: "grafana-db", spread: "zones", detail: "required anti-affinity per zone" },
      {
        component: "grafana",
        group: "grafana",
        spread: "nodes",
        detail: "zone spread is ScheduleAnyway: both replicas may land in one zone",
      },
    ],
    findings: [
      {
        rule: "HAMON-GRAFANA-SQLITE",
        severity: "error",
        object: { kind: "Deployment", name: "grafana", namespace: "monitoring" },
        file: "grafana-deployment.yaml",
        line: 12,
        message: "2 replicas on SQLite",
        fix: "use PostgreSQL",
      },
      {
        rule: "HAMON-PRIORITY",
        severity: "warning",
        object: { kind: "Deployment", name: "x" },
        file: "x.yaml",
        line: 3,
        message: "no PriorityClass",
        fix: "set priorityClassName",
      },
    ],
    sizing: [
      { label: "Prometheus shards", value: "1 × 2 replicas" },
      { label: "Prometheus memory per replica", value: "4608Mi" },
    ],
    daemonSets: [
      {
        name: "hamon-node-exporter/node-exporter",
        component: "node-exporter",
        eligible: nodesPerZone * 3,
        placed: nodesPerZone * 3,
      },
    ],
    targets: [
      {
        component: "node-exporter",
        how: "ServiceMonitor → Service → DaemonSet",
        monitor: "hamon-node-exporter/node-exporter",
        ports: "metrics",
        series: "≈500 per node (measured)",
      },
      {
        component: "kubelet",
        how: "ServiceMonitor → Service → cluster endpoint in kube-system",
        monitor: "monitoring/kubelet",
        ports: "https-metrics /metrics, https-metrics /metrics/cadvisor, https-metrics /metrics/probes",
        series: "≈1,000 per node + 60 per pod (estimate)",
      },
      {
        component: "prometheus",
        how: "ServiceMonitor → Service → Prometheus",
        monitor: "monitoring/prometheus",
        ports: "web, sidecar-http",
        series: "",
      },
    ],
    alerts: [
      {
        name: "Watchdog",
        severity: "none",
        for: "",
        summary: "Always firing: the alerting pipeline is alive.",
        group: "monitoring/hamon-meta-monitoring: hamon-watchdog",
      },
      {
        name: "NodeDown <b>",
        severity: "critical",
        for: "5m",
        summary: "A node's exporter is unreachable.",
        group: "monitoring/hamon-cluster: nodes",
      },
    ],
    dashboards: [{ title: "Nodes", file: "nodes.json", configMap: "monitoring/hamon-dashboard-nodes" }],
  };
}
