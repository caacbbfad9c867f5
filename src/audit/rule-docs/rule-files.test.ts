/** Finding a rule's example fixtures: sorted triggers and passes, "none" for a rule without, undefined when not installed. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDirs } from "../../../test/support/temp-dirs.js";
import { ruleDocPath, ruleExamples } from "./rule-files.js";

const tempDir = tempDirs("hamon-rule-files-");

describe("ruleExamples", () => {
  it("reads trigger-*.yaml and pass-*.yaml of the rule's folder, sorted, and nothing else", () => {
    const root = tempDir();
    const dir = join(root, "test/fixtures/audit/HAMON-X-001");
    mkdirSync(dir, { recursive: true });
    for (const f of ["trigger-b.yaml", "trigger-a.yaml", "pass-a.yaml", "notes.md", "other.yaml"])
      writeFileSync(join(dir, f), `# ${f}\n`);
    const examples = ruleExamples("HAMON-X-001", root);
    expect(examples?.dir).toBe("test/fixtures/audit/HAMON-X-001");
    expect(examples?.triggers).toEqual([
      { file: "trigger-a.yaml", text: "# trigger-a.yaml\n" },
      { file: "trigger-b.yaml", text: "# trigger-b.yaml\n" },
    ]);
    expect(examples?.passes.map((e) => e.file)).toEqual(["pass-a.yaml"]);
  });

  it("gives empty lists for a rule without fixtures, and undefined when there are no fixtures at all", () => {
    const root = tempDir();
    expect(ruleExamples("HAMON-X-001", root)).toBeUndefined();
    mkdirSync(join(root, "test/fixtures/audit"), { recursive: true });
    expect(ruleExamples("HAMON-X-001", root)).toEqual({
      dir: "test/fixtures/audit/HAMON-X-001",
      triggers: [],
      passes: [],
    });
  });

  it("finds this repository's fixtures, and names the page in docs/rules/", () => {
    expect(ruleExamples("HAMON-HA-001")?.triggers.map((e) => e.file)).toContain("trigger-store-gateway.yaml");
    expect(ruleDocPath("HAMON-HA-001")).toBe("docs/rules/HAMON-HA-001.md");
  });
});
