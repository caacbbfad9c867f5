import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { replaceMarkedSection, replaceSpecReference, SPEC_REFERENCE_PATH } from "./generated-sections.js";

describe("the spec reference in docs/spec-reference.md", () => {
  it("is current with the schema (run: npm run docs)", () => {
    const page = readFileSync(new URL(`../../${SPEC_REFERENCE_PATH}`, import.meta.url), "utf8");
    expect(replaceSpecReference(page)).toBe(page);
  });
  it("documents the defaults that matter", () => {
    const section = replaceSpecReference("<!-- spec-reference:start --><!-- spec-reference:end -->");
    expect(section).toContain("| `alertmanager.replicas` | integer | `3` |");
    expect(section).toContain("| `storage.provisioner` | string | **required** |");
  });
});

describe("a generated section", () => {
  it("replaces only the text between its markers", () => {
    const doc = "before\n<!-- x:start -->\nold\n<!-- x:end -->\nafter\n";
    expect(replaceMarkedSection(doc, "x", "new\n")).toBe("before\n<!-- x:start -->\nnew\n<!-- x:end -->\nafter\n");
  });
  it("names the file that lacks its markers", () => {
    expect(() => replaceMarkedSection("no markers", "x", "new\n", "docs/page.md")).toThrow(
      "docs/page.md lacks the <!-- x:start --> … <!-- x:end --> markers",
    );
  });
});
