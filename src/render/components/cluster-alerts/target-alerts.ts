/**
 * The generic target-down alert: a share of one job's scrape targets down. `up` is Prometheus'
 * own health of each target (prometheus.io/docs/concepts/jobs_instances/). node-exporter and the
 * kubelet have their own alert per node, so they are left out here when they are scraped.
 *
 * With shards, each shard sees its own subset of a job's targets: the share is then the share of
 * that subset, which is still the right signal, and no shard alerts on targets it does not scrape.
 */
import type { Spec } from "../../../spec/schema.js";
import { promql } from "../meta-monitoring-rules.js";
import { clusterMatchers, type ClusterAlertGroup } from "./cluster-alert.js";

export function targetAlertGroup(spec: Spec): ClusterAlertGroup {
  const m = clusterMatchers(spec);
  const a = spec.clusterAlerts;
  const ownAlerts = [
    ...(spec.targets.nodeExporter ? [`up{${m.nodeExporter}}`] : []),
    ...(spec.targets.kubelet ? [`up{${m.kubeletJob}}`] : []),
  ];
  const up = ownAlerts.length > 0 ? `(up unless ${ownAlerts.join(" unless ")})` : "up";
  return {
    name: "hamon-cluster-targets",
    title: "Targets",
    alerts: [
      {
        target: "every",
        thresholds: ["targetDownPercent"],
        rule: {
          alert: "HamonTargetDown",
          expr: promql(`
            100 * count by (namespace, job) (${up} == 0)
              /
            count by (namespace, job) (${up})
              > ${a.targetDownPercent}
          `),
          for: "10m",
          labels: { severity: "warning" },
          annotations: {
            summary: `More than ${a.targetDownPercent}% of a job's targets are down.`,
            description:
              '{{ $value | humanize }}% of the targets of job {{ $labels.job }} in {{ $labels.namespace }} answer no scrape: their metrics and alerts are missing. Check first: up{job="{{ $labels.job }}"} for which ones; whether their pods run; the Prometheus targets page for the scrape error (refused, timeout, 401/403).',
          },
        },
      },
    ],
  };
}
