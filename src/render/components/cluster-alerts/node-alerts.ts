/**
 * Node alerts: node-exporter's view of each node (filesystems, clock) and the node conditions the
 * kubelet reports to the API server, as kube-state-metrics exposes them.
 *
 * node-exporter's ServiceMonitor sets `instance` to the node's name (node-exporter.ts), so its
 * alerts name the node as `instance`; kube-state-metrics names it `node`.
 */
import type { Spec } from "../../../spec/schema.js";
import { promql } from "../meta-monitoring-rules.js";
import { clusterMatchers, sel, type ClusterAlertGroup } from "./cluster-alert.js";

/** The trend that predict_linear extrapolates: long enough to smooth out daily bursts. */
export const FILLING_TREND_WINDOW = "6h";
/** Below this share free a filling trend alerts; above it, a brief burst of writes would read as "full in hours". */
export const FILLING_GUARD_PERCENT = 40;

export function nodeAlertGroup(spec: Spec): ClusterAlertGroup {
  const m = clusterMatchers(spec);
  const a = spec.clusterAlerts;
  // node_filesystem_*: node_exporter collector/filesystem_common.go (labels device, fstype,
  // mountpoint); pseudo filesystems without a type are left out.
  const fs = (metric: string) => `${metric}${sel(m.nodeExporter, 'fstype!="",mountpoint!=""')}`;
  const freePercent = `100 * ${fs("node_filesystem_avail_bytes")} / ${fs("node_filesystem_size_bytes")}`;
  const writable = `${fs("node_filesystem_readonly")} == 0`;
  const almostFull = (severity: "warning" | "critical", percent: number) => ({
    target: "nodeExporter" as const,
    thresholds: [severity === "warning" ? ("freeSpaceWarningPercent" as const) : ("freeSpaceCriticalPercent" as const)],
    rule: {
      alert: "HamonNodeFilesystemAlmostFull",
      expr: promql(`
        ${freePercent} < ${percent}
          and
        ${writable}
      `),
      for: "30m",
      labels: { severity },
      annotations: {
        summary: `A node filesystem has less than ${percent}% space free.`,
        description: `{{ $labels.mountpoint }} ({{ $labels.device }}) on node {{ $labels.instance }} has {{ $value | humanize }}% free. When it fills, the kubelet evicts pods (disk pressure) and writes fail. Check first: what grew (container logs, images, emptyDir volumes under /var/lib/kubelet); kubectl describe node {{ $labels.instance }} for DiskPressure.`,
      },
    },
  });
  return {
    name: "hamon-cluster-nodes",
    title: "Nodes",
    alerts: [
      {
        // `up`: Prometheus' own health of each target (prometheus.io/docs/concepts/jobs_instances/).
        target: "nodeExporter",
        thresholds: [],
        rule: {
          alert: "HamonNodeExporterDown",
          expr: `up${sel(m.nodeExporter)} == 0`,
          for: "5m",
          labels: { severity: "warning" },
          annotations: {
            summary: "node-exporter on a node answers no scrapes.",
            description:
              "node-exporter on node {{ $labels.instance }} has answered no scrape for 5 minutes: that node's filesystem and clock alerts are blind. Check first: is the node Ready; is the node-exporter pod running there (kubectl -n {{ $labels.namespace }} get pods -o wide); does a host firewall block port 9100 from Prometheus.",
          },
        },
      },
      {
        // kube_node_status_condition{node, condition, status}: kube-state-metrics
        // docs/metrics/cluster/node-metrics.md; one series per status, 1 on the current one.
        target: "kubeStateMetrics",
        thresholds: ["notReadyFor"],
        rule: {
          alert: "HamonNodeNotReady",
          expr: `max by (node) (kube_node_status_condition${sel(m.kubeStateMetrics, 'condition="Ready",status="true"')}) == 0`,
          for: a.notReadyFor.toString(),
          labels: { severity: "warning" },
          annotations: {
            summary: "A node is not Ready.",
            description: `Node {{ $labels.node }} has not been Ready for ${a.notReadyFor.toString()}: no new pods go there and its pods are evicted after the taint's toleration. Check first: kubectl describe node {{ $labels.node }} (conditions, events); the kubelet's and the container runtime's logs on the node; the node's network.`,
          },
        },
      },
      {
        // predict_linear: prometheus.io/docs/prometheus/latest/querying/functions/#predict_linear.
        target: "nodeExporter",
        thresholds: ["fillingUpWithin"],
        rule: {
          alert: "HamonNodeFilesystemFillingUp",
          expr: promql(`
            ${freePercent} < ${FILLING_GUARD_PERCENT}
              and
            predict_linear(${fs("node_filesystem_avail_bytes")}[${FILLING_TREND_WINDOW}], ${a.fillingUpWithin.seconds}) < 0
              and
            ${writable}
          `),
          for: "1h",
          labels: { severity: "warning" },
          annotations: {
            summary: `A node filesystem will be full within ${a.fillingUpWithin.toString()} at its current rate.`,
            description: `{{ $labels.mountpoint }} ({{ $labels.device }}) on node {{ $labels.instance }} has {{ $value | humanize }}% free and the last ${FILLING_TREND_WINDOW} of writes fill it within ${a.fillingUpWithin.toString()}. Check first: what grows (container logs, images, emptyDir volumes); whether image garbage collection runs.`,
          },
        },
      },
      almostFull("warning", a.freeSpaceWarningPercent),
      almostFull("critical", a.freeSpaceCriticalPercent),
      ...(["MemoryPressure", "PIDPressure"] as const).map((condition) => ({
        target: "kubeStateMetrics" as const,
        thresholds: [],
        rule: {
          alert: `HamonNode${condition}`,
          expr: `max by (node) (kube_node_status_condition${sel(m.kubeStateMetrics, `condition="${condition}",status="true"`)}) == 1`,
          for: "5m",
          labels: { severity: "warning" },
          annotations: {
            summary: `A node reports ${condition}.`,
            description:
              condition === "MemoryPressure"
                ? "Node {{ $labels.node }} is short of memory: the kubelet evicts pods, BestEffort ones first, and admits no new BestEffort pods. Check first: kubectl top pods on that node; pods without memory limits; whether requests match use."
                : "Node {{ $labels.node }} is short of process IDs: the kubelet evicts pods and new processes fail to start. Check first: a pod that forks without bound (ps on the node); the pod's pids limit (podPidsLimit in the kubelet configuration).",
          },
        },
      })),
      {
        // node_timex_offset_seconds: node_exporter collector/timex.go (adjtimex(2) offset from the time source).
        target: "nodeExporter",
        thresholds: ["clockSkewSeconds"],
        rule: {
          alert: "HamonNodeClockSkew",
          expr: `abs(node_timex_offset_seconds${sel(m.nodeExporter)}) > ${a.clockSkewSeconds}`,
          for: "10m",
          labels: { severity: "warning" },
          annotations: {
            summary: `A node's clock is more than ${a.clockSkewSeconds}s off its time source.`,
            description: `The clock of node {{ $labels.instance }} is {{ $value | humanize }}s off: certificates, leases and the timestamps of its metrics and logs go wrong. Check first: the node's NTP or chrony service (chronyc tracking, timedatectl) and whether it reaches its time servers.`,
          },
        },
      },
    ],
  };
}
