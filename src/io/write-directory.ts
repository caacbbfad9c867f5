/**
 * Writes a set of files as one output folder, all or nothing, and only where hamon may: the folder
 * must be new, empty, or one that hamon wrote before (it carries OUTPUT_MARKER), and never a
 * protected path (see output-paths.ts). Files go into a temporary sibling first, which then takes
 * the old folder's place; on any failure the old folder is left exactly as it was and no temporary
 * folder remains. A symlink given as the output is followed: the folder it points to is replaced.
 */
import { access, constants, lstat, mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { fileErrorReason } from "./read-failure.js";
import { OutputPathError, protectedReason } from "./output-paths.js";
import { isProcessRunning } from "./process-table.js";
import { protectedPaths, realPathOf } from "./real-path.js";

/** The file that marks a folder as hamon's output, which hamon may replace as a whole. */
export const OUTPUT_MARKER = ".hamon-output";
export const OUTPUT_MARKER_TEXT =
  "This folder is an output of hamon (hamon render / hamon plan). hamon replaces it as a whole\n" +
  "on its next run with the same --out. Delete this file to keep hamon from ever replacing it.\n";

export interface OutputDirectoryOptions {
  /** The flag that named the folder, for messages (e.g. `--out`). */
  flag: string;
  /** The command's input files and folders, which the output must not replace or contain. */
  inputs: ReadonlyArray<string | undefined>;
}

/** Refuses now what writeOutputDirectory would refuse before writing, so that a slow command fails before its work. */
export async function checkOutputDirectory(outDir: string, options: OutputDirectoryOptions): Promise<void> {
  await checkedTarget(outDir, options);
}

/** Writes `files` (relative path → content) as the folder `outDir`; returns the folder's real path. */
export async function writeOutputDirectory(
  outDir: string,
  files: ReadonlyMap<string, string>,
  options: OutputDirectoryOptions,
): Promise<string> {
  const target = await checkedTarget(outDir, options);
  const parent = dirname(target);
  try {
    await mkdir(parent, { recursive: true });
  } catch (e) {
    throw new OutputPathError(`cannot create ${parent} for ${options.flag} ${outDir}: ${fileErrorReason(e)}`);
  }
  await removeStaleStaging(parent, basename(target));
  const staging = join(parent, `.${basename(target)}.hamon-tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    // mkdir, not mkdtemp: the output gets the ordinary permissions the umask gives, not 0700.
    await mkdir(staging);
  } catch (e) {
    throw new OutputPathError(`cannot write in ${parent} (for ${options.flag} ${outDir}): ${fileErrorReason(e)}`);
  }
  try {
    await writeFile(join(staging, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
    for (const [path, content] of files) {
      const file = join(staging, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    await swapInto(staging, target);
  } catch (e) {
    if (e instanceof OutputPathError) throw e;
    await rm(staging, { recursive: true, force: true });
    throw new OutputPathError(`cannot write ${options.flag} ${outDir}: ${fileErrorReason(e)}; ${outDir} is unchanged`);
  }
  return target;
}

/** The real folder to replace, after every refusal that needs no write. */
async function checkedTarget(outDir: string, { flag, inputs }: OutputDirectoryOptions): Promise<string> {
  if (outDir.trim() === "")
    throw new OutputPathError(`${flag} is empty: name a folder for the output, e.g. ${flag} out`);
  const link = await lstat(outDir).catch(() => undefined);
  const target = await realPathOf(outDir);
  const existing = await stat(target).catch(() => undefined);
  if (link?.isSymbolicLink() && !existing)
    throw new OutputPathError(
      `${flag} ${outDir} is a symlink to ${target}, which does not exist; create it or name another folder`,
    );
  const reason = protectedReason(target, await protectedPaths(inputs));
  if (reason)
    throw new OutputPathError(`refusing ${flag} ${outDir}: it ${reason}; name a folder of its own, e.g. ${flag} out`);
  if (!existing) return target;
  if (!existing.isDirectory())
    throw new OutputPathError(`${flag} ${outDir} is a file, not a folder; name a folder (hamon writes many files)`);
  const entries = await readdir(target);
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER))
    throw new OutputPathError(
      `refusing ${flag} ${outDir}: it holds files that hamon did not write (no ${OUTPUT_MARKER} marker from an earlier render), ` +
        `and hamon replaces its output folder as a whole; name a new or empty folder`,
    );
  const locked = await firstUnwritable(target);
  if (locked)
    throw new OutputPathError(`cannot replace ${flag} ${outDir}: ${locked} is not writable; ${outDir} is unchanged`);
  return target;
}

/** A folder in `root` (or root itself) whose entries cannot be removed, if any. */
async function firstUnwritable(root: string): Promise<string | undefined> {
  try {
    await access(root, constants.W_OK | constants.X_OK);
  } catch {
    return root;
  }
  for (const e of await readdir(root, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const found = await firstUnwritable(join(root, e.name));
    if (found) return found;
  }
  return undefined;
}

/** Puts `staging` at `target`; the old folder, if any, is removed only once the new one is in place, and put back on failure. */
async function swapInto(staging: string, target: string): Promise<void> {
  const existing = await stat(target).catch(() => undefined);
  if (!existing) return rename(staging, target);
  const old = `${staging}.old`;
  await rename(target, old);
  try {
    await rename(staging, target);
  } catch (e) {
    await rename(old, target);
    throw e;
  }
  try {
    await rm(old, { recursive: true, force: true });
  } catch (e) {
    throw new OutputPathError(
      `wrote ${target}, but could not remove the previous output from ${old}: ${fileErrorReason(e)}`,
    );
  }
}

/** Staging folders a killed hamon left beside `name`: hamon's own pattern, a dead owner, and empty or marked. */
async function removeStaleStaging(parent: string, name: string): Promise<void> {
  const prefix = `.${name}.hamon-tmp-`;
  for (const entry of await readdir(parent).catch(() => [] as string[])) {
    const m = entry.startsWith(prefix) ? /^(\d+)-[0-9a-f]{8}(\.old)?$/.exec(entry.slice(prefix.length)) : null;
    if (!m || isProcessRunning(Number(m[1]))) continue;
    const entries = await readdir(join(parent, entry)).catch(() => undefined);
    if (entries && (entries.length === 0 || entries.includes(OUTPUT_MARKER)))
      await rm(join(parent, entry), { recursive: true, force: true });
  }
}
