/**
 * Multi-document YAML (or JSON) text → the Kubernetes objects it holds, each with its 1-based
 * line. `List` and `*List` kinds (what `kubectl get -o yaml` prints) are flattened to their items.
 * The YAML is read as kubectl reads it: YAML 1.1 merge keys (`<<: *base`) are expanded (kubectl
 * reads YAML through sigs.k8s.io/yaml with gopkg.in/yaml.v2, which merges them), and what its
 * reader refuses is refused here too (yaml-structure-checks.ts). A syntax error or a refused
 * document is a `ManifestParseError` naming file:line, never a crash.
 */
import { LineCounter, parseAllDocuments, isMap, isScalar, isSeq, Scalar, type Node } from "yaml";
import { InputError } from "../errors.js";
import { isRecord } from "../k8s/json.js";
import { checkAndInlineAliases } from "./yaml-structure-checks.js";
import type { EmbeddedFilePlace } from "./model.js";

export interface ManifestInput {
  /** The name findings use: a path as given, `-` for stdin, or a rendered file's relative path. */
  file: string;
  text: string;
}

export interface ManifestDocument {
  file: string;
  line: number;
  object: Record<string, unknown>;
  /** ConfigMap and Secret only: where each key of `data`/`stringData` is written (model.ts EmbeddedFilePlace). */
  embeddedFiles?: Record<string, EmbeddedFilePlace>;
}

