/**
 * Services of the input, plus the ones operators create that no manifest shows, and how an
 * address resolves through them to pods and a port. Flows are pod to pod: network plugins apply
 * policies after a Service address is translated to a pod's, so a flow to a Service is a flow to
 * each pod it selects, on the Service port's targetPort (a number, or a container port name that
 * the evaluator resolves on the destination pod).
 *
 * The implicit Services are the Prometheus Operator's governing Services
 * (src/upstream/prometheus-operator.ts) and CloudNativePG's per-Cluster Services
 * (src/upstream/cloudnative-pg.ts).
 */
import type { Inventory, PodGroup } from "../../inventory/model.js";
import { asRecord, asRecords, asString, asStringMap, isRecord } from "../../k8s/json.js";
import { selectorMatches } from "../../k8s/label-selector.js";
import { clusterServices } from "../../upstream/cloudnative-pg.js";
import { governingService, type ImplicitService } from "../../upstream/prometheus-operator.js";
import type { ClusterPod, NetworkCluster, Protocol } from "../model.js";
import { podsOfNamespace } from "../policy-facts.js";
import { serviceOfHost, type TargetAddress } from "./target-address.js";

export interface ServicePortView {
  name?: string;
  port: number;
  targetPort: number | string;
  protocol: Protocol;
}

export interface ServiceView {
  namespace: string;
  name: string;
  /** undefined: a Service without selector (its endpoints are managed by hand). */
  selector?: Record<string, string>;
  ports: ServicePortView[];
  /** Where it comes from, when an operator makes it. */
  implicit?: string;
}

function writtenService(raw: Record<string, unknown>, namespace: string, name: string): ServiceView {
  const spec = asRecord(raw.spec);
  const ports = asRecords(spec.ports).flatMap((p): ServicePortView[] => {
    const port = typeof p.port === "number" ? p.port : Number(p.port);
    if (!Number.isInteger(port)) return [];
    const target = p.targetPort ?? port;
    return [
      {
        ...(asString(p.name) ? { name: p.name as string } : {}),
        port,
        targetPort:
          typeof target === "number" ? target : /^\d+$/.test(String(target)) ? Number(target) : String(target),
        protocol: (asString(p.protocol) as Protocol | undefined) ?? "TCP",
      },
    ];
  });
  const selector = isRecord(spec.selector) ? asStringMap(spec.selector) : undefined;
  return { namespace, name, ports, ...(selector ? { selector } : {}) };
}

function implicitServices(groups: PodGroup[]): ServiceView[] {
  const out: ServiceView[] = [];
  const view = (namespace: string, s: ImplicitService): ServiceView => ({
    namespace,
    name: s.name,
    selector: s.selector,
    ports: s.ports,
    implicit: s.madeBy,
  });
  for (const g of groups) {
    const kind = g.owner.ref.kind;
    if (kind === "Cluster" && g.component === "postgresql") {
      out.push(...clusterServices(g.owner.ref.name).map((s) => view(g.namespace, s)));
    } else if (kind !== "Prometheus" || g.shard === 0) {
      const governing = governingService(kind, g.config.crSpec ?? {});
      if (governing) out.push(view(g.namespace, governing));
    }
  }
  return out;
}

/** Every Service: written ones, then the operators' ones that are not written. */
export function serviceViews(inv: Inventory): ServiceView[] {
  const written = inv.services.map((s) => writtenService(s.raw, s.ref.namespace ?? "default", s.ref.name));
  const seen = new Set(written.map((s) => `${s.namespace}/${s.name}`));
  const implicit = implicitServices(inv.podGroups).filter(
    (s) => !seen.has(`${s.namespace}/${s.name}`) && seen.add(`${s.namespace}/${s.name}`),
  );
  return [...written, ...implicit];
}

export const podsOfService = (cluster: NetworkCluster, svc: ServiceView): ClusterPod[] =>
  svc.selector === undefined || Object.keys(svc.selector).length === 0
    ? []
    : podsOfNamespace(cluster, svc.namespace).filter((p) => selectorMatches({ matchLabels: svc.selector }, p.labels));

/** Services by `namespace/name` (the first of a name, as a search would find), indexed once per list. */
const servicesByName = new WeakMap<ServiceView[], Map<string, ServiceView>>();
function serviceNamed(services: ServiceView[], namespace: string, name: string): ServiceView | undefined {
  let index = servicesByName.get(services);
  if (!index) {
    index = new Map();
    for (const s of services) if (!index.has(`${s.namespace}/${s.name}`)) index.set(`${s.namespace}/${s.name}`, s);
    servicesByName.set(services, index);
  }
  return index.get(`${namespace}/${name}`);
}

export type Resolution =
  /** Pods of the cluster, on `port` (a number or a container port name). */
  | { kind: "pods"; pods: ClusterPod[]; port: number | string; protocol: Protocol; via: string }
  /** An address outside the cluster. */
  | { kind: "outside"; host: string; port: number; protocol: Protocol }
  /** Names something in the cluster that the input does not hold, or holds without a usable port. */
  | { kind: "unresolved"; reason: string };

/**
 * An address → where it leads. `protocol` overrides the address' own (gossip uses TCP and UDP on
 * one port). A cluster name (`<svc>.<ns>.svc…` or one label) without a Service in the input is
 * unresolved; any other name is outside the cluster.
 */
export function resolveAddress(
  address: TargetAddress,
  namespace: string,
  services: ServiceView[],
  cluster: NetworkCluster,
  protocol: Protocol = address.protocol,
): Resolution {
  const ref = serviceOfHost(address.host, namespace);
  const svc = ref && serviceNamed(services, ref.namespace, ref.service);
  if (!svc) {
    const clusterName = !address.host.includes(".") || /\.svc(\.|$)/.test(address.host);
    if (clusterName)
      return {
        kind: "unresolved",
        reason: `no Service ${ref ? `${ref.namespace}/${ref.service}` : address.host} in the input`,
      };
    if (address.port === undefined) return { kind: "unresolved", reason: `no port for ${address.host}` };
    return { kind: "outside", host: address.host, port: address.port, protocol };
  }
  const sp = address.srvPortName
    ? svc.ports.find((p) => p.name === address.srvPortName && p.protocol === protocol)
    : svc.ports.find((p) => p.port === address.port && p.protocol === protocol);
  const pods = podsOfService(cluster, svc);
  const via = `Service ${svc.namespace}/${svc.name}${svc.implicit ? ` (${svc.implicit})` : ""}`;
  if (pods.length === 0) return { kind: "unresolved", reason: `${via} selects no pod of the input` };
  if (sp) return { kind: "pods", pods, port: sp.targetPort, protocol, via };
  // A headless Service without that port: the address names pods directly on its port.
  if (address.port !== undefined) return { kind: "pods", pods, port: address.port, protocol, via };
  return { kind: "unresolved", reason: `${via} has no port named ${address.srvPortName}` };
}
