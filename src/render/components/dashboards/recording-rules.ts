/**
 * Recording rules behind the dashboards, where a panel would otherwise read many raw series on
 * every refresh: node-exporter's per-CPU, per-mode counters (8 modes × CPUs per node), cAdvisor's
 * per-container series with their long `id`/`image`/`name` labels, and kube-state-metrics'
 * pod→ReplicaSet→Deployment ownership join. Recording rules exist for exactly this: "precompute
 * frequently needed or computationally expensive expressions" (prometheus.io/docs/prometheus/latest/configuration/recording_rules/).
 * Names follow `level:metric:operations` (prometheus.io/docs/practices/rules/); the node and
 * workload ones have the meaning of the kubernetes-mixin / node-mixin rules of the same name, but
 * are written here.
 *
 * Sharding: with `shards > 1` every Prometheus evaluates every rule on its own share of the
 * targets (hashmod), and shards carry no distinct external label, so a rule that summed across
 * targets would give each shard a partial total under the same labels, which Thanos would then
 * deduplicate as if they were replicas. Every rule here therefore keeps the target's identity
 * (`instance` for node-exporter, `node` for each kubelet) or reads one target only
 * (kube-state-metrics is scraped as one target, kube-state-metrics.ts): cross-target sums are
 * left to the dashboards' queries, which Thanos Query answers from all shards.
 */
import type { Spec } from "../../../spec/schema.js";
import { CADVISOR_PATH, scrapeJobs } from "./scrape-jobs.js";
import { sel } from "./panels.js";

/** The series the rules record, by what the dashboards call them. */
export const RECORDED = {
  /** Share of each node's CPU time busy (not idle, iowait or steal), 0–1, per `instance`. */
  nodeCpuUtilisation: "instance:node_cpu_utilisation:rate5m",
  /** CPUs of each node, per `instance`. */
  nodeCpus: "instance:node_num_cpu:sum",
  /** CPU cores used per container, per node, namespace, pod and container. */
  containerCpu: "node_namespace_pod_container:container_cpu_usage_seconds_total:sum_rate5m",
  /** Working-set memory per container (what the kubelet evicts and the OOM killer counts by). */
  containerMemory: "node_namespace_pod_container:container_memory_working_set_bytes",
  /** 1 per pod, with the `workload` and `workload_type` that own it (Deployment via its ReplicaSet). */
  podWorkload: "namespace_workload_pod:kube_pod_owner:relabel",
  /** Resource requests of containers of pods that are Pending or Running (finished pods hold none). */
  activeRequests: "namespace_pod_container_resource:kube_pod_container_resource_requests:active",
  /** Resource limits of containers of pods that are Pending or Running. */
  activeLimits: "namespace_pod_container_resource:kube_pod_container_resource_limits:active",
} as const;

export interface RecordingRule {
  record: string;
  expr: string;
}

export interface RecordingRuleGroup {
  name: string;
  rules: RecordingRule[];
}

export const DASHBOARD_RULES_NAME = "hamon-dashboards";

/** node-exporter: node_cpu_seconds_total (node_exporter collector/cpu_linux.go). */
function nodeGroup(spec: Spec): RecordingRuleGroup {
  const job = `job="${scrapeJobs(spec).nodeExporter}"`;
  return {
    name: "hamon-dashboards-node",
    rules: [
      {
        record: RECORDED.nodeCpuUtilisation,
        expr: `1 - avg without (cpu) (sum without (mode) (rate(node_cpu_seconds_total${sel(job, `mode=~"idle|iowait|steal"`)}[5m])))`,
      },
      {
        record: RECORDED.nodeCpus,
        expr: `count without (cpu, mode) (node_cpu_seconds_total${sel(job, `mode="idle"`)})`,
      },
    ],
  };
}

/**
 * cAdvisor through the kubelet: container_cpu_usage_seconds_total, container_memory_working_set_bytes
 * (github.com/google/cadvisor docs/storage/prometheus.md). `container=""` is the pod's own cgroup
 * and `POD` the pause container: both would count a pod's usage twice.
 */
function cadvisorGroup(spec: Spec): RecordingRuleGroup {
  const containers = sel(
    `job="${scrapeJobs(spec).kubelet}"`,
    `metrics_path="${CADVISOR_PATH}"`,
    `container!=""`,
    `container!="POD"`,
  );
  return {
    name: "hamon-dashboards-cadvisor",
    rules: [
      {
        record: RECORDED.containerCpu,
        expr: `sum by (node, namespace, pod, container) (rate(container_cpu_usage_seconds_total${containers}[5m]))`,
      },
      {
        record: RECORDED.containerMemory,
        expr: `max by (node, namespace, pod, container) (container_memory_working_set_bytes${containers})`,
      },
    ],
  };
}

/**
 * kube-state-metrics: kube_pod_owner, kube_replicaset_owner, kube_pod_status_phase,
 * kube_pod_container_resource_requests/limits (kube-state-metrics docs/metrics/workload/pod-metrics.md,
 * replicaset-metrics.md).
 */
function kubeStateMetricsGroup(spec: Spec): RecordingRuleGroup {
  const job = `job="${scrapeJobs(spec).kubeStateMetrics}"`;
  const asWorkload = (inner: string) =>
    `max by (namespace, workload, workload_type, pod) (label_replace(label_replace(${inner}, "workload", "$1", "owner_name", "(.+)"), "workload_type", "$1", "owner_kind", "(.+)"))`;
  // A Deployment owns its pods through a ReplicaSet: the ReplicaSet's owner replaces the pod's.
  const viaReplicaSet = [
    `label_replace(kube_pod_owner${sel(job, `owner_kind="ReplicaSet"`)}, "replicaset", "$1", "owner_name", "(.+)")`,
    `* on (namespace, replicaset) group_left (owner_kind, owner_name)`,
    `max by (namespace, replicaset, owner_kind, owner_name) (kube_replicaset_owner${sel(job, `owner_kind="Deployment"`)})`,
  ].join(" ");
  const active = `max by (namespace, pod) (kube_pod_status_phase${sel(job, `phase=~"Pending|Running"`)} == 1)`;
  return {
    name: "hamon-dashboards-kube-state-metrics",
    rules: [
      // StatefulSets, DaemonSets and Jobs own their pods directly; bare pods (<none>) have no workload.
      // One rule, not two of the same name: promtool flags duplicate records as a lint error.
      {
        record: RECORDED.podWorkload,
        expr: asWorkload(`(${viaReplicaSet}) or kube_pod_owner${sel(job, `owner_kind!~"ReplicaSet|<none>"`)}`),
      },
      {
        record: RECORDED.activeRequests,
        expr: `kube_pod_container_resource_requests${sel(job)} * on (namespace, pod) group_left () ${active}`,
      },
      {
        record: RECORDED.activeLimits,
        expr: `kube_pod_container_resource_limits${sel(job)} * on (namespace, pod) group_left () ${active}`,
      },
    ],
  };
}

/** The groups the rendered dashboards read: one per source that is on. */
export function dashboardRecordingRuleGroups(spec: Spec): RecordingRuleGroup[] {
  const t = spec.targets;
  return [
    ...(t.nodeExporter ? [nodeGroup(spec)] : []),
    ...(t.kubelet ? [cadvisorGroup(spec)] : []),
    ...(t.kubeStateMetrics ? [kubeStateMetricsGroup(spec)] : []),
  ];
}
