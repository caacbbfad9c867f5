import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOwnedTempDir, ownedTempDirPattern, removeStaleTempDirs } from "./owned-temp-dir.js";
import { isProcessRunning } from "../io/process-table.js";

/** The PID of a process that has ended (and been reaped). */
function deadPid(): number {
  const pid = spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" }).stdout.trim();
  expect(isProcessRunning(Number(pid))).toBe(false);
  return Number(pid);
}

describe("owned temp folders", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "hamon-test-owned-"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("names the owner's PID, in a pattern no other folder matches", async () => {
    const dir = await createOwnedTempDir("lab", { root });
    expect(basename(dir)).toMatch(new RegExp(`^hamon-lab-${process.pid}-[A-Za-z0-9]{6}$`));
    expect(ownedTempDirPattern("lab").exec(basename(dir))?.[1]).toBe(String(process.pid));
    const kept = await createOwnedTempDir("lab", { root, keep: true });
    expect(basename(kept)).toMatch(/^hamon-lab-kept-\d+-/);
    expect(ownedTempDirPattern("lab").test(basename(kept))).toBe(false);
    await rm(dir, { recursive: true });
    await rm(kept, { recursive: true });
  });

  it("removes the folders of dead runs only; leaves live owners, kept folders, other kinds and other names alone", async () => {
    const dead = deadPid();
    const outside = await mkdtemp(join(root, "outside-"));
    await writeFile(join(outside, "precious"), "x");
    const folder = async (name: string) => {
      await mkdir(join(root, name));
      await writeFile(join(root, name, "prometheus.log"), "log");
      return name;
    };
    const stale = await folder(`hamon-lab-${dead}-aB3xYz`);
    const untouched = [
      await folder(`hamon-lab-${process.pid}-aB3xYz`), // owner alive
      await folder(`hamon-lab-kept-${dead}-aB3xYz`), // --keep
      await folder(`hamon-sizing-${dead}-aB3xYz`), // another kind
      await folder(`hamon-lab-${dead}-aB3`), // not mkdtemp's six characters
      await folder(`hamon-lab-${dead}-aB3xYz-mine`),
      await folder(`my-hamon-lab-${dead}-aB3xYz`),
      await folder(`hamon-lab-aB3xYz`), // an older hamon's folder: no owner to check
      basename(outside),
    ];
    await writeFile(join(root, `hamon-lab-${dead}-fileXX`), "not a folder");
    await symlink(outside, join(root, `hamon-lab-${dead}-linkXX`));
    untouched.push(`hamon-lab-${dead}-fileXX`, `hamon-lab-${dead}-linkXX`);

    const sweep = await removeStaleTempDirs("lab", root);
    expect(sweep).toEqual({ removed: [join(root, stale)], killed: [] });
    expect((await readdir(root)).sort()).toEqual(untouched.sort());
    expect(existsSync(join(outside, "precious"))).toBe(true);

    // The sizing calibration sweeps its own kind.
    expect((await removeStaleTempDirs("sizing", root)).removed).toEqual([join(root, `hamon-sizing-${dead}-aB3xYz`)]);
  });

  it("does nothing when the temp folder cannot be read", async () => {
    expect(await removeStaleTempDirs("lab", join(root, "missing"))).toEqual({ removed: [], killed: [] });
  });
});
