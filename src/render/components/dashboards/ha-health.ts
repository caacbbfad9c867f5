/**
 * HA health of the stack itself: is every redundant piece still redundant? Each Prometheus HA
 * pair (both replicas up, ingesting alike, so that Thanos Query's deduplication always has a twin
 * to fill gaps from), Thanos Query's StoreAPI endpoints and the Store Gateway, the Alertmanager
 * gossip cluster and its notifications, Grafana's replicas and alerting peers, and PostgreSQL.
 * The panels' expected counts come from the spec, like the meta-monitoring alerts' thresholds.
 *
 * Metric sources: prometheus_tsdb_* (prometheus tsdb/head.go); thanos_store_nodes_grpc_connections,
 * thanos_bucket_store_*, thanos_objstore_*, thanos_shipper_*, thanos_compact_* (thanos.io/tip/components/*.md
 * and pkg/); http_requests_total (Thanos' HTTP middleware, pkg/extprom/http); alertmanager_cluster_*,
 * alertmanager_notifications_* (alertmanager cluster/cluster.go, notify/notify.go); Grafana exposes
 * the same alertmanager_cluster_members and alertmanager_peer_position for its alerting HA
 * (grafana.com/docs/grafana/latest/alerting/set-up/configure-high-availability/); cnpg_* (CloudNativePG
 * default monitoring queries, cloudnative-pg.io/documentation/current/monitoring/).
 */
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Spec } from "../../../spec/schema.js";
import type { StackSizing } from "../../../sizing/size-stack.js";
import { features } from "../../../spec/features.js";
import { stackNames } from "../../stack-facts.js";
import { finishDashboard, sel, stat, timeseries } from "./panels.js";
import { scrapeJobs } from "./scrape-jobs.js";

export const HA_HEALTH_DASHBOARD_UID = "hamon-ha-health";

type Row = Parameters<typeof finishDashboard>[0]["rows"][number];

/** The HA pair of a Prometheus pod: its name without the trailing ordinal (meta-monitoring-rules.ts HA_PAIR). */
const haPair = (inner: string) => `label_replace(${inner}, "ha_pair", "$1", "pod", "(.+)-[0-9]+")`;

