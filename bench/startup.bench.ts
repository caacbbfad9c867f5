/**
 * How long a user waits for the CLI itself: `hamon --version`, `hamon --help` and the default
 * `hamon plan`, each as a whole process of the built CLI (dist/, as users run it), against a bare
 * `node -e 0` in the same run. Targets (issue 12): --version and --help ≤ 0.15 s, the default plan
 * ≤ 0.5 s, on an idle 2-core machine; read them as ratios to the bare node start (≈ 0.05 s), since
 * absolute times here move with the machine's load.
 *
 *   npm run build && npx vitest bench --run bench/startup.bench.ts
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, bench, describe } from "vitest";

const CLI = join(import.meta.dirname, "..", "dist", "cli.js");
if (!existsSync(CLI)) throw new Error("bench/startup.bench.ts measures the built CLI: run `npm run build` first");
const out = mkdtempSync(join(tmpdir(), "hamon-bench-startup-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const run = (args: string[]) => {
  const r = spawnSync(process.execPath, args, { cwd: out, encoding: "utf8" });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
};
const options = { iterations: 10, warmupIterations: 1 };

describe("CLI startup, whole processes", () => {
  bench("node -e 0 (a bare Node start)", () => run(["-e", "0"]), options);
  bench("hamon --version", () => run([CLI, "--version"]), options);
  bench("hamon --help", () => run([CLI, "--help"]), options);
  bench("hamon plan (built-in example)", () => run([CLI, "plan", "--out", "out"]), {
    iterations: 5,
    warmupIterations: 1,
  });
});
