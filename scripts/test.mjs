#!/usr/bin/env node
// `npm test`: typecheck, run every vitest test, and end with one plain summary line
// ("tests: N passed, N failed, N skipped") that any CI can read. Exit code: vitest's.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";

const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit" }).status ?? 1;

const typecheck = run("npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]);
if (typecheck !== 0) {
  console.log("tests: 0 passed, 1 failed (typecheck)");
  process.exit(typecheck);
}
mkdirSync("test-output", { recursive: true });
const report = "test-output/vitest.json";
rmSync(report, { force: true });
const status = run("npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
try {
  const r = JSON.parse(readFileSync(report, "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  // A file that fails to load counts as a failure even though none of its tests ran; so does a
  // non-zero exit with nothing failed (an unhandled error).
  let failed = r.numFailedTests + r.numFailedTestSuites;
  if (status !== 0 && failed === 0) failed = 1;
  console.log(`tests: ${r.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
} catch {
  console.log("tests: 0 passed, 1 failed (no vitest report)");
}
process.exit(status);
