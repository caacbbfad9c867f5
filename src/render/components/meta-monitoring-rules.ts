/**
 * Meta-monitoring: alerting rules that watch the stack's own high availability, rendered as one
 * PrometheusRule that the Prometheus CR selects (`ruleSelector: {}`). Rule groups follow the
 * phases: Prometheus and Alertmanager from phase 1, Thanos from phase 2, Grafana from phase 3.
 *
 * Every expression is written here from metric names documented upstream (the source is named
 * beside each rule) and kept to PromQL that Prometheus 2.42 (the Debian package the tests run)
 * and 2.53 (the version rendered) both accept. Each alert has a `promtool test rules` case that
 * fires and one that stays silent (test/fixtures/rules/meta-monitoring.promtool.yaml).
 *
 * Target labels: the operator's ServiceMonitors set `job` to the Service name, `endpoint` to the
 * port name and add `namespace` and `pod` (prometheus-operator Documentation/api-reference/api.md,
 * Endpoint / ServiceMonitorSpec.jobLabel). Local series carry no external labels, so the replica
 * of a Prometheus pod is its `pod` label: the operator sets the replica external label to
 * `$(POD_NAME)` (prometheus-operator pkg/prometheus/testdata golden configs).
 */
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import type { Spec } from "../../spec/schema.js";
import type { StackSizing } from "../../sizing/size-stack.js";
import type { ComponentRender } from "../manifest.js";
import { componentLabels, REPLICA_LABEL, stackNames } from "../stack-facts.js";
import { features } from "../../spec/features.js";
import { WHOLE_VIEW_RULES } from "../../vocabulary.js";
import { hasThanosRuler } from "./thanos-ruler.js";

/** One alerting rule, as Prometheus' rule file format and the PrometheusRule CRD both spell it. */
export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: { summary: string; description: string };
}

export interface AlertingRuleGroup {
  name: string;
  rules: AlertingRule[];
}

/** The name of the always-firing alert; src/render/alertmanager-config.ts routes it to the "null" receiver. */
export const WATCHDOG_ALERT = "Watchdog";
export const META_MONITORING_RULE_NAME = "hamon-meta-monitoring";

/** `{job="…",namespace="…"[,extra]}` */
function selector(job: string, namespace: string, extra: Record<string, string> = {}): string {
  const matchers = [
    `job="${job}"`,
    `namespace="${namespace}"`,
    ...Object.entries(extra).map(([k, v]) => `${k}="${v}"`),
  ];
  return `{${matchers.join(",")}}`;
}

