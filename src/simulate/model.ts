/**
 * The simulator's own vocabulary: nodes, pods expanded from the inventory's PodGroups, and the
 * result of `simulate()`. Quantities are plain numbers in base units (cores, bytes), parsed once
 * where nodes and pods are built.
 */
import { STACK_COMPONENTS, type StackComponent } from "../vocabulary.js";
import type { IPodSpec } from "kubernetes-models/v1";
import type { MonitoringComponent, PodGroup } from "../inventory/model.js";
import type { ExporterComponent } from "../inventory/cluster-target-recognition.js";

export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

export interface Taint {
  key: string;
  value?: string;
  effect: TaintEffect;
}

export interface Resources {
  /** Cores. */
  cpu: number;
  /** Bytes. */
  memory: number;
}

/** A node as the scheduler sees it (kubernetes Node: metadata.labels, spec.taints, spec.unschedulable, status.allocatable). */
export interface SimNode {
  name: string;
  labels: Readonly<Record<string, string>>;
  taints: readonly Taint[];
  allocatable: Resources & { pods: number };
  unschedulable: boolean;
}

/** What a simulated pod is: a component of the stack, another workload, or one of the cluster's exporters. */
export type SimComponent = MonitoringComponent | ExporterComponent;

/** One pod of a PodGroup, with what the scheduler reads from it. */
export interface SimPod {
  /** `<group id>[<ordinal>]`: unique in one simulation. */
  id: string;
  /** What the pod is called in output, e.g. `prometheus-hamon-shard-1-0`, `grafana[1]`. */
  name: string;
  group: PodGroup;
  component: SimComponent;
  shard: number | undefined;
  ordinal: number;
  namespace: string;
  labels: Readonly<Record<string, string>>;
  spec: IPodSpec;
  /** Effective requests: max(sum of containers, largest init container) + overhead (see pods.ts). */
  requests: Resources;
  /** PriorityClass value (0 when unknown); higher is scheduled first. */
  priority: number;
  /** True when the pod's volume is bound to the zone where it is first created (zonal StorageClass). */
  zonalVolume: boolean;
  /**
   * A DaemonSet's pod: the index of the one node its controller made it for (it asks for that
   * node by node affinity, so the scheduler only checks that it fits there). Absent otherwise.
   */
  pinnedNode?: number;
}

export type ComponentStatusValue = "ok" | "degraded" | "down";

/**
 * Component names in the output: the stack's, the Thanos Receive that hamon does not render
 * but finds in any input (thanos-sidecar is part of prometheus), and last the cluster's
 * exporters, which the stack scrapes to watch the cluster (see availability.ts for what "up"
 * means for each).
 */
export type AvailabilityComponent = StackComponent | "thanos-receive" | ExporterComponent;

export const AVAILABILITY_COMPONENTS: readonly AvailabilityComponent[] = [
  ...STACK_COMPONENTS.slice(0, 3),
  "thanos-receive",
  ...STACK_COMPONENTS.slice(3),
  "kube-state-metrics",
  "node-exporter",
];

export interface ComponentStatus {
  component: AvailabilityComponent;
  status: ComponentStatusValue;
  reason: string;
}

export type ScenarioKind = "node" | "zone" | "drain" | "upgrade";

export interface ScenarioResult {
  id: string;
  kind: ScenarioKind;
  target: string;
  components: ComponentStatus[];
}

/** Why a pod could not be placed on the nodes of one class, as kube-scheduler's "0/N nodes are available" message. */
export interface NodeClassRejection {
  nodeClass: string;
  nodes: number;
  rejectedBy: Array<{ plugin: string; reason: string; nodes: number }>;
}

export interface PodPlacementResult {
  pod: string;
  group: string;
  component: SimComponent;
  /** A DaemonSet's pod, on the node its controller made it for. */
  perNode?: true;
  shard?: number;
  /** null when the pod stays Pending. */
  node: string | null;
  zone: string | null;
  /** Only for Pending pods. */
  unschedulable?: NodeClassRejection[];
}

export type WorstCaseVerdict =
  "zone-spread-guaranteed" | "node-spread-guaranteed" | "not-guaranteed" | "single-replica";

export interface WorstCaseResult {
  component: SimComponent;
  group: string;
  shard?: number;
  replicas: number;
  /** A node that can hold every replica under the hard constraints, or null. */
  sameNode: string | null;
  /** A zone that can hold every replica under the hard constraints, or null. */
  sameZone: string | null;
  verdict: WorstCaseVerdict;
  reason: string;
}

export interface SimulationResult {
  placement: PodPlacementResult[];
  scenarios: ScenarioResult[];
  worstCase: WorstCaseResult[];
}
