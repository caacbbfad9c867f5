/**
 * Reads `hamon.yaml` text into a `Spec`, or fails with issues that name the file, line,
 * YAML path, what was found and what was expected. Linear in the size of the text, and bounded:
 * a file over MAX_SPEC_BYTES is refused before it is parsed, an alias bomb before it is expanded.
 */
import { LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import type * as z from "zod";
import { specSchema, type Spec } from "./schema.js";
import { InputError } from "../errors.js";
import { expectedText, foundText } from "./issue-text.js";
import { plural } from "../plural.js";
import { MAX_ALIAS_EXPANSION_NODES, MAX_PRINTED_ISSUES, MAX_SPEC_BYTES } from "./limits.js";
import { indexDocument, type PathSegment } from "./yaml-index.js";

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
    const printed = issues.slice(0, MAX_PRINTED_ISSUES).map((i) => `  ${formatIssue(file, i)}`);
    if (issues.length > printed.length)
      printed.push(`  … and ${plural(issues.length - printed.length, "more problem")}`);
    super(`${file}: ${plural(issues.length, "problem")} in the spec\n` + printed.join("\n"));
    this.name = "SpecError";
  }
}

/** A spec file too large to be one: refused before it is parsed. */
export class SpecTooLargeError extends InputError {
  override name = "SpecTooLargeError";
  constructor(
    readonly file: string,
    readonly bytes: number,
  ) {
    super(
      `${file}: the spec is ${mebibytes(bytes)}; hamon reads specs of at most ${mebibytes(MAX_SPEC_BYTES)} ` +
        `(a spec is a few kilobytes: is this the right file?)`,
    );
  }
}

const count = (n: number) => (Number.isFinite(n) ? n.toLocaleString("en-US") : "uncountably many");

const mebibytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MiB` : `${Math.ceil(bytes / 1024)} KiB`;

export function formatIssue(file: string, issue: SpecIssue): string {
  const where = issue.line ? `${file}:${issue.line}:${issue.column ?? 1}` : file;
  return `${where} ${issue.path}: found ${issue.found}; expected ${issue.expected}`;
}

/** The parsed document, kept so that later checks (e.g. sizing constraints) can locate paths too. */
export interface LoadedSpec {
  spec: Spec;
  locate: (path: ReadonlyArray<string | number>, atKey?: boolean) => { line?: number; column?: number };
}

/** yaml reports runaway nesting as a caught stack overflow: say what it means. */
function yamlErrorText(message: string): { found: string; expected: string } {
  if (/call stack/i.test(message)) {
    return { found: "mappings or lists nested too deeply to read", expected: "a spec nested a few levels deep" };
  }
  return { found: "invalid YAML", expected: `valid YAML (${message.split("\n")[0]})` };
}

export interface LoadOptions {
  /** The size cap; only the benchmark that measures linearity past it raises it. */
  maxBytes?: number;
}

export function loadSpec(text: string, file = "hamon.yaml", options: LoadOptions = {}): LoadedSpec {
  const maxBytes = options.maxBytes ?? MAX_SPEC_BYTES;
  // Checked first, and cheaply: nothing is parsed from a file this large.
  if (text.length > maxBytes || Buffer.byteLength(text, "utf8") > maxBytes) {
    throw new SpecTooLargeError(file, Buffer.byteLength(text, "utf8"));
  }
  const lineCounter = new LineCounter();
  // Merge keys (`<<: *defaults`) are expanded as YAML 1.1 parsers (kubectl's among them) do.
  // Duplicate keys are found by indexDocument: yaml's own check is quadratic.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, merge: true });
  const position = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    throw new SpecError(
      file,
      doc.errors.map((e) => ({ path: "(yaml)", ...position(e.pos[0]), ...yamlErrorText(e.message) })),
    );
  }
  const index = indexDocument(doc);
  const nodePosition = (node: YamlNode | null | undefined) => (node?.range ? position(node.range[0]) : {});

  /** The line of the value at `path`, or of its key with `atKey`; else of the nearest enclosing node there is. */
  const locate = (path: ReadonlyArray<string | number>, atKey = false) => {
    for (let n = path.length; n >= 0; n--) {
      const entry = index.at(path.slice(0, n));
      if (!entry) continue;
      const exact = n === path.length;
      const node = (exact && atKey) || !entry.value ? (entry.key ?? entry.value) : entry.value;
      return nodePosition(node);
    }
    return {};
  };

  const structural = [
    ...index.duplicateKeys.map((d) => ({
      path: pathText(d.path),
      ...nodePosition(d.key),
      found: `the key "${String(d.path[d.path.length - 1])}" a second time in one mapping`,
      expected: "each key once per mapping (YAML keeps only one of them)",
    })),
    ...index.aliasProblems.map((a) => ({
      path: pathText(a.path),
      ...nodePosition(a.alias),
      found: `the alias *${a.alias.source}`,
      expected:
        a.kind === "unresolved"
          ? `an anchor &${a.alias.source} defined before the alias`
          : `an alias outside the node its anchor &${a.alias.source} marks (an alias inside it makes a cycle)`,
    })),
  ];
  const { addedNodes, largest } = index.aliasExpansion;
  if (addedNodes > MAX_ALIAS_EXPANSION_NODES && largest) {
    structural.push({
      path: pathText(largest.path),
      ...nodePosition(largest.alias),
      found: `aliases that expand the spec by ${count(addedNodes)} nodes (*${largest.alias.source} alone stands for ${count(largest.nodes)})`,
      expected: `aliases that add at most ${count(MAX_ALIAS_EXPANSION_NODES)} nodes in all: nested aliases that multiply (an "alias bomb") are refused`,
    });
  }
  if (structural.length > 0) throw new SpecError(file, sortIssues(structural));

  const data: unknown = doc.toJS({ maxAliasCount: -1 }) ?? {};
  const result = specSchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    throw new SpecError(file, sortIssues(result.error.issues.flatMap((issue) => toSpecIssues(issue, locate))));
  }
  return { spec: result.data, locate };
}

function sortIssues(issues: SpecIssue[]): SpecIssue[] {
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.path.localeCompare(b.path));
}

export function pathText(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return "(root)";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
}

function toSpecIssues(issue: z.core.$ZodIssue, locate: LoadedSpec["locate"]): SpecIssue[] {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      path: pathText([...path, key]),
      ...locate([...path, key], true),
      found: `unknown key "${key}"`,
      expected: `one of the keys the schema defines here (see \`hamon schema\`)`,
    }));
  }
  // A record key that fails its schema (a node label key) is located at the key, not its value.
  const atKey = issue.code === "invalid_key";
  return [{ path: pathText(path), ...locate(path, atKey), found: foundText(issue), expected: expectedText(issue) }];
}
