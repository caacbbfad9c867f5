/**
 * The active series the cluster's own targets add, per node, per pod and once, so that sizing
 * (`shards: auto`, Prometheus' memory and volume) grows with the cluster it watches
 * (spec `cluster.nodes`, `cluster.pods`, `targets`). docs/sizing.md has the table.
 *
 * node-exporter is measured; the others cannot run on this machine and are estimates from each
 * exporter's documented metric list, rounded up, marked as such.
 */
import type { Spec } from "../spec/schema.js";

export const CLUSTER_TARGET_SERIES = {
  /**
   * Measured: 507 series from Debian's prometheus-node-exporter 1.5.0 with its default collectors
   * on a 2-CPU VM with 4 network interfaces and a few filesystems (`curl :9100/metrics`, samples
   * without `#` lines), rounded; src/sizing/node-exporter-series.test.ts scrapes the real one and
   * checks this figure within 25 %. It grows by 8 per CPU (node_cpu_seconds_total's modes) and
   * about 15 per network interface and per filesystem, so larger nodes carry more.
   */
  nodeExporterPerNode: 500,
  /**
   * Estimate: the kubelet's own /metrics (Kubernetes metrics reference,
   * kubernetes.io/docs/reference/instrumentation/metrics/: its histograms such as
   * kubelet_pod_worker_duration_seconds, kubelet_runtime_operations_duration_seconds and the
   * client-go rest_client_* ones dominate) and its node-level cAdvisor cgroups.
   */
  kubeletPerNode: 1000,
  /**
   * Estimate: cAdvisor's container_* series for one pod of one container plus its pause
   * container and pod cgroup: CPU, memory, filesystem per device, network per interface
   * (github.com/google/cadvisor docs/storage/prometheus.md), about 25 per container cgroup, and
   * prober_probe_total per probe and result (kubelet /metrics/probes).
   */
  kubeletPerPod: 60,
  /**
   * Estimate: kube-state-metrics' pod metrics (docs/metrics/workload/pod-metrics.md: kube_pod_info,
   * kube_pod_owner, kube_pod_status_phase for 5 phases, kube_pod_status_ready and _scheduled for
   * 3 conditions, per container kube_pod_container_info, _status_* and requests/limits), plus a
   * share of its Deployment, ReplicaSet and Service metrics.
   */
  kubeStateMetricsPerPod: 35,
  /** Estimate: kube_node_* (docs/metrics/cluster/node-metrics.md): info, conditions × 3 statuses, capacity and allocatable per resource. */
  kubeStateMetricsPerNode: 30,
  /**
   * Estimate, once per cluster: three API server instances of about 10,000 series each,
   * apiserver_request_duration_seconds_bucket by verb, resource and le being most of it
   * (kubernetes.io/docs/reference/instrumentation/metrics/).
   */
  apiServer: 30_000,
  /** Estimate, once per cluster: two CoreDNS pods of about 300 series (coredns.io/plugins/metrics/: coredns_dns_request_duration_seconds by server, zone and type). */
  coreDns: 600,
} as const;

/** Active series the spec's cluster targets add to the workload's own. */
export function clusterTargetSeries(spec: Spec): number {
  const s = CLUSTER_TARGET_SERIES;
  const { nodes, pods } = spec.cluster;
  const t = spec.targets;
  return (
    (t.nodeExporter ? nodes * s.nodeExporterPerNode : 0) +
    (t.kubelet ? nodes * s.kubeletPerNode + pods * s.kubeletPerPod : 0) +
    (t.kubeStateMetrics ? nodes * s.kubeStateMetricsPerNode + pods * s.kubeStateMetricsPerPod : 0) +
    (t.apiServer ? s.apiServer : 0) +
    (t.coreDns.enabled ? s.coreDns : 0)
  );
}
