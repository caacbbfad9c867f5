/**
 * The nodes the stack is placed on: generated from the spec's node pool, or read from a
 * `kubectl get nodes -o yaml` dump (a `List` or `NodeList` of `Node` objects).
 *
 * What the scheduler reads from a Node (k8s.io/api/core/v1 types.go): metadata.labels,
 * spec.taints, spec.unschedulable, status.allocatable (cpu, memory, pods).
 */
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import type { Spec } from "../spec/schema.js";
import { HOST_TOPOLOGY_KEY, ZONE_TOPOLOGY_KEY } from "../render/stack-facts.js";
import { Quantity } from "../units/quantity.js";
import type { SimNode, Taint, TaintEffect } from "./model.js";
import { InputError } from "../errors.js";

/**
 * The kubelet's default `--max-pods` (kubernetes.io/docs/reference/command-line-tools-reference/kubelet/:
 * maxPods default 110), the `pods` allocatable of a node generated from the spec.
 */
export const DEFAULT_MAX_PODS = 110;

/** The deprecated zone label, still read by kube-scheduler's VolumeZone plugin. */
export const LEGACY_ZONE_KEY = "failure-domain.beta.kubernetes.io/zone";

export function zoneOf(node: SimNode): string | undefined {
  return node.labels[ZONE_TOPOLOGY_KEY] ?? node.labels[LEGACY_ZONE_KEY];
}

/**
 * Nodes of the spec's pool: `nodesPerZone` in each zone, named `<zone>-<n>` (1-based). Before
 * phase 4 the stack neither selects nor tolerates a dedicated pool, so the pool stands for
 * ordinary nodes: no taint.
 */
export function nodesFromSpec(spec: Spec): SimNode[] {
  const nodes: SimNode[] = [];
  const taint = spec.phase >= 4 ? spec.nodePool.taint : null;
  for (const zone of spec.cluster.zones) {
    for (let i = 1; i <= spec.nodePool.nodesPerZone; i++) {
      const name = `${zone}-${i}`;
      nodes.push({
        name,
        // The kubelet labels every node with its OS and architecture (kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-os);
        // many charts select `kubernetes.io/os: linux`. The pool is taken to be linux/amd64.
        labels: {
          "kubernetes.io/os": "linux",
          "kubernetes.io/arch": "amd64",
          ...spec.nodePool.labels,
          [HOST_TOPOLOGY_KEY]: name,
          [ZONE_TOPOLOGY_KEY]: zone,
        },
        taints: taint ? [{ key: taint.key, value: taint.value, effect: taint.effect }] : [],
        allocatable: { cpu: spec.nodePool.cpu.value, memory: spec.nodePool.memory.value, pods: DEFAULT_MAX_PODS },
        unschedulable: false,
      });
    }
  }
  return sortNodes(nodes);
}

/** A node list input that is not what `kubectl get nodes -o yaml` prints. */
export class NodeListError extends InputError {
  constructor(where: string, found: string, expected: string) {
    super(`${where}: found ${found}, expected ${expected}`);
    this.name = "NodeListError";
  }
}

const EFFECTS: readonly TaintEffect[] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/**
 * Nodes from already-parsed objects: each a `Node`, or a `List`/`NodeList` whose items are Nodes.
 * `where` names the input in errors (a file name).
 */
export function nodesFromObjects(objects: readonly unknown[], where = "nodes"): SimNode[] {
  const nodes: SimNode[] = [];
  const visit = (o: unknown, path: string): void => {
    if (o == null) return;
    if (typeof o !== "object" || Array.isArray(o))
      throw new NodeListError(path, typeof o, "a Node, List or NodeList object");
    const obj = o as Record<string, unknown>;
    const kind = obj["kind"];
    if (kind === "List" || kind === "NodeList") {
      const items = obj["items"];
      if (!Array.isArray(items)) throw new NodeListError(`${path}.items`, typeof items, "an array of Node objects");
      items.forEach((item, i) => visit(item, `${path}.items[${i}]`));
      return;
    }
    if (kind !== "Node")
      throw new NodeListError(
        `${path}.kind`,
        JSON.stringify(kind),
        "Node, NodeList or List (kubectl get nodes -o yaml)",
      );
    nodes.push(parseNode(obj, path));
  };
  objects.forEach((o, i) => visit(o, objects.length === 1 ? where : `${where}[document ${i + 1}]`));
  const seen = new Set<string>();
  for (const n of nodes) {
    if (seen.has(n.name)) throw new NodeListError(where, `node "${n.name}" twice`, "distinct node names");
    seen.add(n.name);
  }
  return sortNodes(nodes);
}