/** Unreadable manifest input: exit code 2. The message names file:line, what was found and what was expected. */
export class ManifestParseError extends InputError {
  override name = "ManifestParseError";
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file === "-" ? "stdin" : file}:${line}: ${detail}`);
  }
}

/** Flattens `kind: List` / `kind: FooList` (with an `items` array) into their items, recursively. */
function isListKind(o: Record<string, unknown>): boolean {
  return typeof o.kind === "string" && o.kind.endsWith("List") && Array.isArray(o.items);
}

/** One parsed document of a stream: its value (any YAML) and the node it was read from. */
export interface ParsedDocument {
  value: unknown;
  node: Node;
}

/**
 * Every non-empty document of the text, converted to plain values, in order. Throws a
 * `ManifestParseError` (file:line) for a syntax error or a document kubectl would refuse.
 */
export function parseManifestStream(input: ManifestInput): {
  documents: ParsedDocument[];
  lineOf: (offset: number | undefined) => number;
} {
  const lineCounter = new LineCounter();
  // uniqueKeys off: duplicate keys are common in hand-written manifests and kubectl takes the last one.
  // logLevel "error": the library would otherwise print Node warnings on the user's terminal.
  const docs = parseAllDocuments(input.text, {
    lineCounter,
    uniqueKeys: false,
    prettyErrors: false,
    merge: true,
    logLevel: "error",
  });
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const fail = (offset: number | undefined, detail: string): never => {
    const line = lineOf(offset);
    throw new ManifestParseError(input.file, line, detail + templateHint(input.text, lineCounter.lineStarts, line));
  };
  // parseAllDocuments returns an EmptyStream (an array with extra props) for empty input.
  const list = Array.isArray(docs) ? docs : [];
  const documents: ParsedDocument[] = [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      // Text such as "Error: INSTALLATION FAILED: …" is not YAML: say what it is rather than where it breaks.
      const message = looksLikeErrorMessage(input.text);
      if (message !== undefined)
        throw new ManifestParseError(
          input.file,
          lineOf(input.text.indexOf(message)),
          `found an error message ("${shorten(message)}"), expected Kubernetes objects; fix the command that produced it first`,
        );
      fail(error.pos[0], `YAML syntax error: ${error.message.split("\n")[0]}`);
    }
    const node = doc.contents as Node | null;
    if (node === null) continue;
    const problem = checkAndInlineAliases(doc, input.text);
    if (problem) fail(problem.offset, problem.message);
    let value: unknown;
    try {
      // No alias is left (checkAndInlineAliases applied kubectl's limit): the library's own limit is off.
      value = doc.toJS({ maxAliasCount: -1 });
    } catch (e) {
      fail(node.range?.[0], `cannot read document: ${(e as Error).message}`);
    }
    // An empty document (between `---` lines, or only comments) reads as null: nothing there.
    if (value !== null && value !== undefined) documents.push({ value, node });
  }
  return { documents, lineOf };
}

export function readManifestDocuments(input: ManifestInput): ManifestDocument[] {
  const { documents, lineOf } = parseManifestStream(input);
  const out: ManifestDocument[] = [];
  for (const { value, node } of documents) {
    if (!isRecord(value)) continue; // a bare scalar or sequence is not a Kubernetes object
    collect(value, node, lineOf, input.file, out);
  }
  return out;
}

/** Whether the text is an error message (what helm, kubectl and kustomize print on failure) rather than YAML. */
export function looksLikeErrorMessage(text: string): string | undefined {
  const first = /^[ \t]*(\S[^\n]*)/m.exec(text)?.[1];
  return first !== undefined && /^(Error|error|ERROR|fatal|FATAL|panic):\s/.test(first) ? first : undefined;
}

/** Go template actions (`{{ .Values.x }}`, `{{- include … }}`): Helm chart source, not its output. */
const TEMPLATE_ACTION = /\{\{-?\s*[.$\w"/(-]/;

/** A hint for a refused document whose line at fault (or the one before) holds a Go template action. */
function templateHint(text: string, lineStarts: readonly number[], line: number): string {
  const lineText = (n: number) => (n < 1 || n > lineStarts.length ? "" : text.slice(lineStarts[n - 1], lineStarts[n]));
  if (TEMPLATE_ACTION.test(lineText(line)) || TEMPLATE_ACTION.test(lineText(line - 1)))
    return "; the line holds a Go template action ({{ … }}): if this is a Helm chart's source, render it with `helm template` first and read its output; if the braces are text, quote the value";
  return "";
}

export const shorten = (s: string, max = 100) => (s.length > max ? `${s.slice(0, max)}…` : s);

function collect(
  value: Record<string, unknown>,
  node: Node | null | undefined,
  lineOf: (offset: number | undefined) => number,
  file: string,
  out: ManifestDocument[],
): void {
  const line = lineOf(node?.range?.[0]);
  if (!isListKind(value)) {
    const embeddedFiles =
      value.kind === "ConfigMap" || value.kind === "Secret" ? embeddedFilePlaces(value.kind, node, lineOf) : undefined;
    out.push({ file, line, object: value, ...(embeddedFiles ? { embeddedFiles } : {}) });
    return;
  }
  const itemsNode = isMap(node) ? node.get("items", true) : undefined;
  const itemNodes = isSeq(itemsNode) ? (itemsNode.items as Node[]) : [];
  (value.items as unknown[]).forEach((item, i) => {
    if (isRecord(item)) collect(item, itemNodes[i] ?? node, lineOf, file, out);
  });
}

/**
 * Where the keys of a ConfigMap's `data` or a Secret's `data`/`stringData` are written: the key's
 * line, and for a literal block scalar (`key: |`) the line of the file's first line, which then
 * maps line for line (YAML 1.2 §8.1.2: a literal scalar keeps every line break). Secret `data` is
 * base64 and a quoted or folded value joins or escapes lines: only the key's line is known. As the
 * API server merges them, `stringData` wins over `data` (config-index.ts).
 */
function embeddedFilePlaces(
  kind: "ConfigMap" | "Secret",
  node: Node | null | undefined,
  lineOf: (offset: number | undefined) => number,
): Record<string, EmbeddedFilePlace> | undefined {
  if (!isMap(node)) return undefined;
  const places: Record<string, EmbeddedFilePlace> = {};
  for (const field of kind === "Secret" ? ["data", "stringData"] : ["data"]) {
    const map = node.get(field, true);
    if (!isMap(map)) continue;
    const plain = kind === "ConfigMap" || field === "stringData";
    for (const pair of map.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!isScalar(key) || key.value === null || key.value === undefined) continue;
      const literal = plain && isScalar(value) && value.type === Scalar.BLOCK_LITERAL;
      places[String(key.value)] = {
        line: lineOf(key.range?.[0]),
        ...(literal ? { firstLine: lineOf(value.range?.[0]) + 1 } : {}),
      };
    }
  }
  return Object.keys(places).length > 0 ? places : undefined;
}
