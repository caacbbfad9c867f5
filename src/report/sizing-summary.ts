/** The sizing figures a person checks first, as label/value pairs for the report. */
import type { Spec } from "../spec/schema.js";
import type { StackSizing } from "../sizing/size-stack.js";
import { features } from "../spec/features.js";
import { clusterTargetSeries } from "../sizing/cluster-target-series.js";
import { prometheusByteSize } from "../sizing/retention-size.js";

/** The cluster targets that are on, as the report names them. */
export function clusterTargetNames(spec: Spec): string[] {
  const t = spec.targets;
  return [
    ...(t.nodeExporter ? ["node-exporter"] : []),
    ...(t.kubeStateMetrics ? ["kube-state-metrics"] : []),
    ...(t.kubelet ? ["kubelet (metrics, cAdvisor, probes)"] : []),
    ...(t.apiServer ? ["API server"] : []),
    ...(t.coreDns.enabled ? ["CoreDNS"] : []),
  ];
}

const GiB = 2 ** 30;
const human = (bytes: number) =>
  bytes >= 1024 * GiB ? `${(bytes / 1024 / GiB).toFixed(1)} TiB` : `${(bytes / GiB).toFixed(1)} GiB`;

export function sizingSummary(spec: Spec, sizing: StackSizing): Array<{ label: string; value: string }> {
  const p = sizing.prometheus;
  const rows = [
    { label: "Active series (your workloads)", value: spec.workload.activeSeries.toLocaleString("en-US") },
    {
      label: "Cluster targets",
      value: clusterTargetNames(spec).join(", ") || "none",
    },
    {
      label: `Their series (${spec.cluster.nodes.toLocaleString("en-US")} nodes, ${spec.cluster.pods.toLocaleString("en-US")} pods)`,
      value: clusterTargetSeries(spec).toLocaleString("en-US"),
    },
    { label: "Prometheus shards × replicas", value: `${p.shards} × ${spec.prometheus.replicas}` },
    { label: "Series per shard", value: p.seriesPerShard.toLocaleString("en-US") },
    {
      label: "Prometheus per replica",
      value: `${p.resources.cpu.toCpuString()} CPU, ${p.resources.memory.toBytesString()} memory, ${p.storage.toBytesString()} volume`,
    },
    { label: "Prometheus size retention", value: `${prometheusByteSize(p.retentionSize)} of each volume` },
    { label: "Alertmanager replicas", value: String(spec.alertmanager.replicas) },
  ];
  const f = features(spec);
  if (f.thanos) {
    rows.push(
      { label: "Object storage uploaded per day", value: human(sizing.objectStorage.uploadBytesPerDay) },
      { label: "Object storage when retention is full", value: human(sizing.objectStorage.retainedBytes) },
      {
        label: "Store Gateway shards × replicas",
        value: `${spec.thanos.store.shards} × ${spec.thanos.store.replicas}`,
      },
      { label: "Compactor volume", value: sizing.thanosCompact.storage.toBytesString() },
    );
  }
  if (f.grafana) rows.push({ label: "Grafana replicas", value: String(spec.grafana.replicas) });
  return rows;
}