function parseNode(obj: Record<string, unknown>, path: string): SimNode {
  const metadata = (obj["metadata"] ?? {}) as Record<string, unknown>;
  const spec = (obj["spec"] ?? {}) as Record<string, unknown>;
  const status = (obj["status"] ?? {}) as Record<string, unknown>;
  const name = metadata["name"];
  if (typeof name !== "string" || name === "")
    throw new NodeListError(`${path}.metadata.name`, JSON.stringify(name), "a node name");
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries((metadata["labels"] ?? {}) as Record<string, unknown>)) labels[k] = String(v);
  // The kubelet always sets kubernetes.io/hostname; a hand-written list may not.
  labels[HOST_TOPOLOGY_KEY] ??= name;
  const taints: Taint[] = [];
  const rawTaints = spec["taints"] ?? [];
  if (!Array.isArray(rawTaints)) throw new NodeListError(`${path}.spec.taints`, typeof rawTaints, "an array");
  rawTaints.forEach((t: Record<string, unknown>, i) => {
    const effect = t["effect"] as TaintEffect;
    if (!EFFECTS.includes(effect))
      throw new NodeListError(`${path}.spec.taints[${i}].effect`, JSON.stringify(effect), EFFECTS.join(", "));
    taints.push({ key: String(t["key"] ?? ""), ...(t["value"] != null ? { value: String(t["value"]) } : {}), effect });
  });
  const allocatable = (status["allocatable"] ?? status["capacity"] ?? {}) as Record<string, string | number>;
  const quantity = (key: string, fallback: number): number => {
    const v = allocatable[key];
    if (v == null) return fallback;
    try {
      return Quantity.parse(v).value;
    } catch (e) {
      throw new NodeListError(
        `${path}.status.allocatable.${key}`,
        JSON.stringify(v),
        `a quantity (${(e as Error).message})`,
      );
    }
  };
  return {
    name,
    labels,
    taints,
    // A node without allocatable is treated as empty: nothing fits (upstream: zero allocatable).
    allocatable: { cpu: quantity("cpu", 0), memory: quantity("memory", 0), pods: quantity("pods", DEFAULT_MAX_PODS) },
    unschedulable: spec["unschedulable"] === true,
  };
}

/** Parse the text of a node dump (YAML or JSON, one or several documents). */
export function nodesFromText(text: string, file: string): SimNode[] {
  const docs = parseAllDocuments(text);
  const objects: unknown[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      const err = doc.errors[0]!;
      const line = err.linePos?.[0]?.line ?? 0;
      throw new NodeListError(
        `${file}:${line}`,
        err.message.split("\n")[0] ?? "a YAML error",
        "YAML from kubectl get nodes -o yaml",
      );
    }
    objects.push(doc.toJS());
  }
  return nodesFromObjects(objects, file);
}

/** I/O edge: read a `kubectl get nodes -o yaml` file. */
export function readNodesFile(file: string): SimNode[] {
  return nodesFromText(readFileSync(file, "utf8"), file);
}

/** Deterministic node order: by name. Tie-breaks and scenario order follow it. */
function sortNodes(nodes: SimNode[]): SimNode[] {
  return nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Node classes: nodes that look the same to the given pods (same values of the label keys the
 * pods refer to, except the hostname; same taints and unschedulable; allocatable may differ, as it
 * does by a few KiB between nodes of one instance type). Used to report why a pod is Pending in a
 * few lines, and by the worst-case analysis to try the largest node of each class instead of
 * every node.
 */
export function nodeClasses(
  nodes: readonly SimNode[],
  relevantKeys: ReadonlySet<string>,
): { classOf: Int32Array; names: string[]; sizes: number[]; largest: number[] } {
  const index = new Map<string, number>();
  const classOf = new Int32Array(nodes.length);
  const names: string[] = [];
  const sizes: number[] = [];
  const largest: number[] = [];
  nodes.forEach((node, i) => {
    const labels = [...relevantKeys]
      .filter((k) => k !== HOST_TOPOLOGY_KEY && k in node.labels)
      .sort()
      .map((k) => `${k}=${node.labels[k]}`);
    const taints = node.taints.map((t) => `${t.key}=${t.value ?? ""}:${t.effect}`).sort();
    const key = JSON.stringify([labels, taints, node.unschedulable]);
    let c = index.get(key);
    if (c === undefined) {
      c = names.length;
      index.set(key, c);
      const zone = zoneOf(node);
      names.push(`${zone ?? "no zone"}: nodes like ${node.name}`);
      sizes.push(0);
      largest.push(i);
    }
    classOf[i] = c;
    sizes[c]!++;
    const big = nodes[largest[c]!]!.allocatable;
    const a = node.allocatable;
    if (a.cpu > big.cpu || (a.cpu === big.cpu && a.memory > big.memory)) largest[c] = i;
  });
  return { classOf, names, sizes, largest };
}
