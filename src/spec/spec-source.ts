/** Where a command's spec comes from: a file, or the built-in example when none is given. The one reader of hamon.yaml. */
import { readFile } from "node:fs/promises";
import { InputError } from "../errors.js";
import { fileErrorReason } from "../io/read-failure.js";
import { EXAMPLE_SPEC_YAML } from "./example.js";

export interface SpecSource {
  text: string;
  /** The name errors use: the path as given, or `(built-in example)`. */
  file: string;
}

/** A spec file that cannot be read: exit code 2. */
export class SpecFileError extends InputError {
  override name = "SpecFileError";
}

const BUILT_IN_SPEC = "(built-in example)";

export async function readSpecSource(path: string | undefined): Promise<SpecSource> {
  if (path === undefined) return { text: EXAMPLE_SPEC_YAML, file: BUILT_IN_SPEC };
  try {
    return { text: await readFile(path, "utf8"), file: path };
  } catch (e) {
    throw new SpecFileError(`cannot read spec ${path}: ${fileErrorReason(e)}`);
  }
}
