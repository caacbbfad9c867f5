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
});
