import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
  lstatSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDirs } from "../../test/support/temp-dirs.js";
import { OutputPathError } from "./output-paths.js";
import { OUTPUT_MARKER, writeOutputDirectory } from "./write-directory.js";

const tmp = tempDirs();
const files = new Map([
  ["a/one.yaml", "kind: One\n"],
  ["kustomization.yaml", "resources: []\n"],
]);
const opts = { flag: "--out", inputs: [] };

/** The folder's entries, sorted (no stray temporary or .old sibling may appear). */
const entries = (dir: string) => readdirSync(dir).sort();

describe("writeOutputDirectory", () => {
  it("writes a new folder with the marker, ordinary permissions, and nothing beside it", async () => {
    const dir = tmp();
    await writeOutputDirectory(join(dir, "out"), files, opts);
    expect(entries(dir)).toEqual(["out"]);
    expect(entries(join(dir, "out"))).toEqual([OUTPUT_MARKER, "a", "kustomization.yaml"]);
    expect(readFileSync(join(dir, "out/a/one.yaml"), "utf8")).toBe("kind: One\n");
    const umask = process.umask();
    expect(statSync(join(dir, "out")).mode & 0o777).toBe(0o777 & ~umask);
  });

  it("replaces an empty folder and an earlier output, as a whole", async () => {
    const dir = tmp();
    mkdirSync(join(dir, "empty"));
    await writeOutputDirectory(join(dir, "empty"), files, opts);
    writeFileSync(join(dir, "empty/stale.yaml"), "kind: Stale\n");
    await writeOutputDirectory(join(dir, "empty"), new Map([["b.yaml", "kind: B\n"]]), opts);
    expect(entries(join(dir, "empty"))).toEqual([OUTPUT_MARKER, "b.yaml"]);
    expect(entries(dir)).toEqual(["empty"]);
  });

  it("refuses a folder holding files it did not write, and leaves it untouched", async () => {
    const dir = tmp();
    mkdirSync(join(dir, "mine"));
    writeFileSync(join(dir, "mine/notes.txt"), "keep me");
    await expect(writeOutputDirectory(join(dir, "mine"), files, opts)).rejects.toThrow(
      /holds files that hamon did not write \(no \.hamon-output marker/,
    );
    expect(entries(join(dir, "mine"))).toEqual(["notes.txt"]);
    expect(entries(dir)).toEqual(["mine"]);
  });

  it("refuses a file, an empty name, and a dangling symlink", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "f"), "x");
    symlinkSync(join(dir, "nowhere"), join(dir, "dangling"));
    await expect(writeOutputDirectory(join(dir, "f"), files, opts)).rejects.toThrow(/is a file, not a folder/);
    await expect(writeOutputDirectory("", files, opts)).rejects.toThrow(OutputPathError);
    await expect(writeOutputDirectory(join(dir, "dangling"), files, opts)).rejects.toThrow(/symlink .* does not exist/);
    expect(readFileSync(join(dir, "f"), "utf8")).toBe("x");
    expect(entries(dir)).toEqual(["dangling", "f"]);
  });

  it("follows a symlink: the folder it points to is replaced, the link stays a link", async () => {
    const dir = tmp();
    mkdirSync(join(dir, "real"));
    symlinkSync(join(dir, "real"), join(dir, "link"));
    await writeOutputDirectory(join(dir, "link"), files, opts);
    expect(lstatSync(join(dir, "link")).isSymbolicLink()).toBe(true);
    expect(existsSync(join(dir, "real/kustomization.yaml"))).toBe(true);
    expect(entries(dir)).toEqual(["link", "real"]);
  });

  it("refuses a folder that holds an input of the command", async () => {
    const dir = tmp();
    mkdirSync(join(dir, "proj"));
    writeFileSync(join(dir, "proj/hamon.yaml"), "spec");
    await expect(
      writeOutputDirectory(join(dir, "proj"), files, { flag: "--out", inputs: [join(dir, "proj/hamon.yaml")] }),
    ).rejects.toThrow(/contains .*hamon\.yaml, an input of this command/);
    expect(readFileSync(join(dir, "proj/hamon.yaml"), "utf8")).toBe("spec");
  });

  it("removes a staging folder that a killed hamon left, and nothing else", async () => {
    const dir = tmp();
    // PID 2^22 + 1 is above Linux's pid_max limit: no process can have it.
    const stale = join(dir, ".out.hamon-tmp-4194305-0123abcd");
    const alive = join(dir, `.out.hamon-tmp-${process.pid}-0123abcd`);
    const foreign = join(dir, ".out.hamon-tmp-4194305-notours");
    for (const d of [stale, alive, foreign]) mkdirSync(d);
    writeFileSync(join(stale, OUTPUT_MARKER), "");
    writeFileSync(join(alive, OUTPUT_MARKER), "");
    await writeOutputDirectory(join(dir, "out"), files, opts);
    expect(entries(dir)).toEqual(
      [".out.hamon-tmp-4194305-notours", `.out.hamon-tmp-${process.pid}-0123abcd`, "out"].sort(),
    );
  });
});
