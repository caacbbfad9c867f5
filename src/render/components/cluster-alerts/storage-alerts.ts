/**
 * Storage alerts: how full each PersistentVolume is, as the kubelet that mounts it measures it,
 * and PersistentVolumes that failed, as kube-state-metrics reports them.
 *
 * kubelet_volume_stats_{available,capacity}_bytes{namespace, persistentvolumeclaim}: the kubelet's
 * volume stats collector (kubernetes pkg/kubelet/metrics/collectors/volume_stats.go; listed in
 * kubernetes.io/docs/reference/instrumentation/metrics/). The kubelet is scraped with honorLabels,
 * so `namespace` is the claim's.
 */
import type { Spec } from "../../../spec/schema.js";
import { promql } from "../meta-monitoring-rules.js";
import { clusterMatchers, sel, type ClusterAlertGroup } from "./cluster-alert.js";
import { FILLING_GUARD_PERCENT, FILLING_TREND_WINDOW } from "./node-alerts.js";

export function storageAlertGroup(spec: Spec): ClusterAlertGroup {
  const m = clusterMatchers(spec);
  const a = spec.clusterAlerts;
  const stat = (metric: string) => `${metric}${sel(m.kubelet)}`;
  // One value per claim, whichever node mounts it.
  const claim = (expr: string) => `max by (namespace, persistentvolumeclaim) (${expr})`;
  const freePercent = claim(
    `100 * ${stat("kubelet_volume_stats_available_bytes")} / ${stat("kubelet_volume_stats_capacity_bytes")}`,
  );
  const almostFull = (severity: "warning" | "critical", percent: number) => ({
    target: "kubelet" as const,
    thresholds: [severity === "warning" ? ("freeSpaceWarningPercent" as const) : ("freeSpaceCriticalPercent" as const)],
    rule: {
      alert: "HamonPersistentVolumeAlmostFull",
      expr: `${freePercent} < ${percent}`,
      for: "5m",
      labels: { severity },
      annotations: {
        summary: `A PersistentVolume has less than ${percent}% space free.`,
        description: `The volume of claim {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} has {{ $value | humanize }}% free; when it fills, its application's writes fail. Check first: what the application keeps (retention, logs, temporary files); expand the claim if its StorageClass sets allowVolumeExpansion.`,
      },
    },
  });
  return {
    name: "hamon-cluster-storage",
    title: "Storage",
    alerts: [
      {
        target: "kubelet",
        thresholds: ["fillingUpWithin"],
        rule: {
          alert: "HamonPersistentVolumeFillingUp",
          expr: promql(`
            ${freePercent} < ${FILLING_GUARD_PERCENT}
              and on (namespace, persistentvolumeclaim)
            ${claim(`predict_linear(${stat("kubelet_volume_stats_available_bytes")}[${FILLING_TREND_WINDOW}], ${a.fillingUpWithin.seconds})`)} < 0
          `),
          for: "1h",
          labels: { severity: "warning" },
          annotations: {
            summary: `A PersistentVolume will be full within ${a.fillingUpWithin.toString()} at its current rate.`,
            description: `The volume of claim {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} has {{ $value | humanize }}% free and the last ${FILLING_TREND_WINDOW} of writes fill it within ${a.fillingUpWithin.toString()}. Check first: what the application keeps (retention, logs, temporary files); expand the claim if its StorageClass sets allowVolumeExpansion.`,
          },
        },
      },
      almostFull("warning", a.freeSpaceWarningPercent),
      almostFull("critical", a.freeSpaceCriticalPercent),
      {
        // kube_persistentvolume_status_phase{persistentvolume, phase}: kube-state-metrics
        // docs/metrics/storage/persistentvolume-metrics.md. Failed: reclamation failed; Pending:
        // not yet available.
        target: "kubeStateMetrics",
        thresholds: [],
        rule: {
          alert: "HamonPersistentVolumeErrors",
          expr: `max by (persistentvolume, phase) (kube_persistentvolume_status_phase${sel(m.kubeStateMetrics, 'phase=~"Failed|Pending"')}) == 1`,
          for: "5m",
          labels: { severity: "critical" },
          annotations: {
            summary: "A PersistentVolume is Failed or Pending.",
            description:
              "PersistentVolume {{ $labels.persistentvolume }} is {{ $labels.phase }}: Failed means its reclamation failed, Pending that it never became available. Check first: kubectl describe pv {{ $labels.persistentvolume }} (events); the CSI driver's controller logs; the volume in the cloud provider.",
          },
        },
      },
    ],
  };
}
