/**
 * Output safety, end to end: hamon never deletes or overwrites a file it did not write. Each refused
 * case must exit 2 with one line saying why, and leave the whole folder tree exactly as it was.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, runCli, type CliOptions } from "./support/run-cli.js";
import { tempDirs } from "./support/temp-dirs.js";

const tmp = tempDirs();
const SPEC = "cluster: { name: c, zones: [a, b, c] }\nstorage: { provisioner: p }\n";

/** Every path under `dir` with its content (files) or `/` (folders): what a refusal must leave as it was. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      out[relative(dir, p)] = e.isDirectory() ? "/" : e.isSymbolicLink() ? "->" : readFileSync(p, "utf8");
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

/** A user's project: a spec, their own files, a git folder, and an empty sub-folder. */
function project(): string {
  const dir = tmp();
  mkdirSync(join(dir, "proj/.git"), { recursive: true });
  mkdirSync(join(dir, "proj/sub"));
  mkdirSync(join(dir, "home"));
  writeFileSync(join(dir, "proj/hamon.yaml"), SPEC);
  writeFileSync(join(dir, "proj/.git/HEAD"), "ref: refs/heads/main\n");
  writeFileSync(join(dir, "proj/notes.txt"), "my notes\n");
  mkdirSync(join(dir, "proj/mine"));
  writeFileSync(join(dir, "proj/mine/values.yaml"), "a: 1\n");
  return dir;
}

interface RefusedCase {
  name: string;
  args: string[];
  /** Relative to the temp folder; default proj. */
  cwd?: string;
  stderr: RegExp;
}

const refused: RefusedCase[] = [
  {
    name: "render --out . (the spec's folder, the current folder)",
    args: ["render", "hamon.yaml", "--out", "."],
    stderr: /is the current folder/,
  },
  { name: "render --out '' (empty)", args: ["render", "hamon.yaml", "--out", ""], stderr: /--out is empty/ },
  {
    name: "render --out .. (an ancestor)",
    args: ["render", "../hamon.yaml", "--out", ".."],
    cwd: "proj/sub",
    stderr: /contains the current folder/,
  },
  {
    name: "plan proj/hamon.yaml --out proj (holds the spec)",
    args: ["plan", "proj/hamon.yaml", "--out", "proj"],
    cwd: ".",
    stderr: /contains .*hamon\.yaml, an input of this command/,
  },
  {
    name: "render --out mine (the user's files)",
    args: ["render", "hamon.yaml", "--out", "mine"],
    stderr: /holds files that hamon did not write/,
  },
  {
    name: "render --out notes.txt (a file)",
    args: ["render", "hamon.yaml", "--out", "notes.txt"],
    stderr: /is a file, not a folder/,
  },
  {
    name: "render --out / (the root)",
    args: ["render", "hamon.yaml", "--out", "/"],
    stderr: /is the file system root/,
  },
  { name: "render --out $HOME", args: ["render", "--out", "../home"], stderr: /is your home folder/ },
  {
    name: "report --html hamon.yaml (the spec)",
    args: ["report", "hamon.yaml", "--html", "hamon.yaml"],
    stderr: /is an input of this command/,
  },
  {
    name: "report --html hamon.yaml --force (still the spec)",
    args: ["report", "hamon.yaml", "--html", "hamon.yaml", "--force"],
    stderr: /is an input of this command/,
  },
  { name: "report --html mine (a folder)", args: ["report", "--html", "mine"], stderr: /is a folder/ },
  {
    name: "report --html missing/r.html",
    args: ["report", "--html", "missing/r.html"],
    stderr: /folder missing does not exist/,
  },
  {
    name: "report --html notes.txt (not hamon's)",
    args: ["report", "--html", "notes.txt"],
    stderr: /hamon did not write it; .*--force/,
  },
  {
    name: "init --out missing/hamon.yaml",
    args: ["init", "--out", "missing/hamon.yaml"],
    stderr: /folder missing does not exist/,
  },
  { name: "init --out mine (a folder)", args: ["init", "--out", "mine"], stderr: /is a folder/ },
  {
    name: "init (hamon.yaml exists)",
    args: ["init"],
    stderr: /hamon\.yaml exists and hamon did not write it; .*--force/,
  },
];

