/**
 * hamon's default render as one YAML stream, copied into distinct namespaces until it holds about
 * the number of objects asked for: the stream of bench/audit.bench.ts.
 *
 * - "shared": only `namespace: monitoring` is rewritten (monitoring-0, monitoring-1, …), as the
 *   benchmark always did. Every copy's Prometheus selects monitors in every namespace
 *   (`serviceMonitorNamespaceSelector: {}`), so the flows the stack needs grow with the square of
 *   the copies (each Prometheus scrapes every copy's targets, and the policies block most of it):
 *   the audit's output itself is quadratic, whatever the evaluator.
 * - "independent": each copy is a stack of its own, as tenants of one cluster would run it: every
 *   namespace reference (metadata, Service DNS names, `kubernetes.io/metadata.name` selectors,
 *   Namespace objects) gets the copy's suffix, and each Prometheus selects monitors and rules in
 *   its own copy's namespaces (and kube-system and default, where the cluster's own endpoints
 *   are). The needed flows grow with the copies: this is the stream that shows how the audit scales.
 */
import { renderFromSpecText } from "../src/pipeline/render-pipeline.js";
import { EXAMPLE_SPEC_YAML } from "../src/spec/example.js";

export type CopyMode = "shared" | "independent";

const RENDER_NAMESPACES = ["monitoring", "hamon-node-exporter"];

function independentCopy(doc: string, copy: number): string {
  const suffix = (ns: string) => `${ns}-${copy}`;
  const names = RENDER_NAMESPACES.join("|");
  let text = doc
    .replace(new RegExp(`^(\\s*(?:- )?namespace: )(${names})$`, "gm"), (_, p: string, ns: string) => p + suffix(ns))
    .replace(new RegExp(`\\.(${names})\\.svc\\b`, "g"), (_, ns: string) => `.${suffix(ns)}.svc`)
    .replace(
      new RegExp(`^(\\s*kubernetes\\.io/metadata\\.name: )(${names})$`, "gm"),
      (_, p: string, ns: string) => p + suffix(ns),
    );
  if (/^kind: Namespace$/m.test(text))
    text = text.replace(new RegExp(`^(  name: )(${names})$`, "m"), (_, p: string, ns: string) => p + suffix(ns));
  const own = [...RENDER_NAMESPACES.map(suffix), "kube-system", "default"].join(", ");
  return text.replace(
    /^(\s*)(serviceMonitor|podMonitor|rule)NamespaceSelector: \{\}$/gm,
    (_, indent: string, what: string) =>
      `${indent}${what}NamespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [${own}]}]}`,
  );
}

export function renderStream(targetObjects: number, mode: CopyMode): { text: string; objects: number; copies: number } {
  const { files } = renderFromSpecText(EXAMPLE_SPEC_YAML, "bench");
  const docs = [...files].filter(([p]) => p.endsWith(".yaml") && !p.endsWith("kustomization.yaml")).map(([, t]) => t);
  const parts: string[] = [];
  let copies = 0;
  while (parts.length < targetObjects) {
    for (const d of docs)
      parts.push(
        mode === "shared"
          ? d.replace(/namespace: monitoring\b/g, `namespace: monitoring-${copies}`)
          : independentCopy(d, copies),
      );
    copies++;
  }
  return { text: parts.join("---\n"), objects: parts.length, copies };
}
