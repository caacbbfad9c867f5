/**
 * Writes one output file (an HTML report, a starter spec), all or nothing: into a temporary
 * sibling, then renamed over the target. Never over an input of the same command; never over an
 * existing file that is not hamon's unless the user says --force.
 */
import { randomBytes } from "node:crypto";
import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fileErrorReason } from "./read-failure.js";
import { OutputPathError, protectedFileReason } from "./output-paths.js";
import { protectedPaths, realPathOf } from "./real-path.js";

export interface OutputFileOptions {
  /** The flag that named the file, for messages (e.g. `--html`). */
  flag: string;
  /** The command's inputs: never overwritten, not even with --force. */
  inputs: ReadonlyArray<string | undefined>;
  /** Overwrite an existing file that hamon did not write. */
  force?: boolean;
  /** Recognises a file hamon wrote (which it may overwrite without --force); none when absent. */
  isOwn?: (content: string) => boolean;
}

/** Refuses now what writeOutputFile would refuse, so that a slow command fails before its work. */
export async function checkOutputFile(path: string, options: OutputFileOptions): Promise<void> {
  await checkedFile(path, options);
}

export async function writeOutputFile(path: string, content: string, options: OutputFileOptions): Promise<void> {
  const { target, existing } = await checkedFile(path, options);
  const temp = join(dirname(target), `.${basename(target)}.hamon-tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    await writeFile(temp, content, { flag: "wx" });
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw new OutputPathError(
      `cannot write ${options.flag} ${path}: ${fileErrorReason(e)}${existing ? `; ${path} is unchanged` : ""}`,
    );
  }
}

async function checkedFile(path: string, options: OutputFileOptions): Promise<{ target: string; existing: boolean }> {
  const { flag } = options;
  if (path.trim() === "") throw new OutputPathError(`${flag} is empty: name a file`);
  const target = await realPathOf(path);
  const reason = protectedFileReason(target, await protectedPaths(options.inputs));
  if (reason) throw new OutputPathError(`refusing ${flag} ${path}: it ${reason}; name another file`);
  const folder = await stat(dirname(target)).catch(() => undefined);
  if (!folder?.isDirectory())
    throw new OutputPathError(`${flag} ${path}: the folder ${dirname(path)} does not exist; create it first`);
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new OutputPathError(`${flag} ${path} is a folder; name a file`);
  if (existing && !options.force) {
    const own = options.isOwn?.(await readFile(target, "utf8").catch(() => "")) ?? false;
    if (!own)
      throw new OutputPathError(
        `${flag} ${path} exists and hamon did not write it; name another file, or use --force to overwrite it`,
      );
  }
  return { target, existing: existing !== undefined };
}
