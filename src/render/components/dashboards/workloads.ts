/**
 * Namespace and workload resources: CPU and memory used (cAdvisor through the kubelet) against
 * what the pods request and are limited to (kube-state-metrics), per namespace and per workload
 * (Deployment, StatefulSet, DaemonSet, Job) of the namespaces chosen. Usage above requests is
 * what the scheduler did not plan for; memory near limits is where the OOM killer strikes.
 */
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Spec } from "../../../spec/schema.js";
import { finishDashboard, labelVariable, sel, timeseries, type PanelQuery } from "./panels.js";
import { RECORDED } from "./recording-rules.js";
import { scrapeJobs } from "./scrape-jobs.js";

export const WORKLOADS_DASHBOARD_UID = "hamon-workloads";

type Resource = "cpu" | "memory";

export function workloadsDashboard(spec: Spec): Dashboard {
  const ns = sel(`namespace=~"$namespace"`);
  const usage: Record<Resource, string> = {
    cpu: `${RECORDED.containerCpu}${ns}`,
    memory: `${RECORDED.containerMemory}${ns}`,
  };
  const declared = (kind: "activeRequests" | "activeLimits", resource: Resource) =>
    `${RECORDED[kind]}${sel(`namespace=~"$namespace"`, `resource="${resource}"`)}`;
  const byWorkload = (inner: string) =>
    `sum by (namespace, workload) (${inner} * on (namespace, pod) group_left (workload) ${RECORDED.podWorkload}${ns})`;
  const unit: Record<Resource, string> = { cpu: "short", memory: "bytes" };
  const what: Record<Resource, string> = { cpu: "CPU cores", memory: "Working-set memory" };

  const namespacePanels = (resource: Resource) => [
    timeseries(
      {
        title: `${resource === "cpu" ? "CPU" : "Memory"} by namespace`,
        description: `${what[resource]} used by each namespace's containers, with what they request and are limited to.`,
        unit: unit[resource],
      },
      [
        { expr: `sum by (namespace) (${usage[resource]})`, legend: "{{namespace}} used" },
        { expr: `sum by (namespace) (${declared("activeRequests", resource)})`, legend: "{{namespace}} requested" },
        { expr: `sum by (namespace) (${declared("activeLimits", resource)})`, legend: "{{namespace}} limit" },
      ],
    ),
    timeseries(
      {
        title: `${resource === "cpu" ? "CPU" : "Memory"} used / requested by namespace`,
        description: "Above 1, the namespace uses more than it asked the scheduler for.",
        unit: "percentunit",
      },
      [
        {
          expr: `sum by (namespace) (${usage[resource]}) / sum by (namespace) (${declared("activeRequests", resource)})`,
          legend: "{{namespace}}",
        },
      ],
    ),
  ];

  const workloadPanels = (resource: Resource) => {
    const queries: PanelQuery[] = [
      { expr: byWorkload(usage[resource]), legend: "{{namespace}}/{{workload}} used" },
      { expr: byWorkload(declared("activeRequests", resource)), legend: "{{namespace}}/{{workload}} requested" },
    ];
    return [
      timeseries(
        {
          title: `${resource === "cpu" ? "CPU" : "Memory"} by workload`,
          description: `${what[resource]} used by each workload's pods, and what they request.`,
          unit: unit[resource],
        },
        queries,
      ),
      timeseries(
        {
          title: `${resource === "cpu" ? "CPU" : "Memory"} used / limit by workload`,
          description:
            resource === "memory"
              ? "Near 1, a container is about to be killed for exceeding its memory limit."
              : "Near 1, the workload is throttled at its CPU limit.",
          unit: "percentunit",
        },
        [
          {
            expr: `${byWorkload(usage[resource])} / ${byWorkload(declared("activeLimits", resource))}`,
            legend: "{{namespace}}/{{workload}}",
          },
        ],
      ),
    ];
  };

  return finishDashboard({
    uid: WORKLOADS_DASHBOARD_UID,
    title: "hamon / Namespaces and workloads",
    description: "CPU and memory used against requests and limits, per namespace and per workload.",
    variables: [
      labelVariable(
        "namespace",
        "namespace",
        `kube_namespace_status_phase${sel(`job="${scrapeJobs(spec).kubeStateMetrics}"`)}`,
        "Namespace",
      ),
    ],
    rows: [
      { title: "Namespaces: CPU", panels: namespacePanels("cpu") },
      { title: "Namespaces: memory", panels: namespacePanels("memory") },
      { title: "Workloads: CPU", panels: workloadPanels("cpu") },
      { title: "Workloads: memory", panels: workloadPanels("memory") },
    ],
  });
}
