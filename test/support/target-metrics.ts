/**
 * Which metric names each scraped target exposes, by name prefix, with the upstream source of
 * each, and whether a spec scrapes that target. A dashboard query may only read a metric that a
 * scraped target exposes or a recording rule produces; this table is what "exposes" means.
 */
import type { Spec } from "../../src/spec/schema.js";
import { features } from "../../src/spec/features.js";

export interface TargetMetrics {
  target: string;
  scraped: (spec: Spec) => boolean;
  /** Metric names start with one of these, or equal one of `names`. */
  prefixes: string[];
  names?: string[];
  source: string;
}

export const TARGET_METRICS: TargetMetrics[] = [
  {
    target: "every target",
    scraped: () => true,
    prefixes: [],
    names: ["up"],
    source: "prometheus.io/docs/concepts/jobs_instances/#automatically-generated-labels-and-time-series",
  },
  {
    target: "node-exporter",
    scraped: (s) => s.targets.nodeExporter,
    prefixes: ["node_"],
    source: "github.com/prometheus/node_exporter: every collector's metrics are node_<collector>_*",
  },
  {
    target: "kube-state-metrics",
    scraped: (s) => s.targets.kubeStateMetrics,
    prefixes: ["kube_"],
    source: "kube-state-metrics docs/metrics/: every object metric is kube_<object>_*",
  },
  {
    target: "kubelet (cAdvisor)",
    scraped: (s) => s.targets.kubelet,
    prefixes: ["container_", "machine_", "kubelet_"],
    source:
      "github.com/google/cadvisor docs/storage/prometheus.md; kubernetes.io/docs/reference/instrumentation/metrics/",
  },
  {
    target: "API server",
    scraped: (s) => s.targets.apiServer,
    prefixes: ["apiserver_"],
    source: "kubernetes.io/docs/reference/instrumentation/metrics/",
  },
  {
    target: "CoreDNS",
    scraped: (s) => s.targets.coreDns.enabled,
    prefixes: ["coredns_"],
    source: "coredns.io/plugins/metrics/",
  },
  {
    target: "Prometheus",
    scraped: () => true,
    prefixes: ["prometheus_"],
    source: "prometheus.io/docs/prometheus/latest/ (its /metrics; tsdb/head.go, scrape/, notifier/)",
  },
  {
    target: "Alertmanager",
    scraped: () => true,
    prefixes: ["alertmanager_"],
    source: "github.com/prometheus/alertmanager cluster/cluster.go, notify/notify.go",
  },
  {
    target: "Thanos (sidecar, Query, Query Frontend, Store, Compactor)",
    scraped: (s) => features(s).thanos,
    prefixes: ["thanos_"],
    names: ["http_requests_total"],
    source: "thanos.io/tip/components/*.md; pkg/extprom/http/instrument_server.go (http_requests_total)",
  },
  {
    target: "Grafana (its alerting HA exposes Alertmanager's cluster metrics)",
    scraped: (s) => features(s).grafana,
    prefixes: ["grafana_", "alertmanager_"],
    source: "grafana.com/docs/grafana/latest/alerting/set-up/configure-high-availability/",
  },
  {
    target: "CloudNativePG instances",
    scraped: (s) => features(s).cloudNativePg,
    prefixes: ["cnpg_"],
    source: "cloudnative-pg.io/documentation/current/monitoring/ (default-monitoring queries)",
  },
];

/** The targets of TARGET_METRICS whose metrics include `name`, among those the spec scrapes. */
export function exposedBy(spec: Spec, name: string): string[] {
  return TARGET_METRICS.filter(
    (t) => t.scraped(spec) && (t.prefixes.some((p) => name.startsWith(p)) || (t.names ?? []).includes(name)),
  ).map((t) => t.target);
}
