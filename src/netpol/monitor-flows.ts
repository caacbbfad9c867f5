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

/** `all` is asked only for `any: true`: listing every namespace per monitor would grow with the square of the input. */
function monitoredNamespaces(monitor: Json, all: () => string[]): string[] {
  const sel = monitor.spec?.namespaceSelector;
  if (sel?.any) return all();
  return sel?.matchNames ?? [monitor.metadata.namespace];
}

/** One scrape a monitor asks for: the pod and the port, before any scraper is known. */
export interface ScrapeTarget {
  pod: ClusterPod;
  port: number | string;
  monitor: string;
}

/** Items in `namespaces`, in their original order, read from a by-namespace index instead of the whole list. */
function inNamespaces<T>(byNamespace: Map<string, Array<{ item: T; at: number }>>, namespaces: string[]): T[] {
  const buckets = [...new Set(namespaces)].map((ns) => byNamespace.get(ns) ?? []);
  if (buckets.length === 1) return (buckets[0] ?? []).map((e) => e.item);
  return buckets
    .flat()
    .sort((a, b) => a.at - b.at)
    .map((e) => e.item);
}

function indexByNamespace<T>(
  items: T[],
  namespaceOf: (item: T) => string,
): Map<string, Array<{ item: T; at: number }>> {
  const index = new Map<string, Array<{ item: T; at: number }>>();
  items.forEach((item, at) => {
    const ns = namespaceOf(item);
    const bucket = index.get(ns);
    if (bucket) bucket.push({ item, at });
    else index.set(ns, [{ item, at }]);
  });
  return index;
}

/**
 * The targets of monitors over one set of Services and one cluster, each monitor resolved once
 * (a monitor that several Prometheus select is not resolved again for each), reading Services and
 * pods by namespace. What a monitor targets depends on the monitor, the Services and the pods only.
 */
export class ScrapeTargets {
  private readonly services: Map<string, Array<{ item: Json; at: number }>>;
  private readonly pods: Map<string, Array<{ item: ClusterPod; at: number }>>;
  private readonly namespaces: string[];
  /** By content: a monitor given twice (the same file applied twice, copies in a shared namespace) is one. */
  private readonly resolved = new Map<string, ScrapeTarget[]>();
  private readonly contentKeys = new WeakMap<Json, string>();

  /** `services`: Service objects, `metadata.namespace` set. */
  constructor(
    services: Json[],
    private readonly cluster: NetworkCluster,
  ) {
    this.services = indexByNamespace(services, (s) => s.metadata?.namespace);
    this.pods = indexByNamespace(cluster.pods, (p) => p.namespace);
    this.namespaces = [...new Set([...cluster.pods.map((p) => p.namespace), ...this.services.keys()])];
  }

  /** A ServiceMonitor's or PodMonitor's targets (anything else has none), in the order Services, endpoints and pods are written. */
  of(monitor: Json): ScrapeTarget[] {
    const key = this.contentKey(monitor);
    let targets = this.resolved.get(key);
    if (!targets) {
      targets = this.resolve(monitor);
      this.resolved.set(key, targets);
    }
    return targets;
  }

  private contentKey(monitor: Json): string {
    let key = this.contentKeys.get(monitor);
    if (key === undefined) this.contentKeys.set(monitor, (key = JSON.stringify(monitor)));
    return key;
  }

  private resolve(monitor: Json): ScrapeTarget[] {
    const name = `${monitor.metadata.namespace}/${monitor.metadata.name}`;
    // Every namespace with pods or Services, and the monitor's own.
    const namespaces = () => [...new Set([...this.namespaces, monitor.metadata?.namespace].filter(Boolean))];
    const spec: Json = monitor.spec ?? {};
    const targets: ScrapeTarget[] = [];
    if (monitor.kind === "ServiceMonitor") {
      const nss = monitoredNamespaces(monitor, namespaces);
      const services = inNamespaces(this.services, nss).filter((s) =>
        selectorMatches(spec.selector ?? {}, s.metadata.labels ?? {}),
      );
      for (const svc of services) {
        for (const ep of spec.endpoints ?? []) {
          const sp = (svc.spec.ports ?? []).find((p: Json) => p.name === ep.port);
          if (!sp || !svc.spec.selector) continue;
          for (const pod of inNamespaces(this.pods, [svc.metadata.namespace]).filter((p) =>
            selectorMatches({ matchLabels: svc.spec.selector }, p.labels),
          )) {
            targets.push({ pod, port: sp.targetPort ?? sp.port, monitor: name });
          }
        }
      }
    } else if (monitor.kind === "PodMonitor") {
      const nss = monitoredNamespaces(monitor, namespaces);
      const candidates = inNamespaces(this.pods, nss);
      for (const ep of spec.podMetricsEndpoints ?? []) {
        for (const pod of candidates.filter((p) => selectorMatches(spec.selector ?? {}, p.labels))) {
          targets.push({ pod, port: ep.port, monitor: name });
        }
      }
    }
    return targets;
  }

  /** Flows from each scraper to the targets of `monitors`, monitor by monitor (ServiceMonitors first, as written). */
  flows(
    monitors: Json[],
    scrapers: ClusterPod[],
    options: { includeSelf?: (scraper: ClusterPod) => boolean } = {},
  ): ScrapeFlow[] {
    // A monitor written twice with the same content asks for nothing more.
    const seen = new Set<string>();
    const distinct = [
      ...monitors.filter((m) => m.kind === "ServiceMonitor"),
      ...monitors.filter((m) => m.kind === "PodMonitor"),
    ].filter((m) => !seen.has(this.contentKey(m)) && seen.add(this.contentKey(m)));
    const targets = distinct.flatMap((m) => this.of(m));
    return scrapers.flatMap((from) => {
      // One flow per (target pod, port, monitor): pods of the same name (an object given twice)
      // are one end; the first is kept, as merging flows by their ends would keep it.
      const emitted = new Set<string>();
      const out: ScrapeFlow[] = [];
      for (const t of targets) {
        if (t.pod === from && options.includeSelf?.(from) !== true) continue;
        const key = `${t.pod.namespace}\u0000${t.pod.name}\u0000${t.port}\u0000${t.monitor}`;
        if (emitted.has(key)) continue;
        emitted.add(key);
        out.push({
          from: { kind: "pod", pod: from },
          to: { kind: "pod", pod: t.pod },
          port: t.port,
          monitor: t.monitor,
        });
      }
      return out;
    });
  }
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
  const services = objects.filter((o) => o.kind === "Service");
  return new ScrapeTargets(services, cluster).flows(objects, scrapers, options);
}
