/**
 * The nodes the stack is placed on: generated from the spec's node pool, or read from a
 * `kubectl get nodes -o yaml` dump (a `List` or `NodeList` of `Node` objects).
 *
 * What the scheduler reads from a Node (k8s.io/api/core/v1 types.go): metadata.labels,
 * spec.taints, spec.unschedulable, status.allocatable (cpu, memory, pods).
 */
import { looksLikeErrorMessage, readManifestDocuments } from "../inventory/manifest-documents.js";
import { readManifestFileSync } from "../inventory/load-manifest-inputs.js";
import { describeContent } from "../inventory/nothing-to-analyse.js";
import type { Spec } from "../spec/schema.js";
import { ARCH_LABEL, HOSTNAME_LABEL, LEGACY_ZONE_LABEL, OS_LABEL, ZONE_LABEL } from "../k8s/well-known-labels.js";
import { Quantity } from "../units/quantity.js";
import type { SimNode, Taint, TaintEffect } from "./model.js";
import { InputError } from "../errors.js";
import { isRecord } from "../k8s/json.js";
import { features } from "../spec/features.js";

/**
 * The kubelet's default `--max-pods` (kubernetes.io/docs/reference/command-line-tools-reference/kubelet/:
 * maxPods default 110), the `pods` allocatable of a node generated from the spec.
 */
export const DEFAULT_MAX_PODS = 110;

export function zoneOf(node: SimNode): string | undefined {
  return node.labels[ZONE_LABEL] ?? node.labels[LEGACY_ZONE_LABEL];
}

/**
 * Nodes of the spec's pool: `nodesPerZone` in each zone, named `<zone>-<n>` (1-based). Without
 * the dedicated pool (features.ts) the stack neither selects nor tolerates it, so the pool stands
 * for ordinary nodes: no taint.
 */
