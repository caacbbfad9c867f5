/**
 * Writes a set of files as one directory, all or nothing: into a temporary sibling first, then
 * renamed into place, so that a failure never leaves a half-written output folder.
 */
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

export async function writeDirectoryAtomically(outDir: string, files: ReadonlyMap<string, string>): Promise<void> {
  const target = resolve(outDir);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(join(parent, `.${basename(target)}.hamon-tmp-`));
  try {
    for (const [path, content] of files) {
      const file = join(staging, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    const existing = await stat(target).catch(() => undefined);
    if (existing && !existing.isDirectory()) throw new Error(`${outDir} exists and is not a directory`);
    if (existing) {
      // Swap: the old folder moves aside and is removed only once the new one is in place.
      const old = `${staging}.old`;
      await rename(target, old);
      await rename(staging, target);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(staging, target);
    }
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}
