/** Maps failures to exit codes and messages: 2 for input the user must fix, 1 for findings, crashes otherwise. */
import { ManifestParseError } from "../inventory/manifest-documents.js";
import { ManifestInputError } from "../inventory/load-manifest-inputs.js";
import { SpecFileError } from "../pipeline/load-stack.js";
import { NodeListError } from "../simulate/topology.js";
import { SizingInputError } from "../sizing/workload-input.js";
import { SpecError } from "../spec/load.js";
import { UsageError } from "./spec-source.js";

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INPUT = 2;

const INPUT_ERRORS = [
  SpecError,
  UsageError,
  SpecFileError,
  ManifestParseError,
  ManifestInputError,
  NodeListError,
  SizingInputError,
];

export function reportFailure(e: unknown): number {
  if (INPUT_ERRORS.some((type) => e instanceof type)) {
    process.stderr.write(`hamon: ${(e as Error).message}\n`);
    return EXIT_INPUT;
  }
  throw e;
}
