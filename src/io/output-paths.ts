/**
 * Which paths hamon may write to. Pure: it works on absolute, symlink-resolved paths that the
 * I/O layer gives it. hamon replaces an output folder as a whole, so a folder that holds (or is)
 * anything the user needs is refused outright, whatever the flags: the file system root, the home
 * folder, the current folder, and any input of the same command, with every folder above them.
 */
import { sep } from "node:path";
import { InputError } from "../errors.js";

/** An output path hamon will not write: exit 2, with the reason and what to do. */
export class OutputPathError extends InputError {
  override name = "OutputPathError";
}

/** What must survive any write: all absolute and symlink-resolved. */
export interface ProtectedPaths {
  cwd: string;
  home: string;
  /** Files and folders the command reads (spec, --nodes, --manifests). */
  inputs: readonly string[];
}

/** `ancestor` is `path` itself or a folder above it. */
export function containsPath(ancestor: string, path: string): boolean {
  if (ancestor === path) return true;
  return path.startsWith(ancestor.endsWith(sep) ? ancestor : ancestor + sep);
}

/** Why `target` must never be replaced, or undefined when it may be (if hamon wrote it). */
export function protectedReason(target: string, paths: ProtectedPaths): string | undefined {
  if (target === sep) return "is the file system root";
  if (containsPath(target, paths.home))
    return target === paths.home ? "is your home folder" : "contains your home folder";
  if (containsPath(target, paths.cwd))
    return target === paths.cwd ? "is the current folder" : "contains the current folder";
  for (const input of paths.inputs) {
    if (input === target) return "is an input of this command";
    if (containsPath(target, input)) return `contains ${input}, an input of this command`;
  }
  return undefined;
}

/** Why a single output file must never be written, or undefined. */
export function protectedFileReason(target: string, paths: Pick<ProtectedPaths, "inputs">): string | undefined {
  return paths.inputs.includes(target) ? "is an input of this command" : undefined;
}
