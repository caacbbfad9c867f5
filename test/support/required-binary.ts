/**
 * Tests that need a real binary: skipped with a message on a workstation without it, but FAILED
 * when CI=true (CI installs the Debian packages, .ci/run), so that CI never passes by skipping.
 */
import { findBinary, TOOLS, type LabTool } from "../../src/lab/binaries.js";

export interface RequiredBinary {
  path: string;
  /** True when the tests should be skipped: missing and not in CI. */
  skip: boolean;
}

export function requiredBinary(tool: LabTool): RequiredBinary {
  const path = findBinary(tool);
  if (path !== undefined) return { path, skip: false };
  const inCi = process.env.CI === "true" || process.env.CI === "1";
  if (!inCi) {
    process.stderr.write(
      `skipping tests that need ${tool}: not installed (apt-get install ${TOOLS[tool].debianPackage})\n`,
    );
  }
  return { path: `${tool}-not-installed`, skip: !inCi };
}
