/**
 * Workload alerts, from kube-state-metrics (docs/metrics/workload/*.md of kube-state-metrics 2.x).
 *
 * hamon's two kube-state-metrics replicas are one scrape target (kube-state-metrics.ts), so no
 * series is doubled; every expression still aggregates `by` the object's identity
 * (`max by (namespace, pod)`, …), so that the alert carries the object's labels alone and a
 * series that did reach Prometheus twice would still make one alert.
 */
import type { Spec } from "../../../spec/schema.js";
import { promql } from "../meta-monitoring-rules.js";
import { clusterMatchers, sel, type ClusterAlertGroup } from "./cluster-alert.js";

/** The window in which restarts count towards crash looping, and in which a rollout must make progress. */
export const RESTART_WINDOW = "15m";
export const PROGRESS_WINDOW = "10m";

export function workloadAlertGroup(spec: Spec): ClusterAlertGroup {
  const m = clusterMatchers(spec);
  const a = spec.clusterAlerts;
  const ksm = (metric: string, extra = "") => `${metric}${sel(m.kubeStateMetrics, extra)}`;
  /** `max by (labels) (metric{…})` */
  const by = (labels: string, metric: string, extra = "") => `max by (${labels}) (${ksm(metric, extra)})`;
  const stuck = a.rolloutStuckFor.toString();
  return {
    name: "hamon-cluster-workloads",
    title: "Workloads",
    alerts: [
      {
        // kube_pod_container_status_restarts_total (counter) and
        // kube_pod_container_status_waiting_reason{reason}: docs/metrics/workload/pod-metrics.md.
        target: "kubeStateMetrics",
        thresholds: ["crashLoopRestarts"],
        rule: {
          alert: "HamonPodCrashLooping",
          expr: promql(`
            max by (namespace, pod, container) (increase(${ksm("kube_pod_container_status_restarts_total")}[${RESTART_WINDOW}])) >= ${a.crashLoopRestarts}
              or
            ${by("namespace, pod, container", "kube_pod_container_status_waiting_reason", 'reason="CrashLoopBackOff"')} == 1
          `),
          for: "5m",
          labels: { severity: "warning" },
          annotations: {
            summary: "A container is crash looping.",
            description: `Container {{ $labels.container }} of pod {{ $labels.namespace }}/{{ $labels.pod }} restarted at least ${a.crashLoopRestarts} times in ${RESTART_WINDOW} or waits in CrashLoopBackOff. Check first: kubectl -n {{ $labels.namespace }} logs {{ $labels.pod }} -c {{ $labels.container }} --previous; the last state's reason in kubectl describe pod (OOMKilled, a failing probe, an error exit).`,
          },
        },
      },
      {
        // kube_deployment_spec_replicas, kube_deployment_status_replicas_available,
        // kube_deployment_status_replicas_updated: docs/metrics/workload/deployment-metrics.md.
        target: "kubeStateMetrics",
        thresholds: ["rolloutStuckFor"],
        rule: {
          alert: "HamonDeploymentReplicasMismatch",
          expr: promql(`
            ${by("namespace, deployment", "kube_deployment_spec_replicas")}
              >
            ${by("namespace, deployment", "kube_deployment_status_replicas_available")}
              and on (namespace, deployment)
            max by (namespace, deployment) (changes(${ksm("kube_deployment_status_replicas_updated")}[${PROGRESS_WINDOW}])) == 0
          `),
          for: stuck,
          labels: { severity: "warning" },
          annotations: {
            summary: "A Deployment has fewer available replicas than it asks for.",
            description: `Deployment {{ $labels.namespace }}/{{ $labels.deployment }} has had fewer available replicas than desired for ${stuck}, with no rollout progress. Check first: kubectl -n {{ $labels.namespace }} get pods of it (Pending: resources, quotas, affinity; not Ready: probes, crashes); kubectl rollout status deployment/{{ $labels.deployment }}.`,
          },
        },
      },
      {
        // kube_statefulset_replicas, kube_statefulset_status_replicas_updated:
        // docs/metrics/workload/statefulset-metrics.md.
        target: "kubeStateMetrics",
        thresholds: ["rolloutStuckFor"],
        rule: {
          alert: "HamonStatefulSetRolloutStuck",
          expr: promql(`
            ${by("namespace, statefulset", "kube_statefulset_status_replicas_updated")}
              <
            ${by("namespace, statefulset", "kube_statefulset_replicas")}
              and on (namespace, statefulset)
            max by (namespace, statefulset) (changes(${ksm("kube_statefulset_status_replicas_updated")}[${PROGRESS_WINDOW}])) == 0
          `),
          for: stuck,
          labels: { severity: "warning" },
          annotations: {
            summary: "A StatefulSet rollout makes no progress.",
            description: `StatefulSet {{ $labels.namespace }}/{{ $labels.statefulset }} has not moved all its pods to its update revision for ${stuck}. A StatefulSet replaces pods one at a time and waits for each to be Ready, so one stuck pod stops the rollout. Check first: the highest-ordinal pod that is not Ready (kubectl describe pod); its volume claims; for updateStrategy OnDelete, pods wait to be deleted by hand.`,
          },
        },
      },
      {
        // kube_daemonset_status_desired_number_scheduled, _updated_number_scheduled,
        // _number_available: docs/metrics/workload/daemonset-metrics.md.
        target: "kubeStateMetrics",
        thresholds: ["rolloutStuckFor"],
        rule: {
          alert: "HamonDaemonSetRolloutStuck",
          expr: promql(`
            (
              ${by("namespace, daemonset", "kube_daemonset_status_updated_number_scheduled")}
                <
              ${by("namespace, daemonset", "kube_daemonset_status_desired_number_scheduled")}
                or
              ${by("namespace, daemonset", "kube_daemonset_status_number_available")}
                <
              ${by("namespace, daemonset", "kube_daemonset_status_desired_number_scheduled")}
            )
              and on (namespace, daemonset)
            max by (namespace, daemonset) (changes(${ksm("kube_daemonset_status_updated_number_scheduled")}[${PROGRESS_WINDOW}])) == 0
          `),
          for: stuck,
          labels: { severity: "warning" },
          annotations: {
            summary: "A DaemonSet rollout makes no progress.",
            description: `DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }} has lacked an updated, available pod on some of its nodes for ${stuck}. Check first: kubectl -n {{ $labels.namespace }} get pods -o wide of it (which node; Pending for resources or a taint it does not tolerate; crash looping); kubectl rollout status daemonset/{{ $labels.daemonset }}.`,
          },
        },
      },
      {
        // kube_job_failed{job_name, condition}: docs/metrics/workload/job-metrics.md; 1 on the
        // job's current Failed condition status. `job_name`, since `job` is the scrape's.
        target: "kubeStateMetrics",
        thresholds: [],
        rule: {
          alert: "HamonJobFailed",
          expr: `${by("namespace, job_name", "kube_job_failed", 'condition="true"')} == 1`,
          for: "15m",
          labels: { severity: "warning" },
          annotations: {
            summary: "A Job failed.",
            description:
              "Job {{ $labels.namespace }}/{{ $labels.job_name }} failed: its pods failed more often than its backoffLimit allows, or it ran past activeDeadlineSeconds. Check first: kubectl -n {{ $labels.namespace }} describe job {{ $labels.job_name }} and the logs of its failed pods. The alert stays until the Job is deleted (ttlSecondsAfterFinished does that by itself).",
          },
        },
      },
      {
        // kube_pod_status_ready{condition}, kube_pod_status_phase{phase}, kube_pod_owner{owner_kind}:
        // docs/metrics/workload/pod-metrics.md. Pods that finished (phase Succeeded) and Job pods,
        // which are not meant to stay Ready, are left out.
        target: "kubeStateMetrics",
        thresholds: ["notReadyFor"],
        rule: {
          alert: "HamonPodNotReady",
          expr: promql(`
            ${by("namespace, pod", "kube_pod_status_ready", 'condition="true"')} == 0
              unless on (namespace, pod)
            ${by("namespace, pod", "kube_pod_status_phase", 'phase="Succeeded"')} == 1
              unless on (namespace, pod)
            ${by("namespace, pod", "kube_pod_owner", 'owner_kind="Job"')}
          `),
          for: a.notReadyFor.toString(),
          labels: { severity: "warning" },
          annotations: {
            summary: "A pod is not Ready.",
            description: `Pod {{ $labels.namespace }}/{{ $labels.pod }} has not been Ready for ${a.notReadyFor.toString()}: Services send it no traffic. Check first: kubectl -n {{ $labels.namespace }} describe pod {{ $labels.pod }} (Pending: unschedulable or pulling; Running: a failing readiness probe; the events at the end).`,
          },
        },
      },
    ],
  };
}
