/**
 * One pass over a parsed YAML document that finds, in time linear in its size, what the spec
 * loader needs before and after validation:
 * - the node at every path, so that each issue is located in constant time (looking each path
 *   up in its mappings was quadratic on large specs);
 * - duplicate keys (the `yaml` library's own `uniqueKeys` check compares every key with every
 *   other key of its mapping: quadratic);
 * - aliases that point nowhere, into themselves (a cycle), or that expand into far more nodes
 *   than the document holds (an alias bomb).
 * Iterative, so that a deeply nested document cannot overflow the stack.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node as YamlNode } from "yaml";

export type PathSegment = string | number;

export interface IndexedNode {
  /** The value at the path (null for `key:` with nothing after it). */
  value: YamlNode | null;
  /** The key that leads to it, for mapping entries. */
  key?: YamlNode;
}

export interface AliasProblem {
  path: PathSegment[];
  alias: Alias;
  kind: "unresolved" | "cycle";
}

export interface DocumentIndex {
  /** The node at `path`, or undefined when the document has nothing there. */
  at(path: ReadonlyArray<PathSegment>): IndexedNode | undefined;
  /** A key written twice in one mapping: the second occurrence. */
  duplicateKeys: Array<{ path: PathSegment[]; key: YamlNode }>;
  aliasProblems: AliasProblem[];
  /** Nodes the aliases add when expanded, and the alias whose expansion is the largest. */
  aliasExpansion: { addedNodes: number; largest?: { path: PathSegment[]; alias: Alias; nodes: number } };
}

const SEP = "\u0000";
const keyOf = (path: ReadonlyArray<PathSegment>) => path.map(String).join(SEP);

function keyValue(key: unknown): PathSegment | undefined {
  if (!isScalar(key)) return undefined;
  const v = key.value;
  return typeof v === "number" ? v : String(v);
}

interface Frame {
  node: YamlNode;
  path: PathSegment[];
  /** Children to add into this node's expanded size once they are done. */
  children: YamlNode[];
  entered: boolean;
}

export function indexDocument(doc: Document): DocumentIndex {
  const entries = new Map<string, IndexedNode>();
  const duplicateKeys: DocumentIndex["duplicateKeys"] = [];
  const aliasProblems: AliasProblem[] = [];
  /** Expanded size of every finished node (an alias counts as what it refers to). */
  const sizes = new Map<YamlNode, number>();
  const anchors = new Map<string, YamlNode>();
  const open = new Set<YamlNode>();
  let rawNodes = 0;
  let largest: DocumentIndex["aliasExpansion"]["largest"];

  const root = doc.contents as YamlNode | null;
  if (root) entries.set(keyOf([]), { value: root });
  const stack: Frame[] = root ? [{ node: root, path: [], children: [], entered: false }] : [];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const { node, path } = frame;
    if (frame.entered) {
      stack.pop();
      open.delete(node);
      if (!isAlias(node)) sizes.set(node, 1 + frame.children.reduce((sum, c) => sum + (sizes.get(c) ?? 1), 0));
      continue;
    }
    frame.entered = true;
    rawNodes++;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) aliasProblems.push({ path, alias: node, kind: "unresolved" });
      else if (open.has(target)) aliasProblems.push({ path, alias: node, kind: "cycle" });
      else {
        const nodes = sizes.get(target) ?? 1;
        sizes.set(node, nodes);
        if (!largest || nodes > largest.nodes) largest = { path, alias: node, nodes };
      }
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    open.add(node);
    const children: Array<[YamlNode, PathSegment[]]> = [];
    if (isMap(node)) {
      const seen = new Set<PathSegment>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = keyValue(pair.key);
        const childPath = k === undefined ? path : [...path, k];
        if (k !== undefined) {
          if (seen.has(k)) duplicateKeys.push({ path: childPath, key: pair.key as YamlNode });
          else {
            seen.add(k);
            entries.set(keyOf(childPath), {
              value: (pair.value as YamlNode | null) ?? null,
              key: pair.key as YamlNode,
            });
          }
        }
        if (pair.key && !isScalar(pair.key)) children.push([pair.key as YamlNode, path]);
        if (pair.value) children.push([pair.value as YamlNode, childPath]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const childPath = [...path, i];
        entries.set(keyOf(childPath), { value: (item as YamlNode | null) ?? null });
        if (item) children.push([item as YamlNode, childPath]);
      });
    }
    frame.children = children.map(([child]) => child);
    // Pushed in reverse, so that children are visited in document order (anchors before their aliases).
    for (let i = children.length - 1; i >= 0; i--) {
      const [child, childPath] = children[i]!;
      stack.push({ node: child, path: childPath, children: [], entered: false });
    }
  }

  const expanded = root ? (sizes.get(root) ?? rawNodes) : 0;
  return {
    at: (path) => entries.get(keyOf(path)),
    duplicateKeys,
    aliasProblems,
    aliasExpansion: { addedNodes: Math.max(0, expanded - rawNodes), ...(largest ? { largest } : {}) },
  };
}
