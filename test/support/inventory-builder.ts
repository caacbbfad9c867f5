/**
 * Test helpers: Inventories built by hand, without the inventory readers.
 */
import type { IPodSpec } from "kubernetes-models/v1";
import type {
  Inventory,
  InventoryObject,
  MonitoringComponent,
  PodDisruptionBudgetInfo,
  PodGroup,
  StorageClassInfo,
} from "../../src/inventory/model.js";
import type { SimNode, Taint } from "../../src/simulate/model.js";

export function object(
  kind: string,
  name: string,
  namespace: string | undefined,
  raw: Record<string, unknown> = {},
  apiVersion = "v1",
): InventoryObject {
  return {
    ref: { apiVersion, kind, name, ...(namespace ? { namespace } : {}) },
    source: { file: `test/${kind}-${name}.yaml`, line: 1 },
    raw: { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...raw },
    suppressed: { rules: [] },
  };
}

export interface GroupInput {
  name: string;
  kind?: string;
  component?: MonitoringComponent;
  namespace?: string;
  replicas: number;
  shard?: number;
  labels: Record<string, string>;
  spec?: Partial<IPodSpec>;
  cpu?: string;
  memory?: string;
  volumeClaims?: PodGroup["volumeClaims"];
}

export function group(g: GroupInput): PodGroup {
  const namespace = g.namespace ?? "default";
  const kind = g.kind ?? "StatefulSet";
  const requests: Record<string, string> = {};
  if (g.cpu) requests["cpu"] = g.cpu;
  if (g.memory) requests["memory"] = g.memory;
  return {
    id: `${namespace}/${kind}/${g.name}${g.shard !== undefined ? `#shard-${g.shard}` : ""}`,
    owner: object(kind, g.name, namespace, {}, "apps/v1"),
    component: g.component ?? "other",
    ...(g.shard !== undefined ? { shard: g.shard } : {}),
    namespace,
    replicas: g.replicas,
    template: {
      metadata: { labels: g.labels },
      spec: { containers: [{ name: "main", image: "x", resources: { requests } }], ...g.spec },
    },
    volumeClaims: g.volumeClaims ?? [],
    config: { flags: {}, env: {} },
  };
}

export function pdb(
  name: string,
  namespace: string,
  matchLabels: Record<string, string>,
  rule: { minAvailable?: number | string; maxUnavailable?: number | string },
  groups: PodGroup[],
): PodDisruptionBudgetInfo {
  return {
    object: object("PodDisruptionBudget", name, namespace, {}, "policy/v1"),
    namespace,
    selector: { matchLabels },
    ...rule,
    selects: groups
      .filter((g) => Object.entries(matchLabels).every(([k, v]) => g.template.metadata?.labels?.[k] === v))
      .map((g) => g.id),
  };
}

export function storageClass(name: string, zonal: boolean): StorageClassInfo {
  return {
    object: object("StorageClass", name, undefined, {}, "storage.k8s.io/v1"),
    name,
    provisioner: zonal ? "ebs.csi.aws.com" : "nfs.csi.k8s.io",
    volumeBindingMode: "WaitForFirstConsumer",
    zonal,
  };
}

export function inventory(parts: Partial<Inventory>): Inventory {
  return {
    objects: [],
    podGroups: [],
    pdbs: [],
    services: [],
    networkPolicies: [],
    storageClasses: [],
    priorityClasses: [],
    ...parts,
  };
}

export function node(
  name: string,
  zone: string,
  o: {
    cpu?: number;
    memory?: number;
    pods?: number;
    taints?: Taint[];
    labels?: Record<string, string>;
    unschedulable?: boolean;
  } = {},
): SimNode {
  return {
    name,
    labels: { "kubernetes.io/hostname": name, "topology.kubernetes.io/zone": zone, ...o.labels },
    taints: o.taints ?? [],
    allocatable: { cpu: o.cpu ?? 4, memory: o.memory ?? 16 * 2 ** 30, pods: o.pods ?? 110 },
    unschedulable: o.unschedulable ?? false,
  };
}

/** `count` nodes per zone, named `<zone>-<n>`. */
export function nodesPerZone(zones: string[], count: number, o: Parameters<typeof node>[2] = {}): SimNode[] {
  return zones
    .flatMap((z) => Array.from({ length: count }, (_, i) => node(`${z}-${i + 1}`, z, o)))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}
