/**
 * Flows Prometheus asks for:
 * - → every Alertmanager pod: a Prometheus CR's `spec.alerting.alertmanagers[]` (a Service by
 *   namespace/name and a port name or number; the operator discovers the Service's endpoints,
 *   i.e. every pod, prometheus-operator Documentation/api-reference/api.md AlertmanagerEndpoints);
 *   a prometheus.yml `alerting.alertmanagers[]`: `static_configs` targets, `dns_sd_configs`
 *   names (SRV by default; A with `port`), `kubernetes_sd_configs` (every Alertmanager pod of the
 *   namespaces given, on its `web` port: relabelling decides the rest and is not evaluated);
 * - → its scrape targets: the ServiceMonitors and PodMonitors a Prometheus CR selects
 *   (`serviceMonitorSelector`/`podMonitorSelector`: unset selects none, `{}` all;
 *   `…NamespaceSelector`: unset is the CR's own namespace, `{}` all;
 *   Documentation/api-reference/api.md PrometheusSpec), resolved by `ScrapeTargets`; a
 *   prometheus.yml's `static_configs` targets that name Services of the input.
 */
import type { Inventory, InventoryObject, PodGroup } from "../../inventory/model.js";
import { asArray, asRecord, asRecords, asString, asStringMap, get, isRecord } from "../../k8s/json.js";
import { selectorMatches, type SelectorLike } from "../../k8s/label-selector.js";
import { NAMESPACE_NAME_LABEL } from "../../k8s/well-known-labels.js";
import { DEFAULT_PORTS } from "../../upstream/ports.js";
import { ScrapeTargets } from "../monitor-flows.js";
import type { FlowContext, RequiredFlow } from "./model.js";
import { resolveAddress, type ServiceView } from "./services.js";
import { parseTargetAddress } from "./target-address.js";
import { atPod, flowsToResolution, originName, podOf } from "./_build.js";

type Json = Record<string, unknown>;

type MonitorKind = "ServiceMonitor" | "PodMonitor";

interface IndexedMonitor {
  object: Json;
  labels: Record<string, string>;
  /** Position in the input: selected monitors keep the input's order. */
  at: number;
}
/** An inventory's monitors by namespace (namespace filled in) and namespace labels, read once and shared by every Prometheus. */
interface MonitorIndex {
  monitorsByNamespace: Record<MonitorKind, Array<[string, IndexedMonitor[]]>>;
  namespaceLabels: Map<string, Record<string, string>>;
  targets?: { ctx: FlowContext; targets: ScrapeTargets };
}

const withNamespace = (o: InventoryObject): Json => ({
  ...o.raw,
  metadata: { ...asRecord(o.raw.metadata), namespace: o.ref.namespace ?? "default" },
});

const indexes = new WeakMap<Inventory, MonitorIndex>();
function monitorIndex(inv: Inventory): MonitorIndex {
  let index = indexes.get(inv);
  if (index) return index;
  const byNamespace: Record<MonitorKind, Map<string, IndexedMonitor[]>> = {
    ServiceMonitor: new Map(),
    PodMonitor: new Map(),
  };
  index = { monitorsByNamespace: { ServiceMonitor: [], PodMonitor: [] }, namespaceLabels: new Map() };
  for (const [at, o] of inv.objects.entries()) {
    const kind = o.ref.kind;
    if (kind === "ServiceMonitor" || kind === "PodMonitor") {
      const ns = o.ref.namespace ?? "default";
      const monitor = { object: withNamespace(o), labels: asStringMap(get(o.raw, "metadata", "labels")), at };
      const list = byNamespace[kind].get(ns);
      if (list) list.push(monitor);
      else byNamespace[kind].set(ns, [monitor]);
    }
    // The first Namespace object of a name is the one read.
    else if (kind === "Namespace" && !index.namespaceLabels.has(o.ref.name))
      index.namespaceLabels.set(o.ref.name, asStringMap(get(o.raw, "metadata", "labels")));
  }
  index.monitorsByNamespace = {
    ServiceMonitor: [...byNamespace.ServiceMonitor],
    PodMonitor: [...byNamespace.PodMonitor],
  };
  indexes.set(inv, index);
  return index;
}

const namespaceLabels = (index: MonitorIndex, name: string): Record<string, string> => ({
  ...index.namespaceLabels.get(name),
  [NAMESPACE_NAME_LABEL]: name,
});

/** The targets of monitors over the inventory's Services and the context's pods, each monitor resolved once. */
function scrapeTargets(inv: Inventory, ctx: FlowContext): ScrapeTargets {
  const index = monitorIndex(inv);
  if (index.targets?.ctx !== ctx)
    index.targets = { ctx, targets: new ScrapeTargets(inv.services.map(withNamespace), ctx.cluster) };
  return index.targets.targets;
}

