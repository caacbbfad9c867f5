/**
 * hamon's choices that more than one rendered component must agree on: object names, labels, the
 * replica label. Every render module reads them from here, so that, for example, Thanos Query's
 * `--query.replica-label` cannot drift from the Prometheus CR's `replicaExternalLabelName`. What
 * the upstream components do by themselves (ports, the operators' Services) is in src/upstream/.
 */
import type { Spec } from "../spec/schema.js";
import { appUserSecret, clusterService } from "../upstream/cloudnative-pg.js";
import {
  ALERTMANAGER_GOVERNING_SERVICE,
  PROMETHEUS_GOVERNING_SERVICE,
  PROMETHEUS_REPLICA_LABEL,
  THANOS_RULER_GOVERNING_SERVICE,
} from "../upstream/prometheus-operator.js";
import { COMPONENT_LABEL, type ClusterTargetComponent, type StackComponent } from "../vocabulary.js";

/**
 * The external label that tells HA replicas apart: the Prometheus Operator's own default for
 * `replicaExternalLabelName`; hamon sets it explicitly so that Thanos Query and the Compactor
 * deduplicate on exactly it.
 */
export const REPLICA_LABEL = PROMETHEUS_REPLICA_LABEL;

export type ComponentName = "platform" | StackComponent | ClusterTargetComponent;

/** Object names, derived from the spec once. */
export function stackNames(spec: Spec) {
  const ns = spec.namespace;
  const svc = (name: string) => `${name}.${ns}.svc`;
  const postgresCluster = "grafana-db";
  return {
    namespace: ns,
    prometheus: "hamon",
    /** The operator's governing Service for every Prometheus pod; carries the sidecar gRPC port. */
    prometheusOperatedService: PROMETHEUS_GOVERNING_SERVICE,
    alertmanager: "hamon",
    /** The operator's governing Service of the Alertmanager pods, used for peer discovery. */
    alertmanagerOperatedService: ALERTMANAGER_GOVERNING_SERVICE,
    alertmanagerService: "alertmanager",
    thanosQuery: "thanos-query",
    thanosQueryFrontend: "thanos-query-frontend",
    thanosStore: "thanos-store",
    thanosStoreShard: (shard: number) => `thanos-store-${shard}`,
    thanosCompact: "thanos-compact",
    thanosRuler: "hamon",
    /** The operator's governing Service of the ThanosRuler pods: StoreAPI (`grpc`) and `web`. */
    thanosRulerOperatedService: THANOS_RULER_GOVERNING_SERVICE,
    grafana: "grafana",
    grafanaAlertingPeers: "grafana-alerting",
    postgresCluster,
    /** CloudNativePG's read-write Service and app-user Secret for that Cluster. */
    postgresRwService: clusterService(postgresCluster, "rw"),
    postgresAppSecret: appUserSecret(postgresCluster),
    redis: "grafana-redis",
    /**
     * node-exporter's own namespace: it needs the host, which Pod Security "restricted" forbids in
     * the stack's. One per cluster, not per stack: it binds port 9100 on every node's network.
     */
    nodeExporterNamespace: "hamon-node-exporter",
    nodeExporter: "node-exporter",
    kubeStateMetrics: "kube-state-metrics",
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
