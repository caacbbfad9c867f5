/** End to end: `hamon rules` as a user runs it, exit codes included. */
import { describe, expect, it } from "vitest";
import { RULES } from "../src/audit/catalog.js";
import { runCli } from "./support/run-cli.js";

describe("hamon rules", () => {
  it("lists every rule with its severity and title, exit 0", () => {
    const r = runCli(["rules"]);
    expect(r.status).toBe(0);
    for (const rule of RULES)
      expect(r.stdout).toMatch(
        new RegExp(`^${rule.id} +${rule.severity} +${rule.title.replace(/[()]/g, "\\$&")}$`, "m"),
      );
  });

  it("prints one rule in full: what, why, sources, severity, fix, fixtures and page", () => {
    const r = runCli(["rules", "hamon-pdb-002"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^HAMON-PDB-002 \(error\): PodDisruptionBudget allows no eviction\n/);
    for (const heading of ["What it checks", "Why", "Sources", "Severity: error", "Fix"])
      expect(r.stdout).toContain(`\n${heading}\n`);
    expect(r.stdout).toContain("https://kubernetes.io/docs/tasks/run-application/configure-pdb/");
    expect(r.stdout).toContain("    trigger-min-one-of-one.yaml\n");
    expect(r.stdout).toContain("    pass-min-one-of-two.yaml\n");
    expect(r.stdout).toContain("Documentation: docs/rules/HAMON-PDB-002.md");
  });

  it("--format json: one rule with every field, or every rule", () => {
    const one = runCli(["rules", "HAMON-HA-001", "--format", "json"]);
    expect(one.status).toBe(0);
    const rule = JSON.parse(one.stdout);
    expect(rule).toMatchObject({ id: "HAMON-HA-001", severity: "error", documentation: "docs/rules/HAMON-HA-001.md" });
    expect(rule.sources[0].url).toMatch(/^https:\/\//);
    expect(rule.examples.trigger).toContain("trigger-store-gateway.yaml");
    const all = JSON.parse(runCli(["rules", "--format", "json"]).stdout);
    expect(all.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(all.every((r: { what: string; why: string; fix: string }) => r.what && r.why && r.fix)).toBe(true);
  });

  it("exits 2 on an unknown id, listing the ids there are, and on a bad --format", () => {
    const unknown = runCli(["rules", "HAMON-NOPE-001"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toMatch(/^hamon: no rule has the id "HAMON-NOPE-001"; expected one of: HAMON-HA-001, /);
    expect(unknown.stderr).toContain("HAMON-PSS-002");
    const format = runCli(["rules", "--format", "xml"]);
    expect(format.status).toBe(2);
    expect(format.stderr).toBe('hamon: --format: found "xml"; expected text or json\n');
  });

  it("--help shows examples and exit codes", () => {
    const r = runCli(["rules", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("hamon rules HAMON-HA-001");
    expect(r.stdout).toContain("Exit codes: 0 printed, 2 unknown rule id");
  });
});
