/**
 * The scrapes that ServiceMonitors and PodMonitors ask Prometheus to make, as flows from each
 * scraper pod (prometheus-operator Documentation/api-reference/api.md, ServiceMonitorSpec and
 * PodMonitorSpec):
 * - ServiceMonitor → Services whose labels match `selector`, in the namespaces of
 *   `namespaceSelector` (`matchNames`, `any: true`, default: the monitor's own) → the endpoint's
 *   Service port by name → its `targetPort` on the pods the Service selects;
 * - PodMonitor → pods whose labels match `selector` → the endpoint's container port by name.
 * A selected Service without a port of the endpoint's name yields no target, as the operator's
 * generated relabelling keeps only endpoints with that port name. Every scraper is taken to load
 * every monitor given (the Prometheus CR's serviceMonitorSelector is the caller's business).
 */
import { selectorMatches } from "../k8s/label-selector.js";
import type { ClusterPod, Flow, NetworkCluster } from "./model.js";

// Parsed YAML of ServiceMonitor, PodMonitor and Service objects.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

export interface ScrapeFlow extends Flow {
  monitor: string;
}

function monitoredNamespaces(monitor: Json, all: string[]): string[] {
  const sel = monitor.spec?.namespaceSelector;
  if (sel?.any) return all;
  return sel?.matchNames ?? [monitor.metadata.namespace];
}

/**
 * `includeSelf`: keep a scraper's flow to its own pod, for callers whose pod stands for several
 * replicas (one pod per PodGroup): it is then a flow between two of them.
 */
export function scrapeFlows(
  objects: Json[],
  cluster: NetworkCluster,
  scrapers: ClusterPod[],
  options: { includeSelf?: (scraper: ClusterPod) => boolean } = {},
): ScrapeFlow[] {
  const namespaces = [
    ...new Set([...cluster.pods.map((p) => p.namespace), ...objects.map((o) => o.metadata?.namespace).filter(Boolean)]),
  ];
  const targets: Array<{ pod: ClusterPod; port: number | string; monitor: string }> = [];
  for (const sm of objects.filter((o) => o.kind === "ServiceMonitor")) {
    const nss = monitoredNamespaces(sm, namespaces);
    const services = objects.filter(
      (s) =>
        s.kind === "Service" &&
        nss.includes(s.metadata.namespace) &&
        selectorMatches(sm.spec.selector ?? {}, s.metadata.labels ?? {}),
    );
    for (const svc of services) {
      for (const ep of sm.spec.endpoints ?? []) {
        const sp = (svc.spec.ports ?? []).find((p: Json) => p.name === ep.port);
        if (!sp || !svc.spec.selector) continue;
        for (const pod of cluster.pods.filter(
          (p) =>
            p.namespace === svc.metadata.namespace && selectorMatches({ matchLabels: svc.spec.selector }, p.labels),
        )) {
          targets.push({
            pod,
            port: sp.targetPort ?? sp.port,
            monitor: `${sm.metadata.namespace}/${sm.metadata.name}`,
          });
        }
      }
    }
  }
  for (const pm of objects.filter((o) => o.kind === "PodMonitor")) {
    const nss = monitoredNamespaces(pm, namespaces);
    for (const ep of pm.spec.podMetricsEndpoints ?? []) {
      for (const pod of cluster.pods.filter(
        (p) => nss.includes(p.namespace) && selectorMatches(pm.spec.selector ?? {}, p.labels),
      )) {
        targets.push({ pod, port: ep.port, monitor: `${pm.metadata.namespace}/${pm.metadata.name}` });
      }
    }
  }
  return scrapers.flatMap((from) =>
    targets
      .filter((t) => t.pod !== from || options.includeSelf?.(from) === true)
      .map((t) => ({
        from: { kind: "pod" as const, pod: from },
        to: { kind: "pod" as const, pod: t.pod },
        port: t.port,
        monitor: t.monitor,
      })),
  );
}
