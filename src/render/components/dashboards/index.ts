/**
 * The dashboards a spec renders: only those whose sources are scraped (spec `targets`), and only
 * with Grafana (phase ≥ 3). Each is built with the Grafana Foundation SDK's typed builders.
 */
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Spec } from "../../../spec/schema.js";
import type { StackSizing } from "../../../sizing/size-stack.js";
import { features } from "../../../spec/features.js";
import { clusterOverviewDashboard } from "./cluster-overview.js";
import { haHealthDashboard } from "./ha-health.js";
import { nodesDashboard } from "./nodes.js";
import { workloadsDashboard } from "./workloads.js";

export interface RenderedDashboard {
  /** File name in Grafana's dashboards folder, and the key of its ConfigMap. */
  file: string;
  dashboard: Dashboard;
}

export function renderedDashboards(spec: Spec, sizing: StackSizing): RenderedDashboard[] {
  if (!features(spec).grafana) return [];
  const t = spec.targets;
  const dashboards: RenderedDashboard[] = [
    { file: "cluster-overview.json", dashboard: clusterOverviewDashboard(spec) },
  ];
  if (t.nodeExporter) dashboards.push({ file: "nodes.json", dashboard: nodesDashboard(spec) });
  // Usage comes from cAdvisor (the kubelet), requests, limits and owners from kube-state-metrics.
  if (t.kubelet && t.kubeStateMetrics) dashboards.push({ file: "workloads.json", dashboard: workloadsDashboard(spec) });
  dashboards.push({ file: "ha-health.json", dashboard: haHealthDashboard(spec, sizing) });
  return dashboards;
}
