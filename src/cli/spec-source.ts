/** Where a command's spec comes from: a file, or the built-in example when none is given. */
import { readFile } from "node:fs/promises";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { InputError } from "../errors.js";

export interface SpecSource {
  text: string;
  /** The name errors use: the path as given, or `(built-in example)`. */
  file: string;
}

export async function readSpecSource(path: string | undefined): Promise<SpecSource> {
  if (path === undefined) return { text: EXAMPLE_SPEC_YAML, file: "(built-in example)" };
  try {
    return { text: await readFile(path, "utf8"), file: path };
  } catch (e) {
    throw new UsageError(`cannot read spec ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Bad invocation or unreadable input: exit code 2. */
export class UsageError extends InputError {
  override name = "UsageError";
}