/** Replaces the indentation of a multi-line template literal so rule files read well. */
export function promql(text: string): string {
  const lines = text.replace(/^\n/, "").replace(/\s+$/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join("\n");
}

/**
 * Groups of the pods of one Prometheus shard: the operator names pods `prometheus-<name>-<i>`
 * (shard 0) and `prometheus-<name>-shard-<s>-<i>` (prometheus-operator pkg/prometheus/statefulset.go),
 * so stripping the trailing ordinal gives one value per HA pair.
 */
const HA_PAIR = (inner: string) => `label_replace(${inner}, "ha_pair", "$1", "pod", "(.+)-[0-9]+")`;

export function prometheusRuleGroup(spec: Spec): AlertingRuleGroup {
  const ns = spec.namespace;
  const web = selector("prometheus", ns, { endpoint: "web" });
  const alertmanagers = spec.alertmanager.replicas;
  const replicas = spec.prometheus.replicas;
  // The replica label of each pod, named as Thanos Query sees it: the operator sets the external
  // label REPLICA_LABEL to the pod name, and local series only know the pod.
  const ingestByReplica = HA_PAIR(
    `label_replace(sum by (namespace, pod) (rate(prometheus_tsdb_head_samples_appended_total${web}[10m])), "${REPLICA_LABEL}", "$1", "pod", "(.+)")`,
  );
  return {
    name: "hamon-prometheus",
    rules: [
      {
        // `up` is Prometheus' own per-target health (prometheus.io/docs/concepts/jobs_instances/#automatically-generated-labels-and-time-series).
        alert: "HamonPrometheusReplicaDown",
        expr: `up${web} == 0`,
        for: "5m",
        labels: { severity: "warning" },
        annotations: {
          summary: "A Prometheus replica is down; its HA twin still scrapes and alerts.",
          description: "Prometheus {{ $labels.namespace }}/{{ $labels.pod }} has not answered scrapes for 5 minutes.",
        },
      },
      {
        // Every replica of one shard down: that shard's targets are neither scraped nor alerted on.
        // With shards > 1, hashmod spreads the Prometheus pods themselves over the shards, so a
        // shard may scrape only one pod of a pair: a pair is judged only where all its replicas are
        // scraped, else one pod down would read as a whole shard down.
        alert: "HamonPrometheusShardDown",
        expr: promql(`
          sum by (namespace, ha_pair) (${HA_PAIR(`up${web}`)}) == 0
            and on (namespace, ha_pair)
          count by (namespace, ha_pair) (${HA_PAIR(`up${web}`)}) == ${replicas}
        `),
        for: "5m",
        labels: { severity: "critical" },
        annotations: {
          summary: "Every replica of a Prometheus shard is down.",
          description:
            "No replica of {{ $labels.namespace }}/{{ $labels.ha_pair }} has answered scrapes for 5 minutes.",
        },
      },
      {
        // prometheus_tsdb_head_samples_appended_total: samples appended to the head block
        // (prometheus tsdb/head.go; used by the prometheus-mixin's "Prometheus Overview" dashboard).
        // Twins scrape the same targets, so their ingestion rates agree closely; a replica at less
        // than half its twin is missing targets or data, and deduplication may pick its gaps.
        // A pair is compared only where both twins are scraped (with shards > 1, see ShardDown).
        alert: "HamonPrometheusHAPairDiverging",
        expr: promql(`
          ${ingestByReplica}
            < on (namespace, ha_pair) group_left ()
          0.5 * max by (namespace, ha_pair) (${ingestByReplica})
        `),
        for: "15m",
        labels: { severity: "warning" },
        annotations: {
          summary: "One Prometheus replica ingests far less than its HA twin.",
          description: `Replica {{ $labels.${REPLICA_LABEL} }} of {{ $labels.namespace }}/{{ $labels.ha_pair }} appends fewer than half the samples per second of its twin.`,
        },
      },
      {
        // prometheus-mixin alerts.libsonnet PrometheusBadConfig: prometheus_config_last_reload_successful.
        alert: "HamonPrometheusConfigReloadFailed",
        expr: `max_over_time(prometheus_config_last_reload_successful${web}[5m]) == 0`,
        for: "10m",
        labels: { severity: "critical" },
        annotations: {
          summary: "Prometheus failed to reload its configuration.",
          description:
            "Prometheus {{ $labels.namespace }}/{{ $labels.pod }} runs an old configuration: its last reload failed.",
        },
      },
      {
        // prometheus-mixin PrometheusNotConnectedToAlertmanagers uses
        // prometheus_notifications_alertmanagers_discovered < 1; HA needs every Alertmanager
        // (prometheus.io/docs/alerting/latest/alertmanager/#high-availability).
        alert: "HamonPrometheusNotSendingToAllAlertmanagers",
        expr: `max_over_time(prometheus_notifications_alertmanagers_discovered${web}[5m]) < ${alertmanagers}`,
        for: "10m",
        labels: { severity: "warning" },
        annotations: {
          summary: `Prometheus sends alerts to fewer than the ${alertmanagers} Alertmanagers.`,
          description: `Prometheus {{ $labels.namespace }}/{{ $labels.pod }} discovers {{ $value }} of ${alertmanagers} Alertmanagers.`,
        },
      },
    ],
  };
}

export function alertmanagerRuleGroup(spec: Spec): AlertingRuleGroup {
  const ns = spec.namespace;
  const sel = selector("alertmanager", ns);
  const replicas = spec.alertmanager.replicas;
  return {
    name: "hamon-alertmanager",
    rules: [
      {
        // alertmanager_cluster_members: members the gossip cluster knows (alertmanager cluster/cluster.go;
        // alertmanager-mixin AlertmanagerMembersInconsistent). Surviving members report the loss.
        alert: "HamonAlertmanagerClusterMembersMissing",
        expr: `max_over_time(alertmanager_cluster_members${sel}[5m]) < ${replicas}`,
        for: "10m",
        labels: { severity: "warning" },
        annotations: {
          summary: `An Alertmanager sees fewer than the ${replicas} cluster members.`,
          description: `Alertmanager {{ $labels.namespace }}/{{ $labels.pod }} sees {{ $value }} of ${replicas} cluster members: a peer is down or partitioned, and notifications may be sent twice.`,
        },
      },
      {
        // alertmanager-mixin AlertmanagerFailedToSendAlerts: failed / total notifications per integration.
        // `reason` exists on the failure counter from 0.26 on only; summing it away works on both.
        alert: "HamonAlertmanagerNotificationsFailing",
        expr: promql(`
          sum without (reason) (rate(alertmanager_notifications_failed_total${sel}[5m]))
            /
          sum without (reason) (rate(alertmanager_notifications_total${sel}[5m]))
            > 0.01
        `),
        for: "5m",
        labels: { severity: "critical" },
        annotations: {
          summary: "An Alertmanager fails to deliver notifications.",
          description:
            "Alertmanager {{ $labels.namespace }}/{{ $labels.pod }} fails {{ $value | humanizePercentage }} of its {{ $labels.integration }} notifications.",
        },
      },
      {
        // alertmanager-mixin AlertmanagerFailedReload: alertmanager_config_last_reload_successful.
        alert: "HamonAlertmanagerConfigReloadFailed",
        expr: `max_over_time(alertmanager_config_last_reload_successful${sel}[5m]) == 0`,
        for: "10m",
        labels: { severity: "critical" },
        annotations: {
          summary: "Alertmanager failed to reload its configuration.",
          description:
            "Alertmanager {{ $labels.namespace }}/{{ $labels.pod }} runs an old configuration: its last reload failed.",
        },
      },
    ],
  };
}

export function thanosRuleGroup(spec: Spec, sizing: StackSizing): AlertingRuleGroup {
  const ns = spec.namespace;
  const query = selector("thanos-query", ns);
  const compact = selector("thanos-compact", ns);
  // The Store Gateway's ServiceMonitor selects every thanos-store Service, so jobs are thanos-store*.
  const store = `{job=~"thanos-store.*",namespace="${ns}"}`;
  const sidecar = selector("prometheus", ns, { endpoint: "sidecar-http" });
  const endpoints =
    sizing.prometheus.shards * spec.prometheus.replicas + spec.thanos.store.shards * spec.thanos.store.replicas;
  return {
    name: "hamon-thanos",
    rules: [
      {
        // thanos_store_nodes_grpc_connections: "current number of gRPC connection to store nodes"
        // (thanos docs/components/query.md, metrics; labels external_labels and store_type).
        // A Query pod connected to nothing has no such series: `or` fills in 0 for every live pod.
        alert: "HamonThanosQueryEndpointsUnhealthy",
        expr: promql(`
          (
            sum by (namespace, pod) (thanos_store_nodes_grpc_connections${query})
              or on (namespace, pod)
            0 * sum by (namespace, pod) (up${query} == 1)
          ) < ${endpoints}
        `),
        for: "10m",
        labels: { severity: "warning" },
        annotations: {
          summary: `Thanos Query is connected to fewer than its ${endpoints} StoreAPI endpoints.`,
          description: `Thanos Query {{ $labels.namespace }}/{{ $labels.pod }} is connected to {{ $value }} of ${endpoints} sidecars and Store Gateways: queries may miss data or deduplication may lose a replica.`,
        },
      },
      {
        // thanos-mixin alerts/compact.libsonnet ThanosCompactHalted: thanos_compact_halted == 1.
        alert: "HamonThanosCompactHalted",
        expr: `thanos_compact_halted${compact} == 1`,
        for: "5m",
        labels: { severity: "critical" },
        annotations: {
          summary: "The Thanos Compactor has halted.",
          description:
            "Thanos Compact {{ $labels.namespace }}/{{ $labels.pod }} hit a critical error and stopped compacting, downsampling and applying retention.",
        },
      },
      {
        // thanos-mixin alerts/compact.libsonnet ThanosCompactHasNotRun:
        // thanos_objstore_bucket_last_successful_upload_time older than 24 hours.
        alert: "HamonThanosCompactNotRunRecently",
        expr: promql(`
          (time() - max by (namespace, job) (max_over_time(thanos_objstore_bucket_last_successful_upload_time${compact}[24h])))
            / 3600 > 24
        `),
        labels: { severity: "warning" },
        annotations: {
          summary: "The Thanos Compactor has not uploaded a block for 24 hours.",
          description:
            "Thanos Compact {{ $labels.namespace }}/{{ $labels.job }} last uploaded {{ $value | humanize }} hours ago.",
        },
      },
      {
        // thanos-mixin alerts/store.libsonnet ThanosStoreBucketHighOperationFailures:
        // thanos_objstore_bucket_operation_failures_total / thanos_objstore_bucket_operations_total.
        alert: "HamonThanosStoreBucketOperationsFailing",
        expr: promql(`
          sum by (namespace, job) (rate(thanos_objstore_bucket_operation_failures_total${store}[5m]))
            /
          sum by (namespace, job) (rate(thanos_objstore_bucket_operations_total${store}[5m]))
            * 100 > 5
        `),
        for: "15m",
        labels: { severity: "warning" },
        annotations: {
          summary: "The Thanos Store Gateway fails bucket operations.",
          description:
            "Thanos Store {{ $labels.namespace }}/{{ $labels.job }} fails {{ $value | humanize }}% of its object storage operations.",
        },
      },
      {
        // thanos_shipper_upload_failures_total: blocks the sidecar failed to upload
        // (thanos pkg/shipper/shipper.go; thanos-mixin alerts/sidecar.libsonnet).
        alert: "HamonThanosSidecarUploadsFailing",
        expr: `sum by (namespace, pod) (rate(thanos_shipper_upload_failures_total${sidecar}[5m])) > 0`,
        for: "15m",
        labels: { severity: "critical" },
        annotations: {
          summary: "A Thanos sidecar fails to upload blocks to object storage.",
          description:
            "The sidecar of {{ $labels.namespace }}/{{ $labels.pod }} fails to upload blocks: data older than local retention will be lost.",
        },
      },
    ],
  };
}

export function grafanaRuleGroup(spec: Spec): AlertingRuleGroup {
  const sel = selector("grafana", spec.namespace);
  const replicas = spec.grafana.replicas;
  return {
    name: "hamon-grafana",
    rules: [
      {
        // `up` per Grafana pod; absent() covers the case where no pod is scraped at all
        // (prometheus.io/docs/prometheus/latest/querying/functions/#absent); it returns 1 with the
        // selector's equality labels, so `0 *` makes the value the number of replicas up.
        alert: "HamonGrafanaReplicasDown",
        expr: `sum by (namespace, job) (up${sel}) < ${replicas} or 0 * absent(up${sel})`,
        for: "5m",
        labels: { severity: "warning" },
        annotations: {
          summary: `Fewer than ${replicas} Grafana replicas are up.`,
          description: `{{ $value }} of ${replicas} Grafana replicas in {{ $labels.namespace }} answer scrapes.`,
        },
      },
    ],
  };
}

/** Always firing: proves the whole alerting path is alive (kube-prometheus general.rules Watchdog). */
export function watchdogRuleGroup(): AlertingRuleGroup {
  return {
    name: "hamon-watchdog",
    rules: [
      {
        alert: WATCHDOG_ALERT,
        expr: "vector(1)",
        labels: { severity: "none" },
        annotations: {
          summary: "Always firing: the alerting pipeline is alive.",
          description: "Routed to the null receiver. Feed it to a dead man's switch that pages when it stops arriving.",
        },
      },
    ],
  };
}

/** The rule groups for the components a spec renders. */
export function metaMonitoringRuleGroups(spec: Spec, sizing: StackSizing): AlertingRuleGroup[] {
  const f = features(spec);
  return [
    watchdogRuleGroup(),
    prometheusRuleGroup(spec),
    alertmanagerRuleGroup(spec),
    ...(f.thanos ? [thanosRuleGroup(spec, sizing)] : []),
    ...(f.grafana ? [grafanaRuleGroup(spec)] : []),
  ];
}

/** The PrometheusRule of the Watchdog alone, when the other meta-monitoring rules go to the Thanos Ruler. */
export const WATCHDOG_RULE_NAME = "hamon-watchdog";

/**
 * The meta-monitoring rules as PrometheusRules. With a Thanos Ruler (sharded Prometheus) they
 * carry WHOLE_VIEW_RULES: they compare replicas and count pods across shards, which no single
 * shard scrapes all of. The Watchdog then stays with the shards, in its own PrometheusRule: every
 * shard fires it, so the dead man's switch keeps proving the shards' own alerting path (the
 * Alertmanagers merge the identical alerts).
 */
export function renderMetaMonitoringRules(spec: Spec, sizing: StackSizing): ComponentRender {
  const names = stackNames(spec);
  const labels = componentLabels("prometheus", names.prometheus);
  const rule = (name: string, groups: AlertingRuleGroup[], extra: Record<string, string> = {}) =>
    new PrometheusRule({
      metadata: { name, namespace: names.namespace, labels: { ...labels, ...extra } },
      spec: { groups },
    });
  const groups = metaMonitoringRuleGroups(spec, sizing);
  if (!hasThanosRuler(spec, sizing))
    return { component: "prometheus", objects: [rule(META_MONITORING_RULE_NAME, groups)] };
  const watchdog = groups.filter((g) => g.name === watchdogRuleGroup().name);
  const wholeView = groups.filter((g) => g.name !== watchdogRuleGroup().name);
  return {
    component: "prometheus",
    objects: [rule(META_MONITORING_RULE_NAME, wholeView, { ...WHOLE_VIEW_RULES }), rule(WATCHDOG_RULE_NAME, watchdog)],
  };
}
