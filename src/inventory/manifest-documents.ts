/**
 * Multi-document YAML (or JSON) text → the Kubernetes objects it holds, each with its 1-based
 * line. `List` and `*List` kinds (what `kubectl get -o yaml` prints) are flattened to their items.
 * A syntax error is a `ManifestParseError` naming file:line, never a crash.
 */
import { LineCounter, parseAllDocuments, isMap, isSeq, type Node } from "yaml";
import { InputError } from "../errors.js";

export interface ManifestInput {
  /** The name findings use: a path as given, `-` for stdin, or a rendered file's relative path. */
  file: string;
  text: string;
}

export interface ManifestDocument {
  file: string;
  line: number;
  object: Record<string, unknown>;
}

/** Unreadable manifest input: exit code 2. The message names file:line, what was found and what was expected. */
export class ManifestParseError extends InputError {
  override name = "ManifestParseError";
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Flattens `kind: List` / `kind: FooList` (with an `items` array) into their items, recursively. */
function isListKind(o: Record<string, unknown>): boolean {
  return typeof o.kind === "string" && o.kind.endsWith("List") && Array.isArray(o.items);
}

export function readManifestDocuments(input: ManifestInput): ManifestDocument[] {
  const lineCounter = new LineCounter();
  // uniqueKeys off: duplicate keys are common in hand-written manifests and kubectl takes the last one.
  const docs = parseAllDocuments(input.text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  // parseAllDocuments returns an EmptyStream (an array with extra props) for empty input.
  const list = Array.isArray(docs) ? docs : [];
  const out: ManifestDocument[] = [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      throw new ManifestParseError(
        input.file,
        lineOf(error.pos[0]),
        `YAML syntax error: ${error.message.split("\n")[0]}`,
      );
    }
    const contents = doc.contents as Node | null;
    if (contents === null) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      throw new ManifestParseError(
        input.file,
        lineOf(contents.range?.[0]),
        `cannot read document: ${(e as Error).message}`,
      );
    }
    if (!isRecord(value)) continue; // a bare scalar or sequence is not a Kubernetes object
    collect(value, contents, lineOf, input.file, out);
  }
  return out;
}

function collect(
  value: Record<string, unknown>,
  node: Node | null | undefined,
  lineOf: (offset: number | undefined) => number,
  file: string,
  out: ManifestDocument[],
): void {
  const line = lineOf(node?.range?.[0]);
  if (!isListKind(value)) {
    out.push({ file, line, object: value });
    return;
  }
  const itemsNode = isMap(node) ? node.get("items", true) : undefined;
  const itemNodes = isSeq(itemsNode) ? (itemsNode.items as Node[]) : [];
  (value.items as unknown[]).forEach((item, i) => {
    if (isRecord(item)) collect(item, itemNodes[i] ?? node, lineOf, file, out);
  });
}
