/**
 * What every cluster alert shares: which scrape target it reads, the spec thresholds it uses (for
 * the documentation), and the label matchers that pick hamon's own scrape of each target.
 *
 * The matchers follow what the rendered monitors produce: the Prometheus Operator sets `job` to
 * the Service's name and adds the target's `namespace` (prometheus-operator
 * Documentation/api-reference/api.md, ServiceMonitorSpec.jobLabel; pkg/prometheus/promcfg.go).
 */
import type { ClusterAlertsSpec, Spec } from "../../../spec/schema.js";
import { API_SERVER_SERVICE, COREDNS_METRICS, KUBELET_SERVICE } from "../../../upstream/cluster-targets.js";
import { stackNames } from "../../stack-facts.js";
import type { AlertingRule } from "../meta-monitoring-rules.js";

/** The scrape target whose metrics an alert reads; the alert is rendered only when it is on. */
export type ClusterTarget = "nodeExporter" | "kubeStateMetrics" | "kubelet" | "apiServer" | "coreDns" | "every";

export interface ClusterAlert {
  target: ClusterTarget;
  /** The `clusterAlerts` keys the rule's thresholds come from. */
  thresholds: ReadonlyArray<keyof ClusterAlertsSpec>;
  rule: AlertingRule;
}

export interface ClusterAlertGroup {
  name: string;
  /** A heading for the documentation. */
  title: string;
  alerts: ClusterAlert[];
}

/** Whether the spec scrapes a target. */
export function targetIsOn(spec: Spec, target: ClusterTarget): boolean {
  if (target === "every") return true;
  if (target === "coreDns") return spec.targets.coreDns.enabled;
  return spec.targets[target];
}

/** Label matchers (without braces) that select hamon's scrape of each cluster target. */
export interface ClusterMatchers {
  nodeExporter: string;
  kubeStateMetrics: string;
  kubelet: string;
  /** Every endpoint of the kubelet job: its metrics, cAdvisor's and the probes'. */
  kubeletJob: string;
  apiServer: string;
  coreDns: string;
}

export function clusterMatchers(spec: Spec): ClusterMatchers {
  const names = stackNames(spec);
  return {
    // node-exporter runs in its own namespace; another node-exporter the Prometheus also scrapes
    // (a kube-prometheus one, say) has another namespace and is left out.
    nodeExporter: `job="${names.nodeExporter}",namespace="${names.nodeExporterNamespace}"`,
    // kube-state-metrics is scraped with honorLabels, so `namespace` is the object's; its
    // ServiceMonitor sets `instance` to the Service's name (kube-state-metrics.ts), which marks
    // hamon's one target.
    kubeStateMetrics: `job="${names.kubeStateMetrics}",instance="${names.kubeStateMetrics}"`,
    // The kubelet's own metrics endpoint, not cAdvisor's or the probes' (cluster-monitors.ts sets metrics_path).
    kubelet: `job="${KUBELET_SERVICE.name}",metrics_path="/metrics"`,
    kubeletJob: `job="${KUBELET_SERVICE.name}"`,
    apiServer: `job="${API_SERVER_SERVICE.name}"`,
    // The CoreDNS Service's name differs by distribution (spec targets.coreDns.serviceLabels);
    // its series carry no namespace of their own, so the target's namespace marks them.
    coreDns: `namespace="${COREDNS_METRICS.namespace}"`,
  };
}

/** `{matchers,extra}` */
export const sel = (matchers: string, extra = ""): string => `{${matchers}${extra ? `,${extra}` : ""}}`;