/** The monitors of a kind a Prometheus CR selects. */
export function selectedMonitors(inv: Inventory, g: PodGroup, kind: MonitorKind): Json[] {
  const cr = g.config.crSpec ?? {};
  const key = kind === "ServiceMonitor" ? "serviceMonitor" : "podMonitor";
  const sel = cr[`${key}Selector`];
  if (!isRecord(sel)) return [];
  const nsSel = cr[`${key}NamespaceSelector`];
  const index = monitorIndex(inv);
  // Namespaces first (one selector check each), then the monitors of the selected ones, in input order.
  const selected = index.monitorsByNamespace[kind].filter(([ns]) =>
    isRecord(nsSel) ? selectorMatches(nsSel as SelectorLike, namespaceLabels(index, ns)) : ns === g.namespace,
  );
  const monitors = selected.length === 1 ? (selected[0]?.[1] ?? []) : selected.flatMap(([, list]) => list);
  if (selected.length > 1) monitors.sort((a, b) => a.at - b.at);
  return monitors.filter((m) => selectorMatches(sel as SelectorLike, m.labels)).map((m) => m.object);
}

function alertingFlows(inv: Inventory, ctx: FlowContext, services: ServiceView[], g: PodGroup): RequiredFlow[] {
  const from = podOf(ctx, g);
  const name = originName(g);
  const out: RequiredFlow[] = [];
  const cr = g.config.crSpec;
  if (cr) {
    asRecords(get(cr, "alerting", "alertmanagers")).forEach((am, i) => {
      const ns = asString(am.namespace) ?? g.namespace;
      const svc = asString(am.name);
      if (!svc) return;
      const port = am.port;
      const address =
        typeof port === "number" || /^\d+$/.test(String(port))
          ? { host: `${svc}.${ns}.svc`, port: Number(port), protocol: "TCP" as const }
          : { host: `${svc}.${ns}.svc`, srvPortName: String(port ?? "web"), protocol: "TCP" as const };
      out.push(
        ...flowsToResolution(
          from,
          resolveAddress(address, ns, services, ctx.cluster),
          `alerts: ${name} spec.alerting.alertmanagers[${i}] ${ns}/${svc} port ${String(port)}`,
          g.owner,
        ),
      );
    });
    return out;
  }
  const y = g.config.prometheusYaml;
  asRecords(get(y, "alerting", "alertmanagers")).forEach((am, i) => {
    const where = `alerts: ${name} prometheus.yml alerting.alertmanagers[${i}]`;
    for (const t of asRecords(am.static_configs).flatMap((s) => asArray(s.targets).map(String))) {
      const a = parseTargetAddress(t);
      if (a)
        out.push(
          ...flowsToResolution(
            from,
            resolveAddress(a, g.namespace, services, ctx.cluster),
            `${where} target ${t}`,
            g.owner,
          ),
        );
    }
    for (const d of asRecords(am.dns_sd_configs)) {
      const srv = (asString(d.type) ?? "SRV") === "SRV";
      for (const n of asArray(d.names).map(String)) {
        const a = parseTargetAddress(srv ? `dnssrv+${n}` : `${n}:${String(d.port ?? "")}`.replace(/:$/, ""));
        if (a)
          out.push(
            ...flowsToResolution(
              from,
              resolveAddress(a, g.namespace, services, ctx.cluster),
              `${where} dns_sd ${n}`,
              g.owner,
            ),
          );
      }
    }
    for (const k of asRecords(am.kubernetes_sd_configs)) {
      const names = asArray(get(k, "namespaces", "names")).map(String);
      for (const target of inv.podGroups.filter(
        (x) => x.component === "alertmanager" && (names.length === 0 || names.includes(x.namespace)),
      )) {
        const to = podOf(ctx, target);
        const web = to.ports.find((p) => p.name === "web") ? "web" : DEFAULT_PORTS.alertmanagerWeb;
        out.push({
          from: atPod(from),
          to: atPod(to),
          port: web,
          protocol: "TCP",
          why: `${where} kubernetes_sd_configs (every Alertmanager pod${names.length ? ` of ${names.join(", ")}` : ""})`,
          origin: g.owner,
        });
      }
    }
  });
  return out;
}

function scrapeFlowsOf(inv: Inventory, ctx: FlowContext, services: ServiceView[], g: PodGroup): RequiredFlow[] {
  const from = podOf(ctx, g);
  const name = originName(g);
  if (g.config.crSpec) {
    const monitors = [...selectedMonitors(inv, g, "ServiceMonitor"), ...selectedMonitors(inv, g, "PodMonitor")];
    return scrapeTargets(inv, ctx)
      .flows(monitors, [from], { includeSelf: () => g.replicas >= 2 })
      .map((f) => ({
        from: f.from,
        to: f.to,
        port: f.port,
        protocol: "TCP" as const,
        why: `scrape: ${name} selects monitor ${f.monitor}`,
        origin: g.owner,
      }));
  }
  const out: RequiredFlow[] = [];
  asRecords(get(g.config.prometheusYaml, "scrape_configs")).forEach((sc) => {
    for (const t of asRecords(sc.static_configs).flatMap((s) => asArray(s.targets).map(String))) {
      const a = parseTargetAddress(t);
      if (!a) continue;
      const res = resolveAddress(a, g.namespace, services, ctx.cluster);
      if (res.kind === "pods")
        out.push(
          ...flowsToResolution(from, res, `scrape: ${name} job "${asString(sc.job_name) ?? "?"}" target ${t}`, g.owner),
        );
    }
  });
  return out;
}

export function prometheusFlows(inv: Inventory, ctx: FlowContext, services: ServiceView[]): RequiredFlow[] {
  return inv.podGroups
    .filter((g) => g.component === "prometheus")
    .flatMap((g) => [...alertingFlows(inv, ctx, services, g), ...scrapeFlowsOf(inv, ctx, services, g)]);
}
