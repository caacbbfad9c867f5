/**
 * Reads `hamon.yaml` text into a `Spec`, or fails with issues that name the file, line,
 * YAML path, what was found and what was expected.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import type * as z from "zod";
import { specSchema, type Spec } from "./schema.js";
import { InputError } from "../errors.js";

export interface SpecIssue {
  /** Dotted YAML path, e.g. `prometheus.replicas` (`(root)` for the document itself). */
  path: string;
  /** 1-based line and column of the offending node, when the document has one there. */
  line?: number;
  column?: number;
  /** What was there, as YAML-ish text (`(missing)` for an absent required key). */
  found: string;
  /** What the schema or the cross-check expected. */
  expected: string;
}

/** A spec that cannot be used; `issues` says where and why. Exit code 2 in the CLI. */
export class SpecError extends InputError {
  constructor(
    readonly file: string,
    readonly issues: SpecIssue[],
  ) {
    super(
      `${file}: ${issues.length} problem${issues.length === 1 ? "" : "s"} in the spec\n` +
        issues.map((i) => `  ${formatIssue(file, i)}`).join("\n"),
    );
    this.name = "SpecError";
  }
}

export function formatIssue(file: string, issue: SpecIssue): string {
  const where = issue.line ? `${file}:${issue.line}:${issue.column ?? 1}` : file;
  return `${where} ${issue.path}: found ${issue.found}; expected ${issue.expected}`;
}

/** The parsed document, kept so that later checks (e.g. sizing constraints) can locate paths too. */
export interface LoadedSpec {
  spec: Spec;
  locate: (path: ReadonlyArray<string | number>, atKey?: boolean) => { line?: number; column?: number };
}

export function loadSpec(text: string, file = "hamon.yaml"): LoadedSpec {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new SpecError(
      file,
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          path: "(yaml)",
          line: pos?.line,
          column: pos?.col,
          found: "invalid YAML",
          expected: `valid YAML (${e.message.split("\n")[0]})`,
        };
      }),
    );
  }
  /** The line of the value at `path`, or of its key with `atKey` (unknown keys point at themselves). */
  const locate = (path: ReadonlyArray<string | number>, atKey = false) => {
    let node: unknown = doc.contents;
    let lastFound: unknown = node;
    for (const [i, key] of path.entries()) {
      if (isMap(node) || isSeq(node)) {
        const next = node.get(key as never, true);
        if (next === undefined) break;
        if (atKey && i === path.length - 1 && isMap(node)) {
          lastFound = node.items.find((pair) => (pair.key as { value?: unknown } | null)?.value === key)?.key ?? next;
          break;
        }
        node = next;
        lastFound = next;
      } else break;
    }
    const range = (lastFound as YamlNode | null)?.range;
    if (!range) return {};
    const pos = lineCounter.linePos(range[0]);
    return { line: pos.line, column: pos.col };
  };
  const data = doc.toJS() ?? {};
  const result = specSchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    throw new SpecError(
      file,
      result.error.issues
        .flatMap((issue) => toSpecIssues(issue, locate))
        .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.path.localeCompare(b.path)),
    );
  }
  return { spec: result.data, locate };
}

export function pathText(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return "(root)";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
}

function toSpecIssues(issue: z.core.$ZodIssue, locate: LoadedSpec["locate"]): SpecIssue[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      path: pathText([...path, key]),
      ...locate([...path, key], true),
      found: `unknown key "${key}"`,
      expected: `one of the keys the schema defines here (see \`hamon schema\`)`,
    }));
  }
  const found = issue.input === undefined ? "(missing)" : describeValue(issue.input);
  return [{ path: pathText(path), ...locate(path), found, expected: expectedText(issue) }];
}

function describeValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (v !== null && typeof v === "object") return "a mapping";
  return String(v);
}

function expectedText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `a ${issue.expected}`;
    case "too_small":
      return `${issue.origin === "array" ? "a list of length" : "a value"} ${issue.inclusive ? "≥" : ">"} ${String(issue.minimum)}`;
    case "too_big":
      return `${issue.origin === "array" ? "a list of length" : "a value"} ${issue.inclusive ? "≤" : "<"} ${String(issue.maximum)}`;
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union":
      return "one of the documented forms (see `hamon schema`)";
    default:
      return issue.message.replace(/^Invalid input: /, "");
  }
}
