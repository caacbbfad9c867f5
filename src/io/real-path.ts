/** Absolute, symlink-resolved paths, also for paths that do not exist yet. */
import { realpath } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import type { ProtectedPaths } from "./output-paths.js";

/** The real path of `path`; for a missing path, its nearest existing ancestor's real path joined with the rest. */
export async function realPathOf(path: string): Promise<string> {
  const abs = resolve(path);
  try {
    return await realpath(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(await realPathOf(parent), basename(abs));
  }
}

/** The paths no write may touch, for a command that reads `inputs`. */
export async function protectedPaths(inputs: ReadonlyArray<string | undefined>): Promise<ProtectedPaths> {
  const given = inputs.filter((p): p is string => p !== undefined && p !== "-");
  return {
    cwd: await realPathOf(process.cwd()),
    home: await realPathOf(homedir()),
    inputs: await Promise.all(given.map(realPathOf)),
  };
}
