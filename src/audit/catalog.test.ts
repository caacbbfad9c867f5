/** The catalog is coherent: unique ids, every rule documented in full (what, why with a source, severity, fix), looked up by id. */
import { describe, expect, it } from "vitest";
import { InputError } from "../errors.js";
import { RULES, ruleById, UnknownRuleError } from "./catalog.js";

describe("rule catalog", () => {
  it("has unique ids of the form HAMON-<AREA>-<NNN>", () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) expect(r.id).toMatch(/^HAMON-[A-Z]+-\d{3}$/);
  });

  it.each(RULES.map((r) => [r.id, r] as const))("%s has a title, what, why, severity reason and fix", (_id, r) => {
    expect(r.title.length).toBeGreaterThan(10);
    expect(r.title).not.toMatch(/\n/);
    for (const field of [r.what, r.why, r.severityReason, r.fix]) expect(field.trim().length).toBeGreaterThan(20);
    // The severity reason names the rule's severity (and a milder one when some cases are milder).
    expect(r.severityReason.toLowerCase()).toContain(r.severity);
  });

  it.each(RULES.map((r) => [r.id, r] as const))("%s names at least one source, each a titled https URL", (_id, r) => {
    expect(r.sources.length).toBeGreaterThan(0);
    for (const s of r.sources) {
      expect(s.title.trim().length).toBeGreaterThan(3);
      expect(new URL(s.url).protocol).toBe("https:");
    }
    expect(new Set(r.sources.map((s) => s.url)).size).toBe(r.sources.length);
  });

  it("finds a rule by id, in any case; an unknown id is an input error listing every id", () => {
    expect(ruleById("HAMON-HA-001").id).toBe("HAMON-HA-001");
    expect(ruleById("hamon-pdb-002").id).toBe("HAMON-PDB-002");
    const error = (() => {
      try {
        ruleById("HAMON-NOPE-001");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnknownRuleError);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^no rule has the id "HAMON-NOPE-001"; expected one of: HAMON-HA-001, /);
    for (const r of RULES) expect((error as Error).message).toContain(r.id);
  });
});
