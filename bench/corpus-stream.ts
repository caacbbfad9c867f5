/**
 * A large real-world manifest stream for the benchmarks: ../shared/corpus/kube-prometheus
 * (manifests/, without setup/'s CRDs) copied into distinct namespaces until it holds about the
 * number of objects asked for. The Grafana dashboard ConfigMaps (about 1 MB) and the large
 * PrometheusRules are kept as they are; only namespace references are rewritten.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const KUBE_PROMETHEUS = resolve(dirname(fileURLToPath(import.meta.url)), "../../shared/corpus/kube-prometheus");

/** Why the corpus benchmark cannot run here, or undefined when it can. */
export function corpusMissing(): string | undefined {
  return existsSync(KUBE_PROMETHEUS)
    ? undefined
    : `${KUBE_PROMETHEUS} is absent (the third-party corpus lives beside the repository, in ../shared/corpus)`;
}

/** kube-prometheus installs into `monitoring`; its namespace references are these three forms. */
const NAMESPACE_REFERENCES: ReadonlyArray<[RegExp, (ns: string) => string]> = [
  [/^(\s*(?:- )?namespace: )monitoring$/gm, (ns) => `$1${ns}`], // metadata, RoleBinding subjects
  [/\.monitoring\.svc\b/g, (ns) => `.${ns}.svc`], // Service DNS names in args and datasources
  [/namespace=(\\?)"monitoring(\\?)"/g, (ns) => `namespace=$1"${ns}$2"`], // PromQL in rules and dashboards
];

/** Objects in one YAML text: top-level documents, and the items of a `kind: …List`. */
function countObjects(text: string): number {
  const documents = text.split(/^---$/m).filter((d) => /^kind:/m.test(d)).length;
  const listItems = (text.match(/^- apiVersion:/gm) ?? []).length;
  return documents - (/^kind: \w*List$/m.test(text) ? 1 : 0) + listItems;
}

export interface CorpusStream {
  text: string;
  objects: number;
  copies: number;
  bytes: number;
}

export function kubePrometheusStream(targetObjects: number): CorpusStream {
  const files = readdirSync(KUBE_PROMETHEUS)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => readFileSync(join(KUBE_PROMETHEUS, f), "utf8"));
  const perCopy = files.reduce((n, t) => n + countObjects(t), 0);
  const copies = Math.max(1, Math.round(targetObjects / perCopy));
  const parts: string[] = [];
  for (let copy = 0; copy < copies; copy++) {
    const ns = `monitoring-${copy}`;
    for (const file of files) {
      let text = file;
      for (const [pattern, replacement] of NAMESPACE_REFERENCES) text = text.replace(pattern, replacement(ns));
      parts.push(text.replace(/^---\n/, ""));
    }
  }
  const text = parts.join("\n---\n");
  return { text, objects: perCopy * copies, copies, bytes: Buffer.byteLength(text) };
}
