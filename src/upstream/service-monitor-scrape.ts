/**
 * The scrape the Prometheus Operator writes for one ServiceMonitor endpoint: which target labels
 * its relabelings give each target (`job`, `namespace`, `service`, `pod`, `container`, `endpoint`),
 * then the endpoint's own `relabelings`. The lab replays it on a static target whose `__meta_*`
 * labels stand for what Kubernetes endpoints discovery would give, so that a real Prometheus
 * produces the same series labels as in the cluster.
 *
 * Sources: prometheus-operator pkg/prometheus/promcfg.go (generateServiceMonitorConfig) and its
 * golden test output (pkg/prometheus/promcfg_test.go): after the `keep` on the Service's labels and
 * port name, in order: `node`/`pod` from the endpoint's target, `namespace` ← namespace, `service`
 * ← Service name, `pod` ← pod name, `container` ← container name, `job` ← Service name (then the
 * Service label named by `jobLabel`, when set and non-empty), `endpoint` ← port name, then the
 * endpoint's `relabelings`, then the shard's `hashmod` keep. Documentation/api-reference/api.md,
 * ServiceMonitorSpec.jobLabel: "If the value of this field is empty or if the label doesn't exist
 * for the given Service, the job label of the metrics defaults to the name of the associated
 * Kubernetes Service."
 */

/** One entry of a monitor's `relabelings`, as the CRD spells it (camelCase). */
export interface MonitorRelabeling {
  sourceLabels?: string[];
  separator?: string;
  targetLabel?: string;
  regex?: string;
  modulus?: number;
  replacement?: string;
  action?: string;
}

/** One `relabel_configs` entry, as prometheus.yml spells it. */
export interface RelabelConfig {
  source_labels?: string[];
  separator?: string;
  target_label?: string;
  regex?: string;
  modulus?: number;
  replacement?: string;
  action?: string;
}

/** A ServiceMonitor endpoint, the fields that shape its targets' labels. */
export interface ServiceMonitorEndpoint {
  port: string;
  relabelings?: MonitorRelabeling[];
}

/** The `job` label of a ServiceMonitor's targets: the Service label `jobLabel` names, else the Service's name. */
export function serviceMonitorJob(
  service: { name: string; labels?: Record<string, string> },
  jobLabel?: string,
): string {
  const fromLabel = jobLabel ? service.labels?.[jobLabel] : undefined;
  return fromLabel !== undefined && fromLabel !== "" ? fromLabel : service.name;
}

/** The Service label's name in `__meta_kubernetes_service_label_<name>`: every character not [a-zA-Z0-9_] becomes `_`. */
const metaLabelName = (label: string) => label.replace(/[^a-zA-Z0-9_]/g, "_");

export function toRelabelConfig(r: MonitorRelabeling): RelabelConfig {
  const out: RelabelConfig = {};
  if (r.sourceLabels !== undefined) out.source_labels = r.sourceLabels;
  if (r.separator !== undefined) out.separator = r.separator;
  if (r.targetLabel !== undefined) out.target_label = r.targetLabel;
  if (r.regex !== undefined) out.regex = r.regex;
  if (r.modulus !== undefined) out.modulus = r.modulus;
  if (r.replacement !== undefined) out.replacement = r.replacement;
  if (r.action !== undefined) out.action = r.action.toLowerCase();
  return out;
}

/**
 * The target relabelings the operator generates for a ServiceMonitor endpoint (one shard: the
 * `keep` steps on the Service's labels and port and the `hashmod` keep select targets, they add no
 * label, and are left out).
 */
export function serviceMonitorRelabelConfigs(endpoint: ServiceMonitorEndpoint, jobLabel?: string): RelabelConfig[] {
  return [
    {
      source_labels: [
        "__meta_kubernetes_endpoint_address_target_kind",
        "__meta_kubernetes_endpoint_address_target_name",
      ],
      separator: ";",
      regex: "Node;(.*)",
      replacement: "${1}",
      target_label: "node",
    },
    {
      source_labels: [
        "__meta_kubernetes_endpoint_address_target_kind",
        "__meta_kubernetes_endpoint_address_target_name",
      ],
      separator: ";",
      regex: "Pod;(.*)",
      replacement: "${1}",
      target_label: "pod",
    },
    { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
    { source_labels: ["__meta_kubernetes_service_name"], target_label: "service" },
    { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
    { source_labels: ["__meta_kubernetes_pod_container_name"], target_label: "container" },
    { source_labels: ["__meta_kubernetes_service_name"], target_label: "job", replacement: "${1}" },
    ...(jobLabel
      ? [
          {
            source_labels: [`__meta_kubernetes_service_label_${metaLabelName(jobLabel)}`],
            target_label: "job",
            regex: "(.+)",
            replacement: "${1}",
          },
        ]
      : []),
    { target_label: "endpoint", replacement: endpoint.port },
    ...(endpoint.relabelings ?? []).map(toRelabelConfig),
  ];
}
