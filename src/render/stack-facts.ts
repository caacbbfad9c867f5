/**
 * Facts that more than one component must agree on: names, ports, labels, the replica label.
 * Every render module reads them from here, so that, for example, Thanos Query's
 * `--query.replica-label` cannot drift from the Prometheus CR's `replicaExternalLabelName`.
 */
import type { Spec } from "../spec/schema.js";
import { COMPONENT_LABEL, type StackComponent } from "../vocabulary.js";

/**
 * The external label that tells HA replicas apart. `prometheus_replica` is the Prometheus
 * Operator's own default for `replicaExternalLabelName`
 * (prometheus-operator Documentation/api-reference/api.md, PrometheusSpec); we set it
 * explicitly so that Thanos Query and the Compactor deduplicate on exactly it.
 */
export const REPLICA_LABEL = "prometheus_replica";

export type ComponentName = "platform" | StackComponent;

/** Ports, by their upstream defaults (each component's --help / docs). */
export const PORTS = {
  prometheusWeb: 9090,
  thanosGrpc: 10901,
  thanosHttp: 10902,
  alertmanagerWeb: 9093,
  alertmanagerCluster: 9094,
  grafanaHttp: 3000,
  /** Grafana unified alerting gossip, TCP and UDP (grafana.com/docs/grafana/latest/alerting/set-up/configure-high-availability/). */
  grafanaAlertingHa: 9094,
  postgres: 5432,
  /** CloudNativePG instance manager: status endpoint and metrics (cloudnative-pg.io/documentation/current/monitoring/). */
  cnpgStatus: 8000,
  cnpgMetrics: 9187,
  redis: 6379,
  redisExporter: 9121,
} as const;

/** Object names, derived from the spec once. */
export function stackNames(spec: Spec) {
  const ns = spec.namespace;
  const svc = (name: string) => `${name}.${ns}.svc`;
  return {
    namespace: ns,
    prometheus: "hamon",
    /** The operator's governing Service for every Prometheus pod; carries the sidecar gRPC port. */
    prometheusOperatedService: "prometheus-operated",
    alertmanager: "hamon",
    /** The operator's governing Service of the Alertmanager pods, used for peer discovery. */
    alertmanagerOperatedService: "alertmanager-operated",
    alertmanagerService: "alertmanager",
    thanosQuery: "thanos-query",
    thanosQueryFrontend: "thanos-query-frontend",
    thanosStore: "thanos-store",
    thanosStoreShard: (shard: number) => `thanos-store-${shard}`,
    thanosCompact: "thanos-compact",
    grafana: "grafana",
    grafanaAlertingPeers: "grafana-alerting",
    postgresCluster: "grafana-db",
    /** CloudNativePG's read-write Service and app-user Secret for a Cluster named grafana-db. */
    postgresRwService: "grafana-db-rw",
    postgresAppSecret: "grafana-db-app",
    redis: "grafana-redis",
    serviceDns: svc,
  };
}

export type StackNames = ReturnType<typeof stackNames>;

/** Recommended labels (kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/) plus hamon's component label. */
export function componentLabels(component: ComponentName, instance: string): Record<string, string> {
  return {
    "app.kubernetes.io/name": component,
    "app.kubernetes.io/instance": instance,
    "app.kubernetes.io/part-of": "hamon",
    "app.kubernetes.io/managed-by": "hamon",
    [COMPONENT_LABEL]: component,
  };
}

/** The subset of labels used in selectors: stable across upgrades. */
export function selectorLabels(component: ComponentName, instance: string): Record<string, string> {
  return { "app.kubernetes.io/name": component, "app.kubernetes.io/instance": instance };
}
