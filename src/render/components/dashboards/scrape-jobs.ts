/**
 * The `job` label of each target the render scrapes, as the dashboards and their recording rules
 * select them. The Prometheus Operator sets `job` to the name of the Service a ServiceMonitor
 * endpoint belongs to, unless `jobLabel` says otherwise (prometheus-operator
 * Documentation/api-reference/api.md, ServiceMonitorSpec.jobLabel); hamon's monitors set no
 * `jobLabel`, so each job is its Service's name.
 */
import type { Spec } from "../../../spec/schema.js";
import { stackNames } from "../../stack-facts.js";
import { API_SERVER_SERVICE, KUBELET_SERVICE } from "../../../upstream/cluster-targets.js";

export function scrapeJobs(spec: Spec) {
  const names = stackNames(spec);
  return {
    nodeExporter: names.nodeExporter,
    kubeStateMetrics: names.kubeStateMetrics,
    kubelet: KUBELET_SERVICE.name,
    apiServer: API_SERVER_SERVICE.name,
    /** prometheus.ts names the Service in front of every Prometheus pod `prometheus`. */
    prometheus: "prometheus",
    alertmanager: names.alertmanagerService,
    thanosQuery: names.thanosQuery,
    thanosQueryFrontend: names.thanosQueryFrontend,
    /** One Service per Store shard (thanos-store-<n>), so a regex. */
    thanosStoreRegex: `${names.thanosStore}.*`,
    thanosCompact: names.thanosCompact,
    grafana: names.grafana,
  };
}

export type ScrapeJobs = ReturnType<typeof scrapeJobs>;

/** The kubelet's cAdvisor endpoint, told apart from its own metrics by the `metrics_path` label cluster-monitors.ts copies. */
export const CADVISOR_PATH = "/metrics/cadvisor";