describe("refused outputs: exit 2, one line, nothing touched", () => {
  it.each(refused)("$name", ({ args, cwd, stderr }) => {
    const dir = project();
    const before = snapshot(dir);
    const run = runCli(args, { cwd: join(dir, cwd ?? "proj"), env: { HOME: join(dir, "home") } });
    expect(run.stderr).toMatch(stderr);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.status).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe("allowed outputs", () => {
  it("a hamon report is replaced; another file only with --force", () => {
    const dir = project();
    const cwd = join(dir, "proj");
    expect(runCli(["report", "--html", "r.html"], { cwd }).status).toBe(0);
    expect(runCli(["report", "--html", "r.html"], { cwd }).status).toBe(0);
    expect(readFileSync(join(cwd, "r.html"), "utf8")).toMatch(/^<!doctype html>/);
    expect(runCli(["report", "--html", "notes.txt", "--force"], { cwd }).status).toBe(0);
    expect(readFileSync(join(cwd, "notes.txt"), "utf8")).toMatch(/^<!doctype html>/);
    expect(readdirSync(cwd).filter((n) => n.includes("hamon-tmp"))).toEqual([]);
  });

  it("a symlinked --out is followed, and the link stays", () => {
    const dir = project();
    mkdirSync(join(dir, "target"));
    symlinkSync(join(dir, "target"), join(dir, "proj/link"));
    const run = runCli(["render", "hamon.yaml", "--out", "link"], { cwd: join(dir, "proj") });
    expect(run.status).toBe(0);
    expect(existsSync(join(dir, "target/kustomization.yaml"))).toBe(true);
    expect(statSync(join(dir, "target")).mode & 0o077).not.toBe(0);
  });
});

/** Runs the CLI as an unprivileged user: as root (CI), through setpriv as nobody, since root ignores permissions. */
function unprivileged(dir: string): CliOptions {
  if (process.getuid?.() !== 0) return {};
  chmodSync(dir, 0o777);
  const wrapper = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
  const env = { TMPDIR: dir, HOME: dir };
  // A clone under a private folder (e.g. /root) is out of nobody's reach: run a hard-linked copy
  // of the code from a folder it can read instead.
  if (spawnSync(wrapper[0]!, [...wrapper.slice(1), "test", "-r", join(REPO, "src/cli.ts")]).status === 0)
    return { wrapper, env };
  const copy = mkdtempSync(join(tmpdir(), "hamon-test-code-"));
  codeCopies.push(copy);
  chmodSync(copy, 0o755);
  for (const part of ["src", "node_modules", "package.json", "tsconfig.json"])
    execFileSync("cp", ["-al", join(REPO, part), copy]);
  return { wrapper, env, repo: copy };
}

const codeCopies: string[] = [];
afterAll(() => {
  for (const copy of codeCopies.splice(0)) rmSync(copy, { recursive: true, force: true });
});

describe("an output that cannot be replaced is left exactly as it was", () => {
  it("a read-only output folder: exit 2, old output intact, no temporary or .old folder", () => {
    const dir = project();
    const proj = join(dir, "proj");
    expect(runCli(["render", "hamon.yaml", "--out", "out"], { cwd: proj }).status).toBe(0);
    const as = unprivileged(dir);
    chmodSync(proj, 0o777);
    chmodSync(join(proj, "out"), 0o555);
    const before = snapshot(proj);
    const run = runCli(["render", "hamon.yaml", "--out", "out"], { cwd: proj, ...as });
    chmodSync(join(proj, "out"), 0o755);
    expect(run.stderr).toMatch(/cannot replace --out out: .*out is not writable; out is unchanged/);
    expect(run.status).toBe(2);
    expect(snapshot(proj)).toEqual(before);
  });

  it("a parent folder that is not writable: exit 2, nothing written", () => {
    const dir = project();
    const proj = join(dir, "proj");
    const as = unprivileged(dir);
    chmodSync(proj, 0o555);
    const before = snapshot(proj);
    const run = runCli(["render", "hamon.yaml", "--out", "out"], { cwd: proj, ...as });
    chmodSync(proj, 0o755);
    expect(run.stderr).toMatch(/cannot write in .*proj \(for --out out\): permission denied/);
    expect(run.status).toBe(2);
    expect(snapshot(proj)).toEqual(before);
  });
});
