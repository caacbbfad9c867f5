import { describe, expect, it } from "vitest";
import { ManifestParseError, readManifestDocuments } from "./manifest-documents.js";

describe("readManifestDocuments", () => {
  it("gives each document of a multi-document file its 1-based line, skipping empty ones and comments", () => {
    const text =
      "# leading comment\napiVersion: v1\nkind: Service\nmetadata: { name: a }\n---\n---\n\n# c\nkind: ConfigMap\nmetadata: { name: b }\n";
    const docs = readManifestDocuments({ file: "f.yaml", text });
    expect(docs.map((d) => [d.object.kind, d.line])).toEqual([
      ["Service", 2],
      ["ConfigMap", 9],
    ]);
  });

  it("flattens List and *List kinds to their items, each at its own line", () => {
    const text =
      "apiVersion: v1\nkind: List\nitems:\n  - kind: Service\n    metadata: { name: a }\n  - kind: DeploymentList\n    items:\n      - kind: Deployment\n        metadata: { name: d }\n";
    const docs = readManifestDocuments({ file: "l.yaml", text });
    expect(docs.map((d) => [d.object.kind, d.line])).toEqual([
      ["Service", 4],
      ["Deployment", 8],
    ]);
  });

  it("reads JSON (kubectl get -o json) as YAML", () => {
    const docs = readManifestDocuments({
      file: "x.json",
      text: '{"kind":"List","items":[{"kind":"Pod","metadata":{"name":"p"}}]}',
    });
    expect(docs.map((d) => d.object.kind)).toEqual(["Pod"]);
  });

  it("turns a syntax error into a ManifestParseError naming file:line", () => {
    const text = "kind: Service\nmetadata:\n  name: a\n---\nkind: ConfigMap\ndata: [unclosed\n";
    let error: unknown;
    try {
      readManifestDocuments({ file: "bad.yaml", text });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ManifestParseError);
    expect((error as ManifestParseError).message).toMatch(/^bad\.yaml:[67]: YAML syntax error: /);
  });

  it("ignores documents that are not mappings", () => {
    expect(readManifestDocuments({ file: "s.yaml", text: "just a string\n---\n- a\n- b\n" })).toEqual([]);
  });

  it("expands YAML merge keys (<<) as kubectl does, the mapping's own keys winning", () => {
    const text = [
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: web",
      "  labels: &labels {app: web, tier: front}",
      "  annotations:",
      "    x-pod-defaults: &pod {containers: [{name: app, image: nginx}], nodeSelector: {pool: default}}",
      "spec:",
      "  replicas: 2",
      "  selector: {matchLabels: *labels}",
      "  template:",
      "    metadata: {labels: {<<: *labels, tier: edge}}",
      "    spec:",
      "      nodeSelector: {pool: monitoring}",
      "      <<: [*pod, {priorityClassName: high}]",
      "",
    ].join("\n");
    const [deployment] = readManifestDocuments({ file: "d.yaml", text });
    const spec = deployment!.object.spec as Record<string, any>;
    expect(spec.selector.matchLabels).toEqual({ app: "web", tier: "front" });
    expect(spec.template.metadata.labels).toEqual({ app: "web", tier: "edge" });
    expect(spec.template.spec).toEqual({
      containers: [{ name: "app", image: "nginx" }],
      nodeSelector: { pool: "monitoring" },
      priorityClassName: "high",
    });
  });

  it("reads anchors per document, as YAML defines them", () => {
    const text = "kind: A\nmetadata: {labels: &l {a: b}}\n---\nkind: B\nmetadata: {labels: *l}\n";
    expect(() => readManifestDocuments({ file: "d.yaml", text })).toThrow(
      "d.yaml:5: alias *l has no anchor &l before it",
    );
  });

  it("names stdin as stdin in errors", () => {
    expect(() => readManifestDocuments({ file: "-", text: "a: [\n" })).toThrow(/^stdin:\d+: YAML syntax error/);
  });

  it("says an error message is one, at its line, instead of a YAML syntax error", () => {
    const text = "\nError: INSTALLATION FAILED: execution error at (x/templates/a.yaml:3:4): set foo\n";
    expect(() => readManifestDocuments({ file: "-", text })).toThrow(
      'stdin:2: found an error message ("Error: INSTALLATION FAILED: execution error at (x/templates/a.yaml:3:4): set foo"), expected Kubernetes objects; fix the command that produced it first',
    );
  });

  it.each([
    ["a block action", "apiVersion: v1\nkind: ConfigMap\n{{- if .Values.x }}\ndata: {}\n{{- end }}\n", 3],
    [
      "an include",
      'kind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    {{- include "x.labels" . | nindent 4 }}\n',
      5,
    ],
    ["a value", "kind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n", 3],
  ])("refuses a Helm template with %s at its line, with a hint to run helm template", (_, text, line) => {
    expect(() => readManifestDocuments({ file: "t.yaml", text })).toThrow(
      new RegExp(`^t\\.yaml:${line}: .*; the line holds a Go template action \\(\\{\\{ … \\}\\}\\): .*helm template`),
    );
  });

  it("reads Go template text inside quoted values (alert annotations) as text", () => {
    const text = 'kind: PrometheusRule\nmetadata: {name: r}\nspec: {description: "{{ $labels.instance }} is down"}\n';
    expect(readManifestDocuments({ file: "r.yaml", text })[0]!.object.spec).toEqual({
      description: "{{ $labels.instance }} is down",
    });
  });

  it("refuses an alias bomb at file:line", () => {
    const levels = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `a${i}: &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(",")}]`,
      );
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  ${levels.join("\n  ")}\n`;
    expect(() => readManifestDocuments({ file: "bomb.yaml", text })).toThrow(
      /^bomb\.yaml:8: excessive aliasing \(an alias bomb\?\)/,
    );
  });
});
