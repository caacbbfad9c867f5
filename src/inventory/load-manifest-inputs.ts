/**
 * The I/O edge of the inventory: paths → manifest texts. A folder is read recursively for
 * `.yaml`, `.yml` and `.json` files in a stable (sorted) order; `-` reads stdin once.
 *
 * Symbolic links are followed, to files and to folders. kubectl reads a linked file in a folder
 * (k8s.io/cli-runtime pkg/resource/visitor.go, ExpandPathsToFileVisitors: filepath.Walk lists the
 * link, whose name passes the extension filter, and os.Open follows it); it does not descend
 * into a linked folder, but kustomize-style layouts link shared folders, so hamon does. A folder
 * or file reached twice (a link beside its target, a loop) is read once, under the first path
 * that reached it.
 */
import { readFileSync } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import type { ManifestInput } from "./manifest-documents.js";
import { InputError } from "../errors.js";
import { fileErrorReason } from "../io/read-failure.js";

/** A path that cannot be read: exit code 2. */
export class ManifestInputError extends InputError {
  override name = "ManifestInputError";
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** The error for a path that cannot be read. */
export function unreadable(path: string, e: unknown): ManifestInputError {
  return new ManifestInputError(`cannot read ${path}: ${fileErrorReason(e)}`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The real paths of the folders and files already listed, and how many were met again. */
interface Visited {
  seen: Set<string>;
  again: number;
}

/** Whether `real` is met for the first time (and now marked as seen). */
function firstVisit(real: string, visited: Visited): boolean {
  if (visited.seen.has(real)) {
    visited.again++;
    return false;
  }
  visited.seen.add(real);
  return true;
}

async function realOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (e) {
    throw unreadable(path, e);
  }
}

/** The manifest files under `dir`, recursively, in sorted order, each folder and file once (a link loop ends). */
async function filesUnder(dir: string, visited: Visited): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    throw unreadable(dir, e);
  }
  const out: string[] = [];
  for (const e of entries.sort(byName)) {
    const path = join(dir, e.name);
    let isDirectory = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      // Like kubectl, a link named *.yaml is read; a link to a folder is followed, whatever its name.
      let target;
      try {
        target = await stat(path);
      } catch (err) {
        // A dangling link to a manifest is an error (kubectl fails on it too); any other is ignored.
        if (MANIFEST_FILE.test(e.name)) throw unreadable(path, err);
        continue;
      }
      isDirectory = target.isDirectory();
      isFile = target.isFile();
    }
    if (isDirectory) {
      if (firstVisit(await realOf(path), visited)) out.push(...(await filesUnder(path, visited)));
    } else if (isFile && MANIFEST_FILE.test(e.name) && firstVisit(await realOf(path), visited)) out.push(path);
  }
  return out;
}

export async function loadManifestInputs(paths: ReadonlyArray<string>): Promise<ManifestInput[]> {
  const inputs: ManifestInput[] = [];
  const visited: Visited = { seen: new Set(), again: 0 };
  let stdinRead = false;
  for (const path of paths) {
    if (path === "-") {
      if (stdinRead) throw new ManifestInputError("stdin (-) given more than once");
      stdinRead = true;
      inputs.push({ file: "-", text: await readStdin() });
      continue;
    }
    let isDir: boolean;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch (e) {
      throw unreadable(path, e);
    }
    if (!firstVisit(await realOf(path), visited)) continue;
    const again = visited.again;
    const files = isDir ? await filesUnder(path, visited) : [path];
    // A folder whose files were all read already (under another path) is not empty.
    if (isDir && files.length === 0 && visited.again === again)
      throw new ManifestInputError(`${path}: no .yaml, .yml or .json files in this folder`);
    for (const file of files) inputs.push({ file, text: await readManifestFile(file) });
  }
  return inputs;
}

/** One file's text, or a `ManifestInputError` saying why it cannot be read. */
export async function readManifestFile(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    throw unreadable(file, e);
  }
}

/** The same, synchronously (the node file of `--nodes`). */
export function readManifestFileSync(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw unreadable(file, e);
  }
}
