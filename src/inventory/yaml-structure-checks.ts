/**
 * What kubectl's YAML reader refuses and the `yaml` library would accept, checked on a parsed
 * document before it is converted to objects, in one pass over its nodes that does not follow
 * aliases (so it is linear in the text, even for an alias bomb):
 *
 * - Excessive aliasing (a "billion laughs" bomb). The rule is go-yaml's, which kubectl reads YAML
 *   with (sigs.k8s.io/yaml → gopkg.in/yaml.v2, decode.go `allowedAliasRatio`, the fix for
 *   CVE-2019-11253): a document is refused when more than 100 of its decoded nodes come from
 *   alias expansion, it has more than 1,000 nodes, and the share from aliases exceeds 99% (up to
 *   400,000 nodes), falling linearly to 10% at 4,000,000 nodes. It bounds the work by the size
 *   of the text, yet admits any real output: `kubectl get -o yaml` writes no alias, and PyYAML,
 *   which anchors every object it meets twice, writes one alias per reuse, a small share of the
 *   nodes even for thousands of them. The `yaml` library's own `maxAliasCount` counts the uses of
 *   each anchor instead (nodes/Alias.js: uses × nested aliases), so any fixed limit either refuses
 *   a 5,000-node list whose nodes share one label map, or admits a bomb of that many nodes.
 * - An anchor whose value contains an alias to itself: the object would contain itself (go-yaml:
 *   "anchor '…' value contains itself"; the `yaml` library builds a circular object).
 * - A mapping key that is a mapping or a list: a Kubernetes object is JSON, whose keys are
 *   strings (sigs.k8s.io/yaml refuses it: "invalid map key"). `name: {{ .Values.name }}` in an
 *   unrendered Helm template parses as exactly that.
 *
 * The same pass replaces each alias by the node it names, so that the conversion copies it as
 * go-yaml does. The library would resolve each alias by scanning every anchor and alias of the
 * document (nodes/Alias.js `resolve`): quadratic, 30 s for a PyYAML list of 5,000 nodes.
 */
import { isAlias, isCollection, isMap, isSeq, type Document, type Node } from "yaml";

export interface StructureProblem {
  /** Offset of the node in the text, for its line. */
  offset: number | undefined;
  message: string;
}

const ALIAS_RATIO_RANGE_LOW = 400_000;
const ALIAS_RATIO_RANGE_HIGH = 4_000_000;

/** go-yaml's allowed share of alias-expanded nodes for a document of `decoded` nodes. */
export function allowedAliasRatio(decoded: number): number {
  if (decoded <= ALIAS_RATIO_RANGE_LOW) return 0.99;
  if (decoded >= ALIAS_RATIO_RANGE_HIGH) return 0.1;
  return 0.99 - (0.89 * (decoded - ALIAS_RATIO_RANGE_LOW)) / (ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW);
}

class Found {
  constructor(readonly problem: StructureProblem) {}
}

interface AnchorInfo {
  node: Node;
  /** Nodes the anchored value expands to; undefined while the walk is inside it. */
  size: number | undefined;
}

const count = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "infinitely many");
const percent = (r: number) => `${Math.round(r * 1000) / 10}%`;

/**
 * The first problem of the document, or undefined after replacing its aliases by the nodes they
 * name. `text` is the document's source, quoted in messages.
 */
export function checkAndInlineAliases(doc: Document.Parsed, text: string): StructureProblem | undefined {
  const anchors = new Map<string, AnchorInfo>();
  // Counted as go-yaml's decoder does: every node once, and every node an alias expands to again.
  let decoded = 1; // the document node
  let fromAliases = 0;
  // `!(… <= …)` also refuses a count that overflowed to Infinity (Infinity / Infinity is NaN).
  const excessive = () =>
    fromAliases > 100 && decoded > 1000 && !(fromAliases / decoded <= allowedAliasRatio(decoded))
      ? `excessive aliasing (an alias bomb?): the aliases up to here expand to ${count(fromAliases)} YAML nodes, ` +
        `${percent(fromAliases / decoded)} of the document; kubectl's YAML reader refuses more than ${percent(allowedAliasRatio(decoded))}`
      : undefined;
  const fail = (node: Node | null | undefined, message: string): never => {
    throw new Found({ offset: node?.range?.[0], message });
  };

  /** The node an alias names (validated by `walk` first); any other node as it is. */
  const inlined = <T>(node: T): T => (isAlias(node) ? (anchors.get(node.source)!.node as T) : node);

  /** The number of nodes `node` expands to (aliases included), counting them as it goes. */
  const walk = (node: unknown, isKey = false): number => {
    if (node === null || node === undefined) return 0;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) return fail(node, `alias *${node.source} has no anchor &${node.source} before it`);
      if (target.size === undefined)
        return fail(
          node,
          `alias *${node.source} is inside the value of &${node.source}: the value would contain itself`,
        );
      if (isKey && isCollection(target.node))
        return fail(node, keyMessage(`*${node.source}`, "an alias to a mapping or list"));
      decoded += 1 + target.size;
      fromAliases += target.size;
      const tooMany = excessive();
      if (tooMany) fail(node, tooMany);
      return 1 + target.size;
    }
    const n = node as Node;
    if (isKey && isCollection(n))
      return fail(n, keyMessage(text.slice(n.range?.[0] ?? 0, n.range?.[1] ?? 0), isMap(n) ? "a mapping" : "a list"));
    const anchor = n.anchor;
    if (anchor) anchors.set(anchor, { node: n, size: undefined });
    decoded += 1;
    let size = 1;
    // Each child is inlined right after its walk: a later anchor of the same name does not apply to it.
    if (isMap(n))
      for (const pair of n.items) {
        size += walk(pair.key, true);
        pair.key = inlined(pair.key);
        size += walk(pair.value);
        pair.value = inlined(pair.value);
      }
    else if (isSeq(n))
      n.items.forEach((item, i) => {
        size += walk(item);
        n.items[i] = inlined(item);
      });
    if (anchor) anchors.set(anchor, { node: n, size });
    return size;
  };

  try {
    walk(doc.contents);
    const tooMany = excessive();
    if (tooMany) fail(doc.contents, tooMany);
  } catch (e) {
    if (e instanceof Found) return e.problem;
    throw e;
  }
  return undefined;
}

function keyMessage(source: string, found: string): string {
  const quoted = source.replace(/\s+/g, " ").trim();
  const shown = quoted.length > 40 ? `${quoted.slice(0, 40)}…` : quoted;
  return `a mapping key is ${found} (${shown}), expected a string: Kubernetes objects are JSON, whose keys are strings`;
}
