/**
 * What the stack scrapes, one row per ServiceMonitor and PodMonitor of the input: which workload
 * (or cluster endpoint) it reaches, how, on which ports, and the series the cluster's own targets
 * add per node or per pod (src/sizing/cluster-target-series.ts).
 *
 * The monitor → Service → pods path is the Prometheus Operator's (Documentation/api-reference/api.md,
 * ServiceMonitorSpec and PodMonitorSpec; src/netpol/monitor-flows.ts follows the same one): a
 * ServiceMonitor selects Services by label in its `namespaceSelector` namespaces (default its own),
 * each Service selects pods; a PodMonitor selects pods directly. A Service that is not in the
 * input (the kubelet's, the API server's, CoreDNS') is a cluster endpoint.
 */
import type { Inventory, InventoryObject, PodGroup } from "../inventory/model.js";
import { clusterTargetOf } from "../inventory/cluster-target-recognition.js";
import { selectorMatches, type SelectorLike } from "../k8s/label-selector.js";
import { asRecord, asRecords, asString, asStringMap, get, type Json } from "../k8s/json.js";
import { CLUSTER_TARGET_SERIES } from "../sizing/cluster-target-series.js";
import type { ReportTarget } from "./report-model.js";

const n = (x: number) => x.toLocaleString("en-US");
const S = CLUSTER_TARGET_SERIES;

/**
 * The series estimate of the cluster's own targets, found by the monitor's or the workload's name
 * (hamon's and kube-prometheus' monitors are named so: node-exporter, kube-state-metrics, kubelet,
 * apiserver or kube-apiserver, coredns). The stack's own components have none here: their series
 * are part of the workload estimate.
 */
const SERIES: ReadonlyArray<{ target: ClusterTarget; match: RegExp; series: string }> = [
  { target: "node-exporter", match: /node-exporter/, series: `≈${n(S.nodeExporterPerNode)} per node (measured)` },
  {
    target: "kube-state-metrics",
    match: /kube-state-metrics/,
    series: `≈${n(S.kubeStateMetricsPerNode)} per node + ${n(S.kubeStateMetricsPerPod)} per pod (estimate)`,
  },
  {
    target: "kubelet",
    match: /kubelet/,
    series: `≈${n(S.kubeletPerNode)} per node + ${n(S.kubeletPerPod)} per pod (estimate)`,
  },
  { target: "API server", match: /apiserver/, series: `≈${n(S.apiServer)} per cluster (estimate)` },
  { target: "CoreDNS", match: /coredns|kube-dns/, series: `≈${n(S.coreDns)} per cluster (estimate)` },
];

/** The cluster's own targets, in the order the sizing lists them. */
export const CLUSTER_TARGETS = ["node-exporter", "kube-state-metrics", "kubelet", "API server", "CoreDNS"] as const;
export type ClusterTarget = (typeof CLUSTER_TARGETS)[number];

/** Which of the cluster's own targets a monitor scrapes, by its name or its workload's. */
export function clusterTargetOfMonitor(...names: string[]): ClusterTarget | undefined {
  return SERIES.find((s) => names.some((x) => s.match.test(x)))?.target;
}

function namespacesOf(monitor: Json, namespace: string, all: readonly string[]): readonly string[] {
  const sel = asRecord(get(monitor, "spec", "namespaceSelector"));
  if (sel.any === true) return all;
  const names = Array.isArray(sel.matchNames) ? sel.matchNames.filter((x): x is string => typeof x === "string") : [];
  return names.length > 0 ? names : [namespace];
}

function podLabels(g: PodGroup): Record<string, string> {
  return asStringMap(g.template.metadata?.labels);
}

/** "DaemonSet", "Deployment", … ; an operator's CR says what it is (Prometheus, Cluster). */
function workloadText(groups: readonly PodGroup[]): string {
  return [...new Set(groups.map((g) => g.owner.ref.kind))].join(", ");
}

function componentText(groups: readonly PodGroup[], fallback: string): string {
  const names = [
    ...new Set(groups.map((g) => clusterTargetOf(g) ?? (g.component === "other" ? g.owner.ref.name : g.component))),
  ];
  return names.length > 0 ? names.join(", ") : fallback;
}

function seriesText(...names: string[]): string {
  const target = clusterTargetOfMonitor(...names);
  return SERIES.find((s) => s.target === target)?.series ?? "";
}

function serviceMonitorRow(sm: InventoryObject, inv: Inventory, all: readonly string[]): ReportTarget {
  const ns = sm.ref.namespace ?? "default";
  const selector = asRecord(get(sm.raw, "spec", "selector")) as SelectorLike;
  const namespaces = namespacesOf(sm.raw, ns, all);
  const services = inv.services.filter(
    (s) =>
      namespaces.includes(s.ref.namespace ?? "default") &&
      selectorMatches(selector, asStringMap(get(s.raw, "metadata", "labels"))),
  );
  const groups = services.flatMap((svc) => {
    const podSelector = asStringMap(get(svc.raw, "spec", "selector"));
    if (Object.keys(podSelector).length === 0) return [];
    return inv.podGroups.filter(
      (g) =>
        g.namespace === (svc.ref.namespace ?? "default") && selectorMatches({ matchLabels: podSelector }, podLabels(g)),
    );
  });
  const endpoints = asRecords(get(sm.raw, "spec", "endpoints"));
  const where = groups.length > 0 ? workloadText(groups) : `cluster endpoint in ${namespaces.join(", ")}`;
  const component = componentText(groups, sm.ref.name);
  return {
    component,
    how: `ServiceMonitor → Service → ${where}`,
    monitor: `${ns}/${sm.ref.name}`,
    ports: endpoints
      .map((e) => `${asString(e.port) ?? asString(e.targetPort) ?? "?"}${e.path ? ` ${String(e.path)}` : ""}`)
      .join(", "),
    series: seriesText(sm.ref.name, component),
  };
}

function podMonitorRow(pm: InventoryObject, inv: Inventory, all: readonly string[]): ReportTarget {
  const ns = pm.ref.namespace ?? "default";
  const selector = asRecord(get(pm.raw, "spec", "selector")) as SelectorLike;
  const namespaces = namespacesOf(pm.raw, ns, all);
  const groups = inv.podGroups.filter(
    (g) => namespaces.includes(g.namespace) && selectorMatches(selector, podLabels(g)),
  );
  const endpoints = asRecords(get(pm.raw, "spec", "podMetricsEndpoints"));
  const component = componentText(groups, pm.ref.name);
  return {
    component,
    how: `PodMonitor → ${groups.length > 0 ? workloadText(groups) : "no pod in the input"}`,
    monitor: `${ns}/${pm.ref.name}`,
    ports: endpoints.map((e) => `${asString(e.port) ?? "?"}${e.path ? ` ${String(e.path)}` : ""}`).join(", "),
    series: seriesText(pm.ref.name, component),
  };
}

export function scrapeTargets(inv: Inventory): ReportTarget[] {
  const all = [...new Set(inv.objects.map((o) => o.ref.namespace).filter((x): x is string => x !== undefined))];
  const rows: ReportTarget[] = [];
  for (const o of inv.objects) {
    if (o.ref.kind === "ServiceMonitor") rows.push(serviceMonitorRow(o, inv, all));
    else if (o.ref.kind === "PodMonitor") rows.push(podMonitorRow(o, inv, all));
  }
  return rows;
}
