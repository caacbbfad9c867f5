/**
 * A flow the stack needs, derived from a component's own configuration (a flag, a config file
 * line, an operator CR field), with the reason it exists. One end is a pod of the inventory (one
 * pod per PodGroup: a flow from a group to itself stands for a flow between two of its replicas),
 * a pod hamon assumes exists outside the input (cluster DNS, the CloudNativePG operator), or an
 * address outside the cluster (object storage, the API server, users, notification receivers).
 */
import type { InventoryObject, PodGroup } from "../../inventory/model.js";
import type { ClusterPod, Flow, NetworkCluster } from "../model.js";

export interface RequiredFlow extends Flow {
  /** Which configuration asks for it, e.g. `--endpoint=dnssrv+_grpc._tcp.thanos-store.monitoring.svc`. */
  why: string;
  /** The object whose configuration asks for it (undefined for assumed sources). */
  origin?: InventoryObject;
  /**
   * Flows with the same `anyOf` are alternatives: the need is met when one of them is allowed
   * (the API server listens on 443 on managed clusters, 6443 on kubeadm ones).
   */
  anyOf?: string;
  /** The host name the configuration gives for an outside end (`hooks.slack.com`), for messages. */
  outsideHost?: string;
}

/** A pod that is not in the input but that the stack talks to (cluster DNS, an operator). */
export interface AssumedPod {
  pod: ClusterPod;
  /** Why hamon assumes it, with its source. */
  why: string;
}

/** Everything the flow analysis knows about an inventory. */
export interface FlowContext {
  cluster: NetworkCluster;
  /** The pod standing for each PodGroup, by group id. */
  podOfGroup: Map<string, ClusterPod>;
  /** The PodGroup of each pod of the cluster that comes from the inventory. */
  groupOfPod: Map<ClusterPod, PodGroup>;
  assumed: AssumedPod[];
}

export interface DerivedFlows {
  context: FlowContext;
  flows: RequiredFlow[];
}
