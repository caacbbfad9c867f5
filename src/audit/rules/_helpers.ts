/** Shared readings of the Inventory for rules: which components must be HA, labels, placement, replica labels. */
import type { IPodSpec } from "kubernetes-models/v1";
import type { Inventory, MonitoringComponent, PodGroup } from "../../inventory/model.js";
import { recognizeContainer } from "../../inventory/component-recognition.js";
import { asRecord, asRecords, asStringMap, get, isRecord } from "../../k8s/json.js";
import { PROMETHEUS_REPLICA_LABEL } from "../../upstream/prometheus-operator.js";

/**
 * Components whose loss is a visible outage: the alerting path (Prometheus, Alertmanager, Thanos
 * Ruler), the write path (Thanos Receive: remote-write is refused while it is down), the query path (Thanos Query, Query Frontend, Store Gateway, Grafana) and Grafana's
 * database. Not here: the Compactor (a singleton by design: thanos.io/tip/components/compact.md,
 * "must be deployed as a singleton against a bucket"; down it only delays compaction), Redis as
 * Grafana's cache (losing it degrades, never breaks), the Thanos sidecar (part of Prometheus' pod).
 */
export const HA_CRITICAL: ReadonlySet<MonitoringComponent> = new Set([
  "prometheus",
  "alertmanager",
  "thanos-ruler",
  "thanos-receive",
  "thanos-query",
  "thanos-query-frontend",
  "thanos-store",
  "grafana",
  "postgresql",
]);

export const COMPONENT_TITLES: Record<MonitoringComponent, string> = {
  prometheus: "Prometheus",
  alertmanager: "Alertmanager",
  "thanos-query": "Thanos Query",
  "thanos-query-frontend": "Thanos Query Frontend",
  "thanos-store": "Thanos Store Gateway",
  "thanos-compact": "Thanos Compactor",
  "thanos-sidecar": "Thanos sidecar",
  "thanos-ruler": "Thanos Ruler",
  "thanos-receive": "Thanos Receive",
  grafana: "Grafana",
  postgresql: "PostgreSQL",
  redis: "Redis",
  other: "workload",
};

/** "Prometheus monitoring/k8s (shard 0)" */
export function groupTitle(g: PodGroup): string {
  const shard = g.shard !== undefined && g.owner.ref.kind === "Prometheus" ? ` shard ${g.shard}` : "";
  const title = COMPONENT_TITLES[g.component];
  const kind = g.owner.ref.kind === title ? "" : ` ${g.owner.ref.kind}`;
  return `${title}${kind} ${g.namespace}/${g.owner.ref.name}${shard}`;
}

export const podLabels = (g: PodGroup): Record<string, string> => asStringMap(g.template.metadata?.labels);
export const podSpec = (g: PodGroup): IPodSpec & Record<string, unknown> =>
  asRecord(g.template.spec) as IPodSpec & Record<string, unknown>;

/** HA groups that run several pods (DaemonSets excluded: their count depends on nodes). */
export const replicatedHaGroups = (inv: Inventory): PodGroup[] =>
  inv.podGroups.filter((g) => HA_CRITICAL.has(g.component) && !g.perNode && g.replicas >= 2);

const PER_POD = /\$\(|\$\{|\$[A-Z_]|POD_NAME|HOSTNAME/;

/**
 * The external labels that tell a Prometheus group's replicas apart. Operator CR: its
 * `replicaExternalLabelName` (default `prometheus_replica`; `""` disables it). A plain workload:
 * the `global.external_labels` whose values are per pod (`$(POD_NAME)`, `${HOSTNAME}`, with
 * `--enable-feature=expand-external-labels`). undefined when the config was not found.
 */
export function prometheusReplicaLabels(g: PodGroup): string[] | undefined {
  const cr = g.config.crSpec;
  if (cr) {
    const name = cr.replicaExternalLabelName;
    if (name === undefined || name === null) return [PROMETHEUS_REPLICA_LABEL];
    return typeof name === "string" && name !== "" ? [name] : [];
  }
  const y = g.config.prometheusYaml;
  if (!y) return undefined;
  const labels = asStringMap(get(y, "global", "external_labels"));
  return Object.entries(labels)
    .filter(([, v]) => PER_POD.test(v))
    .map(([k]) => k);
}

/**
 * The external labels (`--label=name="value"`, receive.md flags) whose value is per pod, that tell a
 * Thanos Receive group's replicas apart: by convention `replica="$(NAME)"` (kube-thanos).
 */
export function receiveReplicaLabels(g: PodGroup): string[] {
  return (g.config.flags["label"] ?? []).flatMap((v) => {
    const eq = v.indexOf("=");
    return eq > 0 && PER_POD.test(v.slice(eq + 1)) ? [v.slice(0, eq).trim()] : [];
  });
}

/** True when Prometheus' blocks and StoreAPI reach Thanos: a CR's `spec.thanos`, or a `thanos sidecar` container. */
export function hasThanosSidecar(g: PodGroup): boolean {
  if (g.config.crSpec) return isRecord(g.config.crSpec.thanos);
  return asRecords(podSpec(g).containers).some((c) => recognizeContainer(c) === "thanos-sidecar");
}

/** All containers of a pod template, init containers included. */
export const allContainers = (g: PodGroup) => [
  ...asRecords(podSpec(g).containers),
  ...asRecords(podSpec(g).initContainers),
];

/** Groups indexed by namespace, computed once per inventory. */
const byNamespaceCache = new WeakMap<Inventory, Map<string, PodGroup[]>>();
export function groupsByNamespace(inv: Inventory): Map<string, PodGroup[]> {
  let m = byNamespaceCache.get(inv);
  if (!m) {
    m = new Map();
    for (const g of inv.podGroups) {
      const list = m.get(g.namespace);
      if (list) list.push(g);
      else m.set(g.namespace, [g]);
    }
    byNamespaceCache.set(inv, m);
  }
  return m;
}

/** Groups of a component in the same namespace, or in the whole inventory when that namespace has none. */
export function peersOf(inv: Inventory, namespace: string, component: MonitoringComponent): PodGroup[] {
  const local = (groupsByNamespace(inv).get(namespace) ?? []).filter((g) => g.component === component);
  return local.length > 0 ? local : inv.podGroups.filter((g) => g.component === component);
}
