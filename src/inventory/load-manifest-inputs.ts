/**
 * The I/O edge of the inventory: paths → manifest texts. A folder is read recursively for
 * `.yaml`, `.yml` and `.json` files in a stable (sorted) order; `-` reads stdin once.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { ManifestInput } from "./manifest-documents.js";
import { InputError } from "../errors.js";

/** A path that cannot be read: exit code 2. */
export class ManifestInputError extends InputError {
  override name = "ManifestInputError";
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(path)));
    else if (e.isFile() && MANIFEST_FILE.test(e.name)) out.push(path);
  }
  return out;
}

export async function loadManifestInputs(paths: ReadonlyArray<string>): Promise<ManifestInput[]> {
  const inputs: ManifestInput[] = [];
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
      throw new ManifestInputError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const files = isDir ? await filesUnder(path) : [path];
    if (isDir && files.length === 0)
      throw new ManifestInputError(`${path}: no .yaml, .yml or .json files in this folder`);
    for (const file of files) {
      try {
        inputs.push({ file, text: await readFile(file, "utf8") });
      } catch (e) {
        throw new ManifestInputError(
          `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        );
      }
    }
  }
  return inputs;
}
