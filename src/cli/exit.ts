/** Maps failures to exit codes and messages: 2 for input the user must fix, 1 for findings, crashes otherwise. */
import { SpecError } from "../spec/load.js";
import { UsageError } from "./spec-source.js";

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INPUT = 2;

export function reportFailure(e: unknown): number {
  if (e instanceof SpecError || e instanceof UsageError) {
    process.stderr.write(`hamon: ${e.message}\n`);
    return EXIT_INPUT;
  }
  throw e;
}