export function haHealthDashboard(spec: Spec, sizing: StackSizing): Dashboard {
  const f = features(spec);
  const jobs = scrapeJobs(spec);
  const names = stackNames(spec);
  const ns = `namespace="${spec.namespace}"`;
  const job = (name: string, ...more: string[]) => sel(`job="${name}"`, ns, ...more);
  const web = job(jobs.prometheus, `endpoint="web"`);
  const appended = `sum by (pod) (rate(prometheus_tsdb_head_samples_appended_total${web}[$__rate_interval]))`;
  const replicas = spec.prometheus.replicas;
  const rows: Row[] = [
    {
      title: "Prometheus HA pairs",
      panels: [
        stat(
          {
            title: "Replicas up, weakest pair",
            description: `Replicas answering scrapes in the HA pair with fewest up; each pair should have ${replicas}.`,
            unit: "short",
          },
          [{ expr: `min(sum by (ha_pair) (${haPair(`up${web}`)}))`, legend: "replicas up" }],
          { redAt: replicas, lowIsBad: true },
        ),
        stat(
          {
            title: "Shards",
            description: `HA pairs (shards) with at least one replica up; the render has ${sizing.prometheus.shards}.`,
            unit: "short",
          },
          [{ expr: `count(max by (ha_pair) (${haPair(`up${web}`)}) == 1)`, legend: "shards" }],
          { redAt: sizing.prometheus.shards, lowIsBad: true },
        ),
        timeseries(
          {
            title: "Replicas up per HA pair",
            description: "Replicas of each shard answering scrapes. One down: its twin still scrapes and alerts.",
            unit: "short",
          },
          [{ expr: `sum by (ha_pair) (${haPair(`up${web}`)})`, legend: "{{ha_pair}}" }],
        ),
        timeseries(
          {
            title: "Samples appended per replica",
            description:
              "Twins scrape the same targets, so their lines should lie on top of each other: a replica far below its twin misses data that deduplication would fill only from the twin.",
            unit: "short",
          },
          [{ expr: appended, legend: "{{pod}}" }],
        ),
        timeseries(
          {
            title: "Ingestion balance within each pair",
            description:
              "Slowest replica's samples per second over the fastest's, per HA pair: 1 when the twins agree (the HamonPrometheusHAPairDiverging alert fires below 0.5).",
            unit: "percentunit",
          },
          [
            {
              expr: `min by (ha_pair) (${haPair(appended)}) / max by (ha_pair) (${haPair(appended)})`,
              legend: "{{ha_pair}}",
            },
          ],
        ),
        timeseries(
          {
            title: "Head series per replica",
            description: "Active series in each replica's head block.",
            unit: "short",
          },
          [{ expr: `sum by (pod) (prometheus_tsdb_head_series${web})`, legend: "{{pod}}" }],
        ),
      ],
    },
  ];
  if (f.thanos) {
    const sidecars = sizing.prometheus.shards * spec.prometheus.replicas;
    const stores = spec.thanos.store.shards * spec.thanos.store.replicas;
    const query = job(jobs.thanosQuery);
    const store = sel(`job=~"${jobs.thanosStoreRegex}"`, ns);
    rows.push({
      title: "Thanos",
      panels: [
        timeseries(
          {
            title: "StoreAPI endpoints per Query pod",
            description: `Sidecars (${sidecars} expected: every replica of every shard, which is what deduplication merges) and Store Gateways (${stores}) each Query pod is connected to.`,
            unit: "short",
          },
          [
            {
              expr: `sum by (pod, store_type) (thanos_store_nodes_grpc_connections${query})`,
              legend: "{{pod}} {{store_type}}",
            },
          ],
        ),
        timeseries(
          {
            title: "Query errors",
            description: "Share of Thanos Query and Query Frontend HTTP requests answered with a 5xx status.",
            unit: "percentunit",
          },
          [jobs.thanosQuery, jobs.thanosQueryFrontend].map((name) => ({
            expr: `sum(rate(http_requests_total${job(name, `code=~"5.."`)}[$__rate_interval])) / sum(rate(http_requests_total${job(name)}[$__rate_interval]))`,
            legend: name,
          })),
        ),
        timeseries(
          {
            title: "Store Gateway blocks loaded",
            description: "Blocks each Store Gateway serves from object storage; replicas of one shard should agree.",
            unit: "short",
          },
          [{ expr: `sum by (pod) (thanos_bucket_store_blocks_loaded${store})`, legend: "{{pod}}" }],
        ),
        timeseries(
          {
            title: "Object storage operation failures",
            description: "Failed bucket operations per second, by component.",
            unit: "short",
          },
          [
            {
              expr: `sum by (job) (rate(thanos_objstore_bucket_operation_failures_total${sel(ns)}[$__rate_interval]))`,
              legend: "{{job}}",
            },
          ],
        ),
        timeseries(
          {
            title: "Sidecar block uploads",
            description:
              "Blocks each sidecar uploaded and failed to upload: a failing sidecar loses data past local retention.",
            unit: "short",
          },
          [
            {
              expr: `sum by (pod) (increase(thanos_shipper_uploads_total${job(jobs.prometheus)}[1h]))`,
              legend: "{{pod}} uploaded (1h)",
            },
            {
              expr: `sum by (pod) (increase(thanos_shipper_upload_failures_total${job(jobs.prometheus)}[1h]))`,
              legend: "{{pod}} failed (1h)",
            },
          ],
        ),
        stat(
          {
            title: "Compactor halted",
            description: "1 when the Compactor stopped on a critical error: no compaction, downsampling or retention.",
            unit: "short",
          },
          [{ expr: `max(thanos_compact_halted${job(jobs.thanosCompact)})`, legend: "halted" }],
          { redAt: 1 },
          12,
        ),
      ],
    });
  }
  const am = job(jobs.alertmanager);
  rows.push({
    title: "Alertmanager",
    panels: [
      timeseries(
        {
          title: "Cluster members seen by each Alertmanager",
          description: `Each should see all ${spec.alertmanager.replicas}: fewer means a peer is down or partitioned, and notifications may go out twice.`,
          unit: "short",
        },
        [{ expr: `alertmanager_cluster_members${am}`, legend: "{{pod}}" }],
      ),
      timeseries(
        {
          title: "Notifications sent and failed",
          description: "Notifications per second by integration; failures are retried, then dropped.",
          unit: "short",
        },
        [
          {
            expr: `sum by (integration) (rate(alertmanager_notifications_total${am}[$__rate_interval]))`,
            legend: "{{integration}} sent",
          },
          {
            expr: `sum by (integration) (rate(alertmanager_notifications_failed_total${am}[$__rate_interval]))`,
            legend: "{{integration}} failed",
          },
        ],
      ),
    ],
  });
  if (f.grafana) {
    const grafana = job(jobs.grafana);
    const grafanaReplicas = spec.grafana.replicas;
    rows.push({
      title: "Grafana",
      panels: [
        stat(
          {
            title: "Grafana replicas up",
            description: `Grafana pods answering scrapes, of ${grafanaReplicas}.`,
            unit: "short",
          },
          [{ expr: `sum(up${grafana})`, legend: "up" }],
          { redAt: grafanaReplicas, lowIsBad: true },
        ),
        timeseries(
          {
            title: "Alerting HA peers",
            description: `Members of Grafana's alerting gossip cluster as each replica sees them; all ${grafanaReplicas} keep each notification to one.`,
            unit: "short",
          },
          [{ expr: `alertmanager_cluster_members${grafana}`, legend: "{{pod}}" }],
          18,
        ),
      ],
    });
  }
  if (f.cloudNativePg) {
    const pg = sel(ns, `pod=~"${names.postgresCluster}-[0-9]+"`);
    rows.push({
      title: "PostgreSQL (Grafana's database)",
      panels: [
        stat(
          {
            title: "Instances up",
            description: `PostgreSQL instances whose exporter reaches the database, of ${spec.grafana.database.type === "cloudnativepg" ? spec.grafana.database.instances : 0}.`,
            unit: "short",
          },
          [{ expr: `sum(cnpg_collector_up${pg})`, legend: "up" }],
        ),
        stat(
          {
            title: "Streaming replicas",
            description: "Replicas streaming from the primary: each can be promoted if the primary's zone is lost.",
            unit: "short",
          },
          [{ expr: `max(cnpg_pg_replication_streaming_replicas${pg})`, legend: "replicas" }],
        ),
        timeseries(
          {
            title: "Replication lag",
            description: "How far each replica's replay is behind the primary.",
            unit: "s",
          },
          [{ expr: `cnpg_pg_replication_lag${pg}`, legend: "{{pod}}" }],
        ),
        timeseries({ title: "Connections", description: "Backends per instance.", unit: "short" }, [
          { expr: `sum by (pod) (cnpg_backends_total${pg})`, legend: "{{pod}}" },
        ]),
      ],
    });
  }
  return finishDashboard({
    uid: HA_HEALTH_DASHBOARD_UID,
    title: "hamon / HA health",
    description: "Is every redundant piece of the monitoring stack still redundant?",
    rows,
  });
}
