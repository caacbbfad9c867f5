/**
 * Temp folders for tests that need real files: each test file gets a factory whose folders are
 * all removed after its tests, so a test run leaves nothing in the system temp folder.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/** Call at the top of a test file or describe block; call the result for a fresh empty folder. */
export function useTempFolders(prefix = "hamon-test-"): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
