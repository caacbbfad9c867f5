/**
 * How the DaemonSet controller decides where its pods go, and what it adds to them
 * (kubernetes.io/docs/concepts/workloads/controllers/daemonset/, "How Daemon Pods are scheduled";
 * kubernetes pkg/controller/daemon/daemon_controller.go NodeShouldRunDaemonPod and
 * pkg/controller/daemon/util/daemonset_util.go AddOrUpdateDaemonPodTolerations).
 *
 * The controller makes one pod for every node whose labels match the template's nodeSelector and
 * required node affinity and whose NoSchedule and NoExecute taints the pod tolerates, counting the
 * tolerations it adds itself. Each pod asks for its node by node affinity (`matchFields:
 * metadata.name`), so the scheduler makes no choice: it only checks that the pod fits there.
 */
import type { IPodSpec, IToleration } from "kubernetes-models/v1";
import type { PodGroup } from "../inventory/model.js";
import type { SimNode } from "./model.js";
import { matchesRequiredNodeAffinity } from "./scheduler/node-affinity.js";
import { firstUntoleratedTaint } from "./scheduler/taint-toleration.js";

/** A DaemonSet's group: one pod per eligible node, whatever `replicas` says. */
export function isDaemonGroup(group: PodGroup): boolean {
  return group.perNode === true || group.owner.ref.kind === "DaemonSet";
}

/** The tolerations every daemon pod gets, whatever its template says (daemonset_util.go). */
const ADDED_TOLERATIONS: readonly IToleration[] = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
  // Daemon pods run on cordoned nodes, and `kubectl drain --ignore-daemonsets` leaves them there.
  { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
];

/** Only for pods on the host's network, which needs no CNI to be ready. */
const HOST_NETWORK_TOLERATION: IToleration = {
  key: "node.kubernetes.io/network-unavailable",
  operator: "Exists",
  effect: "NoSchedule",
};

/** The daemon pod's spec: the template's, with the controller's tolerations added. */
export function daemonPodSpec(template: IPodSpec): IPodSpec {
  const added = [...ADDED_TOLERATIONS, ...(template.hostNetwork ? [HOST_NETWORK_TOLERATION] : [])];
  return { ...template, tolerations: [...(template.tolerations ?? []), ...added] };
}

/** Whether the controller makes a pod of this spec (already through daemonPodSpec) for the node. */
export function shouldRunDaemonPod(spec: IPodSpec, node: SimNode): boolean {
  if (spec.nodeName !== undefined && spec.nodeName !== node.name) return false;
  if (!matchesRequiredNodeAffinity(spec, node)) return false;
  return firstUntoleratedTaint(spec.tolerations ?? [], node.taints, ["NoSchedule", "NoExecute"]) === undefined;
}
