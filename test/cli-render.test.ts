import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, existsSync, writeFileSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join, relative } from "node:path";
import { parseAllDocuments } from "yaml";
import { hasBinary, REPO, runCli } from "./support/run-cli.js";
import { tempDirs } from "./support/temp-dirs.js";

const tmp = tempDirs("hamon-test-");

function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}

describe("hamon render", () => {
  const dir = tmp();
  const out = join(dir, "out");
  const run = runCli(["render", "--out", out]);

  it("renders the built-in example and says what it wrote", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    // Redis is off by default: no redis folder.
    expect(run.stdout).toMatch(/rendered \d+ objects in 14 folders/);
    expect(existsSync(join(out, "PREREQUISITES.md"))).toBe(true);
  });

  it("is byte-identical when rendered again", () => {
    const again = join(dir, "again");
    expect(runCli(["render", "--out", again]).status).toBe(0);
    expect(tree(again)).toEqual(tree(out));
  });

  it("is accepted by kubectl kustomize as it is, with every object once", () => {
    if (!hasBinary("kubectl")) return;
    const k = spawnSync("kubectl", ["kustomize", out], { encoding: "utf8" });
    expect(k.stderr).toBe("");
    expect(k.status).toBe(0);
    const docs = parseAllDocuments(k.stdout).map((d) => d.toJS());
    const files = [...tree(out).keys()].filter((f) => f.endsWith(".yaml") && !f.endsWith("kustomization.yaml"));
    expect(docs).toHaveLength(files.length);
    expect(new Set(docs.map((d) => `${d.kind}/${d.metadata.namespace ?? ""}/${d.metadata.name}`)).size).toBe(
      files.length,
    );
  });

  it("replaces an existing output folder as a whole", () => {
    writeFileSync(join(out, "stale.yaml"), "kind: Stale\n");
    expect(runCli(["render", "--out", out]).status).toBe(0);
    expect(existsSync(join(out, "stale.yaml"))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.includes("hamon-tmp"))).toEqual([]);
  });
});

describe("bad input", () => {
  it("names file, line, path, found and expected; exits 2; writes nothing", () => {
    const dir = tmp();
    const spec = join(dir, "hamon.yaml");
    writeFileSync(
      spec,
      "cluster: { name: c, zones: [a, b] }\nstorage: { provisioner: p }\nprometheus:\n  replicas: 1\n  sharts: 2\n",
    );
    const out = join(dir, "out");
    const run = runCli(["render", spec, "--out", out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${spec}:4:13 prometheus.replicas: found 1; expected a value ≥ 2`);
    expect(run.stderr).toContain(`${spec}:5:3 prometheus.sharts: found unknown key "sharts"`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(["hamon.yaml"]);
  });

  it("keeps an existing output untouched when the spec is impossible", () => {
    const dir = tmp();
    const out = join(dir, "out");
    expect(runCli(["render", "--out", out]).status).toBe(0);
    const before = tree(out);
    const spec = join(dir, "two-zones.yaml");
    writeFileSync(spec, "cluster: { name: c, zones: [a, b] }\nstorage: { provisioner: p }\n");
    const run = runCli(["render", spec, "--out", out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("grafana.database.instances: found 3 PostgreSQL instances; expected at most 2");
    expect(tree(out)).toEqual(before);
  });

  it("exits 2 on a missing spec file and on an unknown option", () => {
    expect(runCli(["render", "/nonexistent/hamon.yaml"]).stderr).toContain(
      "cannot read spec /nonexistent/hamon.yaml: no such file or folder",
    );
    expect(runCli(["render", "/nonexistent/hamon.yaml"]).status).toBe(2);
    expect(runCli(["render", "--bogus"]).status).toBe(2);
  });
});

describe("hamon init and schema", () => {
  it("init writes the example, which renders, and refuses to overwrite", () => {
    const dir = tmp();
    expect(runCli(["init"], { cwd: dir }).status).toBe(0);
    expect(statSync(join(dir, "hamon.yaml")).size).toBeGreaterThan(500);
    expect(runCli(["render", "hamon.yaml", "--out", "o"], { cwd: dir }).status).toBe(0);
    const again = runCli(["init"], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("use --force");
  });

  it("schema prints the committed schema/hamon.schema.json (regenerate with: npm run schema)", () => {
    const run = runCli(["schema"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(REPO, "schema/hamon.schema.json"), "utf8"));
  });
});
