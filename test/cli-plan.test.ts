import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { hasBinary, REPO, runCli } from "./support/run-cli.js";
import { tempDirs } from "./support/temp-dirs.js";

const tmp = tempDirs("hamon-plan-");
const THREE_ZONES = join(REPO, "test/fixtures/simulate/three-zone-nodes.yaml");

describe("hamon plan (the main job)", () => {
  const out = join(tmp(), "out");
  const run = runCli(["plan", "--out", out]);

  it("renders, audits, simulates and says the example is HA", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("hamon plan: prod-eu, the built-in example (phase 4) on its node pool (6 nodes)");
    expect(run.stdout).toMatch(/Audit: 0 error/);
    expect(run.stdout).toMatch(/^zone eu-west-1a\s/m);
    expect(run.stdout).toContain("✓ HA: no single node or zone loss takes a component down");
    expect(run.stdout).not.toMatch(/\bDOWN\b\s/);
  });

  it("writes the manifests that kubectl kustomize accepts, with the HTML report beside them", () => {
    expect(existsSync(join(out, "PREREQUISITES.md"))).toBe(true);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain('<table class="matrix">');
    expect(html).toContain("eu-west-1c");
    if (!hasBinary("kubectl")) return;
    expect(spawnSync("kubectl", ["kustomize", out], { encoding: "utf8" }).status).toBe(0);
  });

  it("exits 1, and says why, when the stack cannot run on the given nodes (no monitoring pool there)", () => {
    const dir = join(tmp(), "out");
    const r = runCli(["plan", "--nodes", THREE_ZONES, "--out", dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("PENDING prometheus-hamon-0");
    expect(r.stdout).toContain("NodeAffinity: node(s) didn't match Pod's node");
    expect(r.stdout).toMatch(/✗ NOT HA: .*HA failure/);
    // The manifests are written anyway: the verdict is about the target cluster, not the files.
    expect(existsSync(join(dir, "kustomization.yaml"))).toBe(true);
  });

  it("exits 2 on a bad nodes file, naming what was expected", () => {
    const bad = join(tmp(), "nodes.yaml");
    writeFileSync(bad, "kind: Pod\nmetadata: { name: x }\n");
    const r = runCli(["plan", "--nodes", bad, "--out", join(tmp(), "o")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Node, NodeList or List/);
  });
});

describe("hamon simulate and hamon report", () => {
  it("simulate --format json has the documented shape", () => {
    const r = runCli(["simulate", "--format", "json"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json).sort()).toEqual(["placement", "scenarios", "worstCase"]);
    expect(json.scenarios[0]).toMatchObject({ id: expect.any(String), kind: "node", target: expect.any(String) });
    expect(new Set(json.scenarios.flatMap((s: any) => s.components.map((c: any) => c.component)))).toEqual(
      new Set([
        "prometheus",
        "alertmanager",
        "thanos-query",
        "thanos-query-frontend",
        "thanos-store",
        "thanos-compact",
        "grafana",
        "postgresql",
        "kube-state-metrics",
        "node-exporter",
      ]),
    );
    // node-exporter's DaemonSet: one pod on each node of the spec's pool, marked as such.
    const daemon = json.placement.filter((p: any) => p.perNode);
    expect(daemon.map((p: any) => p.component)).toEqual(Array(6).fill("node-exporter"));
  });

  it("report --html writes one self-contained file and exits with the verdict", () => {
    const file = join(tmp(), "r.html");
    const r = runCli(["report", "--html", file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`wrote ${file}: ✓ HA`);
    const html = readFileSync(file, "utf8");
    expect(html).toContain("Placement");
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});
