import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDirs } from "../../test/support/temp-dirs.js";
import { loadManifestInputs, ManifestInputError } from "./load-manifest-inputs.js";

const tempFolder = tempDirs("hamon-inputs-");

/** Files relative to `dir`, as loadManifestInputs lists them. */
const listed = async (dir: string, paths: string[] = [dir]) =>
  (await loadManifestInputs(paths)).map((i) => i.file.slice(dir.length + 1));

describe("loadManifestInputs", () => {
  it("reads folders recursively, .yaml/.yml/.json only, in sorted order", async () => {
    const dir = tempFolder();
    mkdirSync(join(dir, "b", "c"), { recursive: true });
    writeFileSync(join(dir, "b", "c", "deep.yml"), "kind: A\n");
    writeFileSync(join(dir, "a.yaml"), "kind: B\n");
    writeFileSync(join(dir, "b", "list.json"), "{}");
    writeFileSync(join(dir, "README.md"), "# not a manifest");
    expect(await listed(dir)).toEqual(["a.yaml", "b/c/deep.yml", "b/list.json"]);
  });

  it("refuses unreadable paths and empty folders with a ManifestInputError saying why", async () => {
    const dir = tempFolder();
    await expect(loadManifestInputs([join(dir, "missing.yaml")])).rejects.toBeInstanceOf(ManifestInputError);
    await expect(loadManifestInputs([join(dir, "missing.yaml")])).rejects.toThrow(
      `cannot read ${join(dir, "missing.yaml")}: no such file or folder`,
    );
    mkdirSync(join(dir, "empty"));
    await expect(loadManifestInputs([join(dir, "empty")])).rejects.toThrow(/no \.yaml, \.yml or \.json files/);
  });

  it("reads symlinked files and folders, as kubectl applies them", async () => {
    const dir = tempFolder();
    const shared = tempFolder();
    writeFileSync(join(shared, "svc.yaml"), "kind: Service\n");
    mkdirSync(join(shared, "more"));
    writeFileSync(join(shared, "more", "cm.yaml"), "kind: ConfigMap\n");
    mkdirSync(join(dir, "app"));
    symlinkSync(join(shared, "svc.yaml"), join(dir, "app", "linked.yaml"));
    symlinkSync(join(shared, "more"), join(dir, "app", "shared"));
    // A link whose name is not a manifest's is not read, like kubectl's extension filter.
    symlinkSync(join(shared, "svc.yaml"), join(dir, "app", "notes.txt"));
    const inputs = await loadManifestInputs([dir]);
    expect(inputs.map((i) => [i.file.slice(dir.length + 1), i.text])).toEqual([
      ["app/linked.yaml", "kind: Service\n"],
      ["app/shared/cm.yaml", "kind: ConfigMap\n"],
    ]);
  });

  it("reads a folder or file reached twice once, and ends a symlink loop without error", async () => {
    const dir = tempFolder();
    mkdirSync(join(dir, "a"));
    writeFileSync(join(dir, "a", "x.yaml"), "kind: A\n");
    symlinkSync(join(dir, "a"), join(dir, "a", "loop")); // a/loop → a
    symlinkSync(join(dir, "a"), join(dir, "b")); // b → a
    symlinkSync(join(dir, "a", "x.yaml"), join(dir, "c.yaml")); // c.yaml → a/x.yaml
    expect(await listed(dir)).toEqual(["a/x.yaml"]);
    // The same file or folder given twice on the command line, or a folder inside one given.
    expect(await listed(dir, [join(dir, "a"), dir, join(dir, "c.yaml")])).toEqual(["a/x.yaml"]);
    expect(await listed(dir, [join(dir, "c.yaml"), dir])).toEqual(["c.yaml"]);
  });

  it("refuses a dangling link to a manifest, naming it", async () => {
    const dir = tempFolder();
    writeFileSync(join(dir, "ok.yaml"), "kind: A\n");
    symlinkSync(join(dir, "gone.yaml"), join(dir, "broken.yaml"));
    symlinkSync(join(dir, "gone"), join(dir, "broken-folder"));
    await expect(loadManifestInputs([dir])).rejects.toThrow(
      `cannot read ${join(dir, "broken.yaml")}: no such file or folder`,
    );
  });
});
