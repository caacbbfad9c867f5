/**
 * Cluster overview: one screen for "is the cluster all right?": targets up, nodes ready, pods
 * by phase, restarts, capacity committed and used, and the API server and CoreDNS when they are
 * scraped. Each row is there only when its source is (spec `targets`).
 *
 * Metric sources: `up` (prometheus.io/docs/concepts/jobs_instances/); kube_node_*, kube_pod_*,
 * kube_deployment_* (kube-state-metrics docs/metrics/); apiserver_request_total (Kubernetes
 * metrics reference, kubernetes.io/docs/reference/instrumentation/metrics/); coredns_dns_*
 * (coredns.io/plugins/metrics/).
 */
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Spec } from "../../../spec/schema.js";
import { finishDashboard, sel, stat, timeseries } from "./panels.js";
import { RECORDED } from "./recording-rules.js";
import { scrapeJobs } from "./scrape-jobs.js";

export const CLUSTER_OVERVIEW_DASHBOARD_UID = "hamon-cluster";

type Row = Parameters<typeof finishDashboard>[0]["rows"][number];

export function clusterOverviewDashboard(spec: Spec): Dashboard {
  const jobs = scrapeJobs(spec);
  const t = spec.targets;
  const ksm = sel(`job="${jobs.kubeStateMetrics}"`);
  const ksmWith = (...more: string[]) => sel(`job="${jobs.kubeStateMetrics}"`, ...more);
  const rows: Row[] = [
    {
      title: "Targets",
      panels: [
        timeseries(
          {
            title: "Targets up by job",
            description: "Share of each job's targets that answered their last scrape.",
            unit: "percentunit",
          },
          [{ expr: "avg by (job) (up)", legend: "{{job}}" }],
          24,
        ),
      ],
    },
  ];
  if (t.kubeStateMetrics) {
    rows.push({
      title: "Nodes and pods",
      panels: [
        stat({ title: "Nodes", description: "Nodes the API server knows.", unit: "short" }, [
          { expr: `count(kube_node_info${ksm})`, legend: "nodes" },
        ]),
        stat(
          {
            title: "Nodes not ready",
            description: "Nodes whose Ready condition is false or unknown.",
            unit: "short",
          },
          [
            {
              expr: `sum(kube_node_status_condition${ksmWith(`condition="Ready"`, `status!="true"`)})`,
              legend: "not ready",
            },
          ],
          { redAt: 1 },
        ),
        stat(
          {
            title: "Pods not ready",
            description: "Running or pending pods whose Ready condition is not true.",
            unit: "short",
          },
          [
            {
              expr: `sum(kube_pod_status_ready${ksmWith(`condition!="true"`)} * on (namespace, pod) group_left () max by (namespace, pod) (kube_pod_status_phase${ksmWith(`phase=~"Pending|Running"`)} == 1))`,
              legend: "not ready",
            },
          ],
          { redAt: 1 },
        ),
        stat(
          {
            title: "Deployments short of replicas",
            description: "Deployments with fewer available replicas than they ask for.",
            unit: "short",
          },
          [
            {
              expr: `count(kube_deployment_status_replicas_unavailable${ksm} > 0) or vector(0)`,
              legend: "deployments",
            },
          ],
          { redAt: 1 },
        ),
        timeseries({ title: "Pods by phase", description: "Pods in each phase.", unit: "short" }, [
          { expr: `sum by (phase) (kube_pod_status_phase${ksm})`, legend: "{{phase}}" },
        ]),
        timeseries(
          {
            title: "Container restarts",
            description: "Container restarts per namespace over the last hour: a crash loop shows as a steady climb.",
            unit: "short",
          },
          [
            {
              expr: `sum by (namespace) (increase(kube_pod_container_status_restarts_total${ksm}[1h])) > 0`,
              legend: "{{namespace}}",
            },
          ],
        ),
        timeseries(
          {
            title: "CPU and memory requested / allocatable",
            description:
              "Share of the nodes' allocatable CPU and memory that running and pending pods request: near 1, new pods stay Pending.",
            unit: "percentunit",
          },
          [
            {
              expr: `sum(${RECORDED.activeRequests}${sel(`resource="cpu"`)}) / sum(kube_node_status_allocatable${ksmWith(`resource="cpu"`)})`,
              legend: "CPU",
            },
            {
              expr: `sum(${RECORDED.activeRequests}${sel(`resource="memory"`)}) / sum(kube_node_status_allocatable${ksmWith(`resource="memory"`)})`,
              legend: "memory",
            },
          ],
          24,
        ),
      ],
    });
  }
  if (t.nodeExporter) {
    const node = sel(`job="${jobs.nodeExporter}"`);
    rows.push({
      title: "Node resources used",
      panels: [
        timeseries(
          {
            title: "CPU utilisation",
            description: "Cluster-wide share of CPU busy, and the busiest node.",
            unit: "percentunit",
          },
          [
            {
              expr: `sum(${RECORDED.nodeCpuUtilisation}${node} * ${RECORDED.nodeCpus}${node}) / sum(${RECORDED.nodeCpus}${node})`,
              legend: "cluster",
            },
            { expr: `max(${RECORDED.nodeCpuUtilisation}${node})`, legend: "busiest node" },
          ],
        ),
        timeseries(
          {
            title: "Memory utilisation",
            description: "Cluster-wide share of memory not available, and the fullest node.",
            unit: "percentunit",
          },
          [
            {
              expr: `1 - sum(node_memory_MemAvailable_bytes${node}) / sum(node_memory_MemTotal_bytes${node})`,
              legend: "cluster",
            },
            {
              expr: `max(1 - node_memory_MemAvailable_bytes${node} / node_memory_MemTotal_bytes${node})`,
              legend: "fullest node",
            },
          ],
        ),
      ],
    });
  }
  if (t.kubelet) {
    rows.push({
      title: "Containers",
      panels: [
        timeseries(
          {
            title: "CPU used by namespace",
            description: "CPU cores used by each namespace's containers (cAdvisor).",
            unit: "short",
          },
          [{ expr: `sum by (namespace) (${RECORDED.containerCpu})`, legend: "{{namespace}}" }],
        ),
        timeseries(
          {
            title: "Memory used by namespace",
            description: "Working-set memory of each namespace's containers (cAdvisor).",
            unit: "bytes",
          },
          [{ expr: `sum by (namespace) (${RECORDED.containerMemory})`, legend: "{{namespace}}" }],
        ),
      ],
    });
  }
  if (t.apiServer) {
    const api = sel(`job="${jobs.apiServer}"`);
    rows.push({
      title: "API server",
      panels: [
        timeseries(
          { title: "Requests by code", description: "API requests per second by HTTP status class.", unit: "reqps" },
          [
            {
              expr: `sum by (code_class) (label_replace(rate(apiserver_request_total${api}[$__rate_interval]), "code_class", "\${1}xx", "code", "([0-9]).."))`,
              legend: "{{code_class}}",
            },
          ],
        ),
        timeseries(
          {
            title: "Error ratio",
            description: "Share of API requests answered with a 5xx status.",
            unit: "percentunit",
          },
          [
            {
              expr: `sum(rate(apiserver_request_total${sel(`job="${jobs.apiServer}"`, `code=~"5.."`)}[$__rate_interval])) / sum(rate(apiserver_request_total${api}[$__rate_interval]))`,
              legend: "5xx",
            },
          ],
        ),
      ],
    });
  }
  if (t.coreDns.enabled) {
    rows.push({
      title: "CoreDNS",
      panels: [
        timeseries({ title: "DNS requests", description: "DNS queries per second by record type.", unit: "reqps" }, [
          { expr: "sum by (type) (rate(coredns_dns_requests_total[$__rate_interval]))", legend: "{{type}}" },
        ]),
        timeseries(
          {
            title: "DNS responses by code",
            description: "Answers per second by response code: SERVFAIL means CoreDNS could not answer.",
            unit: "reqps",
          },
          [{ expr: "sum by (rcode) (rate(coredns_dns_responses_total[$__rate_interval]))", legend: "{{rcode}}" }],
        ),
      ],
    });
  }
  return finishDashboard({
    uid: CLUSTER_OVERVIEW_DASHBOARD_UID,
    title: "hamon / Cluster overview",
    description: "Targets, nodes, pods, capacity and the control plane at a glance.",
    rows,
  });
}
