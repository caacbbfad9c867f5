/**
 * Where every pod is, which nodes are gone or cordoned, and what each node has left.
 *
 * Scenarios clone the state and change a little of it: everything here is keyed by the pods
 * (tens to hundreds), never copied per node, so that a clone costs O(pods + lost nodes) and the
 * 5,000 node-loss scenarios of a 5,000-node cluster stay linear.
 */
import type { SimNode, SimPod } from "./model.js";
import { nonZeroRequests } from "./non-zero-requests.js";
import { zoneOf } from "./topology.js";

export interface Binding {
  pod: SimPod;
  node: number;
}

export interface NodeUsage {
  cpu: number;
  memory: number;
  pods: number;
  /** Requests with kube-scheduler's scoring defaults for pods that request nothing (NodeInfo.NonZeroRequested). */
  nonZeroCpu: number;
  nonZeroMemory: number;
}

const EMPTY_USAGE: NodeUsage = Object.freeze({ cpu: 0, memory: 0, pods: 0, nonZeroCpu: 0, nonZeroMemory: 0 });

export class ClusterState {
  private constructor(
    readonly nodes: readonly SimNode[],
    private readonly down: Set<number>,
    private readonly cordoned: Set<number>,
    private readonly bindings: Map<string, Binding>,
    private readonly podsByNode: Map<number, Binding[]>,
    private readonly usage: Map<number, NodeUsage>,
    /** Zone of each zonal volume, from the first placement of its pod; survives the pod. */
    private readonly volumeZones: Map<string, string>,
    /** CloudNativePG primary of each postgres group (pod id). */
    private readonly primaries: Map<string, string>,
    /** The bindings whose pod has pod (anti-)affinity terms: the only ones whose terms can act on another pod. */
    private readonly affine: Map<string, Binding>,
    /** The bindings of each namespace: the only ones a term without namespaceSelector can select. */
    private readonly byNamespace: Map<string, Map<string, Binding>>,
  ) {}

  static empty(nodes: readonly SimNode[]): ClusterState {
    return new ClusterState(
      nodes,
      new Set(),
      new Set(),
      new Map(),
      new Map(),
      new Map(),
      new Map(),
      new Map(),
      new Map(),
      new Map(),
    );
  }

  clone(): ClusterState {
    const podsByNode = new Map<number, Binding[]>();
    for (const [n, list] of this.podsByNode) podsByNode.set(n, list.slice());
    return new ClusterState(
      this.nodes,
      new Set(this.down),
      new Set(this.cordoned),
      new Map(this.bindings),
      podsByNode,
      new Map(this.usage),
      new Map(this.volumeZones),
      new Map(this.primaries),
      new Map(this.affine),
      new Map([...this.byNamespace].map(([ns, m]) => [ns, new Map(m)])),
    );
  }

  /** Nodes still in the cluster. */
  liveNodeCount(): number {
    return this.nodes.length - this.down.size;
  }
  isDown(node: number): boolean {
    return this.down.has(node);
  }
  isCordoned(node: number): boolean {
    return this.cordoned.has(node) || this.nodes[node]!.unschedulable;
  }
  usageOf(node: number): NodeUsage {
    return this.usage.get(node) ?? EMPTY_USAGE;
  }
  podsOn(node: number): readonly Binding[] {
    return this.podsByNode.get(node) ?? [];
  }
  /** Nodes that hold at least one pod. */
  occupiedNodes(): number[] {
    return [...this.podsByNode.keys()].filter((n) => (this.podsByNode.get(n)?.length ?? 0) > 0).sort((a, b) => a - b);
  }
  bindingOf(podId: string): Binding | undefined {
    return this.bindings.get(podId);
  }
  allBindings(): IterableIterator<Binding> {
    return this.bindings.values();
  }
  /** Bindings whose pod has pod affinity or anti-affinity terms (InterPodAffinity's symmetry reads only these). */
  affineBindings(): IterableIterator<Binding> {
    return this.affine.values();
  }
  /** Bindings of pods in these namespaces, or every binding when `namespaces` is undefined. */
  *bindingsIn(namespaces: readonly string[] | undefined): Generator<Binding> {
    if (namespaces === undefined) {
      yield* this.bindings.values();
      return;
    }
    for (const ns of new Set(namespaces)) yield* this.byNamespace.get(ns)?.values() ?? [];
  }
  volumeZoneOf(podId: string): string | undefined {
    return this.volumeZones.get(podId);
  }
  primaryOf(groupId: string): string | undefined {
    return this.primaries.get(groupId);
  }
  setPrimary(groupId: string, podId: string): void {
    this.primaries.set(groupId, podId);
  }

  bind(pod: SimPod, node: number): void {
    if (this.bindings.has(pod.id)) throw new Error(`hamon bug: pod ${pod.id} bound twice`);
    const b: Binding = { pod, node };
    this.bindings.set(pod.id, b);
    const a = pod.spec.affinity;
    if (a?.podAffinity || a?.podAntiAffinity) this.affine.set(pod.id, b);
    const inNamespace = this.byNamespace.get(pod.namespace);
    if (inNamespace) inNamespace.set(pod.id, b);
    else this.byNamespace.set(pod.namespace, new Map([[pod.id, b]]));
    const list = this.podsByNode.get(node);
    if (list) list.push(b);
    else this.podsByNode.set(node, [b]);
    const u = this.usageOf(node);
    const nz = nonZeroRequests(pod.requests);
    this.usage.set(node, {
      cpu: u.cpu + pod.requests.cpu,
      memory: u.memory + pod.requests.memory,
      pods: u.pods + 1,
      nonZeroCpu: u.nonZeroCpu + nz.cpu,
      nonZeroMemory: u.nonZeroMemory + nz.memory,
    });
    if (pod.zonalVolume && !this.volumeZones.has(pod.id)) {
      // WaitForFirstConsumer: the volume is created in the zone of the node the pod is first
      // scheduled to (kubernetes.io/docs/concepts/storage/storage-classes/#volume-binding-mode).
      const zone = zoneOf(this.nodes[node]!);
      if (zone !== undefined) this.volumeZones.set(pod.id, zone);
    }
  }

  unbind(podId: string): Binding | undefined {
    const b = this.bindings.get(podId);
    if (!b) return undefined;
    this.bindings.delete(podId);
    this.affine.delete(podId);
    this.byNamespace.get(b.pod.namespace)?.delete(podId);
    const list = this.podsByNode.get(b.node)!;
    list.splice(list.indexOf(b), 1);
    if (list.length === 0) this.podsByNode.delete(b.node);
    const u = this.usageOf(b.node);
    const nz = nonZeroRequests(b.pod.requests);
    const next = {
      cpu: u.cpu - b.pod.requests.cpu,
      memory: u.memory - b.pod.requests.memory,
      pods: u.pods - 1,
      nonZeroCpu: u.nonZeroCpu - nz.cpu,
      nonZeroMemory: u.nonZeroMemory - nz.memory,
    };
    if (next.pods === 0) this.usage.delete(b.node);
    else this.usage.set(b.node, next);
    return b;
  }

  /** The node is gone: its pods are unbound and returned (in binding order). */
  loseNode(node: number): Binding[] {
    this.down.add(node);
    const lost = this.podsOn(node).slice();
    for (const b of lost) this.unbind(b.pod.id);
    return lost;
  }

  cordon(node: number): void {
    this.cordoned.add(node);
  }

  /** The node comes back empty and schedulable (after an upgrade). */
  restore(node: number): void {
    this.down.delete(node);
    this.cordoned.delete(node);
  }
}
