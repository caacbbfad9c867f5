/**
 * PodGroups → the pods the scheduler places, in the order it places them.
 */
import type { IContainer, IPodSpec } from "kubernetes-models/v1";
import type { Inventory, PodGroup, StorageClassInfo } from "../inventory/model.js";
import { Quantity } from "../units/quantity.js";
import type { Resources, SimNode, SimPod } from "./model.js";
import { clusterTargetOf } from "../inventory/cluster-target-recognition.js";
import { daemonPodSpec, isDaemonGroup, shouldRunDaemonPod } from "./daemon-pods.js";
import { instanceName } from "../upstream/cloudnative-pg.js";
import {
  alertmanagerStatefulSet,
  prometheusStatefulSet,
  thanosRulerStatefulSet,
} from "../upstream/prometheus-operator.js";

export interface PodExpansionOptions {
  /**
   * Whether a volume whose StorageClass is not in the inventory (a cluster's own class, as
   * kube-prometheus uses) is zonal. Default true: the default classes of EKS (gp2/gp3, EBS), GKE
   * (standard-rwo, PD) and AKS (managed-csi, Azure Disk) are all zonal block storage.
   */
  unknownStorageClassZonal?: boolean;
}

/**
 * The annotation that marks the default StorageClass
 * (kubernetes.io/docs/concepts/storage/storage-classes/#default-storageclass).
 */
const DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

function parseQuantity(v: string | number | undefined, what: string): number {
  if (v == null) return 0;
  try {
    return Quantity.parse(v).value;
  } catch (e) {
    throw new RangeError(`${what}: ${(e as Error).message}`);
  }
}

function containerRequests(c: IContainer, where: string): Resources {
  // A limit without a request defaults the request to the limit (API defaulting,
  // kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits).
  const req = (c.resources?.requests ?? {}) as Record<string, string | number>;
  const lim = (c.resources?.limits ?? {}) as Record<string, string | number>;
  return {
    cpu: parseQuantity(req["cpu"] ?? lim["cpu"], `${where} container ${c.name} cpu`),
    memory: parseQuantity(req["memory"] ?? lim["memory"], `${where} container ${c.name} memory`),
  };
}

/**
 * The pod's effective request, as NodeResourcesFit computes it (pkg/api/v1/resource/helpers.go
 * PodRequests): the sum of the containers, raised to the largest init container, plus the
 * pod overhead. Restartable (sidecar) init containers are added to the sum.
 */
export function podRequests(spec: IPodSpec | undefined, where: string): Resources {
  const sum: Resources = { cpu: 0, memory: 0 };
  for (const c of spec?.containers ?? []) {
    const r = containerRequests(c, where);
    sum.cpu += r.cpu;
    sum.memory += r.memory;
  }
  let initMax: Resources = { cpu: 0, memory: 0 };
  for (const c of spec?.initContainers ?? []) {
    const r = containerRequests(c, where);
    if ((c as { restartPolicy?: string }).restartPolicy === "Always") {
      sum.cpu += r.cpu;
      sum.memory += r.memory;
    } else {
      initMax = { cpu: Math.max(initMax.cpu, r.cpu), memory: Math.max(initMax.memory, r.memory) };
    }
  }
  const overhead = (spec?.overhead ?? {}) as Record<string, string | number>;
  return {
    cpu: Math.max(sum.cpu, initMax.cpu) + parseQuantity(overhead["cpu"], `${where} overhead cpu`),
    memory: Math.max(sum.memory, initMax.memory) + parseQuantity(overhead["memory"], `${where} overhead memory`),
  };
}

function storageClassZonal(inv: Inventory, name: string | undefined, unknownZonal: boolean): boolean {
  let sc: StorageClassInfo | undefined;
  if (name === undefined) {
    sc = inv.storageClasses.find((c) => {
      const annotations = ((c.object.raw["metadata"] as Record<string, unknown> | undefined)?.["annotations"] ??
        {}) as Record<string, string>;
      return annotations[DEFAULT_CLASS_ANNOTATION] === "true";
    });
  } else if (name === "") {
    // storageClassName "" asks for a pre-provisioned volume without class: unknown topology.
    return unknownZonal;
  } else {
    sc = inv.storageClasses.find((c) => c.name === name);
  }
  return sc ? sc.zonal : unknownZonal;
}

