/** Runs the real CLI (from source, through tsx) as a user would, capturing its output and exit code. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

export const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  input?: string;
  env?: Record<string, string>;
  /** Prefix the command, e.g. to run it as another user (`setpriv …`). */
  wrapper?: string[];
  /** Run the CLI of this checkout instead (default: the repository the tests are in). */
  repo?: string;
}

export function runCli(args: string[], options: CliOptions = {}): CliRun {
  // The loader by absolute URL, so that the CLI also runs from a cwd outside the repo.
  const repo = options.repo ?? REPO;
  const tsx = pathToFileURL(join(repo, "node_modules/tsx/dist/loader.mjs")).href;
  const command = [...(options.wrapper ?? []), process.execPath, "--import", tsx, join(repo, "src/cli.ts"), ...args];
  const r = spawnSync(command[0]!, command.slice(1), {
    cwd: options.cwd ?? REPO,
    input: options.input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A real binary the tests need: in CI its absence is a failure, not a skip. */
export function hasBinary(name: string): boolean {
  const found = spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
  if (!found && process.env.CI) throw new Error(`${name} is required in CI (.ci/run installs it)`);
  return found;
}
