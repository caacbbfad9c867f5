/**
 * How the lab's Prometheus scrapes the real node-exporter: as the rendered ServiceMonitor would
 * make the operator scrape it (src/upstream/service-monitor-scrape.ts), on a static loopback
 * target whose `__meta_kubernetes_*` labels name the rendered DaemonSet's pod on a lab node. The
 * real Prometheus then relabels it to the stack's own labels (`job`, `namespace`, `instance` = the
 * node, …), so that the rendered alerts that watch node-exporter select it as they would in the
 * cluster. Pure.
 */
import type { RenderResult } from "../pipeline/render-pipeline.js";
import { stackNames } from "../render/stack-facts.js";
import { selectorMatches, type SelectorLike } from "../k8s/label-selector.js";
import { relabelTarget } from "../upstream/prometheus-relabel.js";
import {
  serviceMonitorJob,
  serviceMonitorRelabelConfigs,
  type RelabelConfig,
  type ServiceMonitorEndpoint,
} from "../upstream/service-monitor-scrape.js";

/** The node the lab's node-exporter stands for (its `instance` label, through the rendered relabeling). */
export const LAB_NODE = "lab-node-0";

export interface RenderedScrape {
  /** The `job` label of the target's series. */
  job: string;
  /** The operator's job name: serviceMonitor/<namespace>/<name>/<endpoint index>. */
  jobName: string;
  /** What Kubernetes endpoints discovery would give the target (pod on LAB_NODE). */
  metaLabels: Record<string, string>;
  relabelConfigs: RelabelConfig[];
}

interface Meta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
}
interface ServiceJson {
  metadata: Meta;
  spec: { selector?: Record<string, string>; ports?: Array<{ name?: string; targetPort?: string | number }> };
}
interface MonitorJson {
  metadata: Meta;
  spec: { selector: SelectorLike; jobLabel?: string; endpoints: ServiceMonitorEndpoint[] };
}
interface DaemonSetJson {
  metadata: Meta;
  spec: {
    template: {
      metadata?: Meta;
      spec: { containers: Array<{ name: string; ports?: Array<{ name?: string; containerPort: number }> }> };
    };
  };
}

function objectsOf<T>(rendered: RenderResult, kind: string, namespace: string): T[] {
  return rendered.manifests
    .map((m) => m.object as { kind?: string; metadata?: Meta })
    .filter((o) => o.kind === kind && o.metadata?.namespace === namespace) as T[];
}

/**
 * The rendered node-exporter's scrape, or undefined when the spec renders no node-exporter.
 * Follows the rendered objects: the Service, the ServiceMonitor that selects it, the DaemonSet
 * whose pods it selects and the container that serves the monitored port.
 */
export function nodeExporterScrape(rendered: RenderResult): RenderedScrape | undefined {
  const names = stackNames(rendered.spec);
  const ns = names.nodeExporterNamespace;
  const service = objectsOf<ServiceJson>(rendered, "Service", ns).find((s) => s.metadata.name === names.nodeExporter);
  if (!service) return undefined;
  const serviceLabels = service.metadata.labels ?? {};
  const monitor = objectsOf<MonitorJson>(rendered, "ServiceMonitor", ns).find((m) =>
    selectorMatches(m.spec.selector, serviceLabels),
  );
  const daemonSet = objectsOf<DaemonSetJson>(rendered, "DaemonSet", ns).find((d) =>
    selectorMatches({ matchLabels: service.spec.selector ?? {} }, d.spec.template.metadata?.labels ?? {}),
  );
  if (!monitor || !daemonSet)
    throw new Error("hamon bug: node-exporter rendered without its ServiceMonitor or DaemonSet");
  const endpoint = monitor.spec.endpoints[0]!;
  const targetPort = service.spec.ports?.find((p) => p.name === endpoint.port)?.targetPort;
  const container =
    daemonSet.spec.template.spec.containers.find((c) => c.ports?.some((p) => p.name === targetPort)) ??
    daemonSet.spec.template.spec.containers[0]!;
  // DaemonSet pods are named <daemonset>-<5 random characters>; the lab's is its one pod on LAB_NODE.
  const pod = `${daemonSet.metadata.name}-lab00`;
  return {
    job: serviceMonitorJob({ name: service.metadata.name!, labels: serviceLabels }, monitor.spec.jobLabel),
    jobName: `serviceMonitor/${ns}/${monitor.metadata.name}/0`,
    metaLabels: {
      __meta_kubernetes_namespace: ns,
      __meta_kubernetes_service_name: service.metadata.name!,
      __meta_kubernetes_endpoint_port_name: endpoint.port,
      __meta_kubernetes_endpoint_address_target_kind: "Pod",
      __meta_kubernetes_endpoint_address_target_name: pod,
      __meta_kubernetes_pod_name: pod,
      __meta_kubernetes_pod_container_name: container.name,
      __meta_kubernetes_pod_node_name: LAB_NODE,
    },
    relabelConfigs: serviceMonitorRelabelConfigs(endpoint, monitor.spec.jobLabel),
  };
}

/** The prometheus.yml scrape config of that target, served at `address` (host:port). */
export function labScrapeConfig(scrape: RenderedScrape, address: string): Record<string, unknown> {
  return {
    job_name: scrape.jobName,
    static_configs: [{ targets: [address], labels: scrape.metaLabels }],
    relabel_configs: scrape.relabelConfigs,
  };
}

/**
 * The labels the target's series carry once Prometheus has relabeled it (`job` starts as the job
 * name, as in every scrape config, and the operator's relabelings overwrite it).
 */
export function labTargetLabels(scrape: RenderedScrape, address: string): Record<string, string> {
  const labels = relabelTarget(
    { ...scrape.metaLabels, job: scrape.jobName, __address__: address },
    scrape.relabelConfigs,
  );
  if (!labels) throw new Error("hamon bug: the lab's node-exporter target is dropped by its own relabeling");
  return labels;
}