function groupHasZonalVolume(inv: Inventory, group: PodGroup, options: PodExpansionOptions = {}): boolean {
  const unknownZonal = options.unknownStorageClassZonal ?? true;
  return group.volumeClaims.some((c) => storageClassZonal(inv, c.storageClassName, unknownZonal));
}

/** The value of the pod's PriorityClass (`spec.priority` when already resolved), 0 when unknown. */
function podPriority(inv: Inventory, spec: IPodSpec | undefined): number {
  if (typeof spec?.priority === "number") return spec.priority;
  const name = spec?.priorityClassName;
  if (!name) return 0;
  const pc = inv.priorityClasses.find((p) => p.ref.name === name);
  const value = pc?.raw["value"];
  return typeof value === "number" ? value : 0;
}

/**
 * The pod's name as its controller names it: StatefulSets `<name>-<ordinal>`; the Prometheus
 * Operator's StatefulSets and CloudNativePG's instances as src/upstream/ names them; for
 * Deployments (random suffixes) `<name>-<ordinal>`.
 */
function podName(group: PodGroup, ordinal: number): string {
  const { kind, name } = group.owner.ref;
  if (kind === "Prometheus") return `${prometheusStatefulSet(name, group.shard ?? 0)}-${ordinal}`;
  if (kind === "Alertmanager") return `${alertmanagerStatefulSet(name)}-${ordinal}`;
  if (kind === "ThanosRuler") return `${thanosRulerStatefulSet(name)}-${ordinal}`;
  if (kind === "Cluster" && group.component === "postgresql") return instanceName(name, ordinal + 1);
  const shard = group.shard !== undefined && group.shard > 0 ? `-shard-${group.shard}` : "";
  return `${name}${shard}-${ordinal}`;
}

/**
 * Every pod of every group, in scheduling order. DaemonSet pods come first, one per eligible node
 * in node order: they are already running on a node by the time a monitoring stack is scheduled
 * there (a node's daemons start as it joins), so they take their share of it before the others.
 * Then kube-scheduler's PrioritySort queue (pkg/scheduler/framework/plugins/queuesort/priority_sort.go)
 * takes higher priority first, then the older pod; pods created together have no stable order
 * upstream, so we take the inventory's group order, then the ordinal.
 */
export function expandPods(inv: Inventory, nodes: readonly SimNode[], options: PodExpansionOptions = {}): SimPod[] {
  const daemons: SimPod[] = [];
  const pods: Array<SimPod & { groupIndex: number }> = [];
  inv.podGroups.forEach((group, groupIndex) => {
    const daemon = isDaemonGroup(group);
    if (!daemon && group.replicas <= 0) return;
    const template = group.template.spec ?? { containers: [] };
    const spec = daemon ? daemonPodSpec(template) : template;
    const base = {
      group,
      component: clusterTargetOf(group) ?? group.component,
      shard: group.shard,
      namespace: group.namespace,
      labels: { ...(group.template.metadata?.labels ?? {}) } as Record<string, string>,
      spec,
      requests: podRequests(template, group.id),
      priority: podPriority(inv, template),
      zonalVolume: groupHasZonalVolume(inv, group, options),
    };
    if (daemon) {
      let ordinal = 0;
      nodes.forEach((node, index) => {
        if (!shouldRunDaemonPod(spec, node)) return;
        daemons.push({
          ...base,
          id: `${group.id}[${node.name}]`,
          name: `${group.owner.ref.name}@${node.name}`,
          ordinal: ordinal++,
          pinnedNode: index,
        });
      });
      return;
    }
    for (let ordinal = 0; ordinal < group.replicas; ordinal++)
      pods.push({ ...base, id: `${group.id}[${ordinal}]`, name: podName(group, ordinal), ordinal, groupIndex });
  });
  pods.sort((a, b) => b.priority - a.priority || a.groupIndex - b.groupIndex || a.ordinal - b.ordinal);
  return [...daemons, ...pods.map(({ groupIndex: _, ...pod }) => pod)];
}
