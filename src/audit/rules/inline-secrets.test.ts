import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { auditManifests } from "../../pipeline/audit-manifests.js";
import { formatJson } from "../reporters/json-report.js";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "../../../test/fixtures/audit/HAMON-SEC-001");
const SECRETS = [
  "hunter2",
  "s3cr3t-admin",
  "wJalrXUtnFEMIEXAMPLE",
  "AKIAEXAMPLE",
  "B000/XXXXXXXX",
  "oauth-client-s3cr3t",
  "c29tZS1jb29raWUtc2VjcmV0IQ==",
];

describe("HAMON-SEC-001 reports where a credential is, never the credential", () => {
  it.each(readdirSync(DIR).filter((f) => f.startsWith("trigger-")))("%s", (file) => {
    const out = formatJson(auditManifests([{ file, text: readFileSync(join(DIR, file), "utf8") }]));
    expect(out).toContain("HAMON-SEC-001");
    for (const s of SECRETS) expect(out).not.toContain(s);
  });
});