export function nodesFromSpec(spec: Spec): SimNode[] {
  const nodes: SimNode[] = [];
  const taint = features(spec).dedicatedPool ? spec.nodePool.taint : null;
  for (const zone of spec.cluster.zones) {
    for (let i = 1; i <= spec.nodePool.nodesPerZone; i++) {
      const name = `${zone}-${i}`;
      nodes.push({
        name,
        // The kubelet labels every node with its OS and architecture (kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-os);
        // many charts select `kubernetes.io/os: linux`. The pool is taken to be linux/amd64.
        labels: {
          [OS_LABEL]: "linux",
          [ARCH_LABEL]: "amd64",
          ...spec.nodePool.labels,
          [HOSTNAME_LABEL]: name,
          [ZONE_LABEL]: zone,
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
const EXPECTED_INPUT = "kubectl get nodes -o yaml";

/** A value as a person reads it in an error message. */
function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return JSON.stringify(v);
}

/** Names a field of one node in errors: `nodes.yaml:12: spec.taints[0].effect` or `nodes.items[3].spec…`. */
type FieldName = (field: string) => string;

/**
 * Nodes from already-parsed objects: each a `Node`, or a `List`/`NodeList` whose items are Nodes.
 * `where` names the input in errors (a file name).
 */
export function nodesFromObjects(objects: readonly unknown[], where = "nodes"): SimNode[] {
  const nodes: Array<{ node: SimNode; at: string }> = [];
  const visit = (o: unknown, path: string): void => {
    if (o == null) return;
    if (!isRecord(o)) throw new NodeListError(path, describe(o), "a Node, List or NodeList object");
    const kind = o["kind"];
    if (kind === "List" || kind === "NodeList") {
      const items = o["items"];
      if (!Array.isArray(items)) throw new NodeListError(`${path}.items`, describe(items), "a list of Node objects");
      items.forEach((item, i) => visit(item, `${path}.items[${i}]`));
      return;
    }
    nodes.push({ node: nodeFromObject(o, (field) => `${path}.${field}`), at: path });
  };
  objects.forEach((o, i) => visit(o, objects.length === 1 ? where : `${where}[document ${i + 1}]`));
  return checkedNodes(nodes, where);
}

/**
 * Nodes from the text of a node dump: YAML or JSON, one or several documents, `List`/`NodeList`
 * flattened; read as every manifest is (manifest-documents.ts), so errors name file:line.
 */
export function nodesFromText(text: string, file: string): SimNode[] {
  const docs = readManifestDocuments({ file, text });
  // "Error: …" (kubectl's failure, redirected into the file) reads as a mapping without kind.
  if (docs.length === 0 || (looksLikeErrorMessage(text) !== undefined && docs[0]!.object["kind"] === undefined)) {
    const c = describeContent({ file, text });
    throw new NodeListError(c.where, c.found, `at least one Node (${EXPECTED_INPUT})${c.hint ? `; ${c.hint}` : ""}`);
  }
  const nodes = docs.map((d) => {
    const at = `${d.file}:${d.line}`;
    const kind = d.object["kind"];
    // A List whose items are not a list is not flattened: say what is wrong with it.
    if ((kind === "List" || kind === "NodeList") && !Array.isArray(d.object["items"]))
      throw new NodeListError(`${at}: items`, describe(d.object["items"]), "a list of Node objects");
    return { node: nodeFromObject(d.object, (field) => `${at}: ${field}`), at };
  });
  return checkedNodes(nodes, file);
}

/** At least one node, and no name twice (the scenarios are per node name). */
function checkedNodes(nodes: ReadonlyArray<{ node: SimNode; at: string }>, where: string): SimNode[] {
  if (nodes.length === 0) throw new NodeListError(where, "no Node", `at least one (${EXPECTED_INPUT})`);
  const seen = new Map<string, string>();
  for (const { node, at } of nodes) {
    const first = seen.get(node.name);
    if (first !== undefined)
      throw new NodeListError(at, `node "${node.name}" again (first at ${first})`, "distinct node names");
    seen.set(node.name, at);
  }
  return sortNodes(nodes.map((n) => n.node));
}

function nodeFromObject(obj: Record<string, unknown>, field: FieldName): SimNode {
  const kind = obj["kind"];
  if (kind !== "Node")
    throw new NodeListError(field("kind"), describe(kind), `Node, NodeList or List (${EXPECTED_INPUT})`);
  const section = (key: string): Record<string, unknown> => {
    const v = obj[key] ?? {};
    if (!isRecord(v)) throw new NodeListError(field(key), describe(v), "a mapping");
    return v;
  };
  const metadata = section("metadata");
  const spec = section("spec");
  const status = section("status");
  const name = metadata["name"];
  if (typeof name !== "string" || name === "")
    throw new NodeListError(field("metadata.name"), describe(name), "a node name");
  const labels: Record<string, string> = {};
  const rawLabels = metadata["labels"] ?? {};
  if (!isRecord(rawLabels)) throw new NodeListError(field("metadata.labels"), describe(rawLabels), "a mapping");
  for (const [k, v] of Object.entries(rawLabels)) {
    if (isRecord(v) || Array.isArray(v))
      throw new NodeListError(field(`metadata.labels.${k}`), describe(v), "a label value (a string)");
    labels[k] = String(v);
  }
  // The kubelet always sets kubernetes.io/hostname; a hand-written list may not.
  labels[HOSTNAME_LABEL] ??= name;
  const taints: Taint[] = [];
  const rawTaints = spec["taints"] ?? [];
  if (!Array.isArray(rawTaints)) throw new NodeListError(field("spec.taints"), describe(rawTaints), "a list");
  rawTaints.forEach((t: unknown, i) => {
    if (!isRecord(t)) throw new NodeListError(field(`spec.taints[${i}]`), describe(t), "a taint (key, value, effect)");
    const effect = t["effect"] as TaintEffect;
    if (!EFFECTS.includes(effect))
      throw new NodeListError(field(`spec.taints[${i}].effect`), describe(effect), EFFECTS.join(", "));
    taints.push({ key: String(t["key"] ?? ""), ...(t["value"] != null ? { value: String(t["value"]) } : {}), effect });
  });
  const allocatable = status["allocatable"] ?? status["capacity"] ?? {};
  if (!isRecord(allocatable))
    throw new NodeListError(field("status.allocatable"), describe(allocatable), "a mapping of quantities");
  const quantity = (key: string, fallback: number): number => {
    const v = allocatable[key];
    if (v == null) return fallback;
    try {
      if (typeof v === "string" || typeof v === "number") return Quantity.parse(v).value;
    } catch {
      // refused below, with the field's name
    }
    throw new NodeListError(field(`status.allocatable.${key}`), describe(v), "a quantity (e.g. 8, 7910m, 32Gi)");
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

/** I/O edge: read a `kubectl get nodes -o yaml` file. */
export function readNodesFile(file: string): SimNode[] {
  return nodesFromText(readManifestFileSync(file), file);
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
      .filter((k) => k !== HOSTNAME_LABEL && k in node.labels)
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
