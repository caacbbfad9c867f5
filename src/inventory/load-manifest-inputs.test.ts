import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadManifestInputs, ManifestInputError } from "./load-manifest-inputs.js";

describe("loadManifestInputs", () => {
  const dir = mkdtempSync(join(tmpdir(), "hamon-inputs-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, "b", "c"), { recursive: true });
  writeFileSync(join(dir, "b", "c", "deep.yml"), "kind: A\n");
  writeFileSync(join(dir, "a.yaml"), "kind: B\n");
  writeFileSync(join(dir, "b", "list.json"), "{}");
  writeFileSync(join(dir, "README.md"), "# not a manifest");

  it("reads folders recursively, .yaml/.yml/.json only, in sorted order", async () => {
    const inputs = await loadManifestInputs([dir]);
    expect(inputs.map((i) => i.file.slice(dir.length + 1))).toEqual(["a.yaml", "b/c/deep.yml", "b/list.json"]);
  });

  it("refuses unreadable paths and empty folders with a ManifestInputError", async () => {
    await expect(loadManifestInputs([join(dir, "missing.yaml")])).rejects.toBeInstanceOf(ManifestInputError);
    mkdirSync(join(dir, "empty"));
    await expect(loadManifestInputs([join(dir, "empty")])).rejects.toThrow(/no \.yaml, \.yml or \.json files/);
  });
});
