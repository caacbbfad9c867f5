import { describe, expect, it } from "vitest";
import {
  CREDENTIAL_KEYS,
  isBackupSchedule,
  objectStoreCredentials,
  objectStoreProvider,
  RETENTION_POLICY_PATTERN,
} from "./barman-cloud.js";

describe("the Barman Cloud plugin's facts", () => {
  it.each([
    ["s3://bucket", "s3"],
    ["s3://bucket/a/b", "s3"],
    ["gs://bucket/grafana", "google"],
    ["https://acct.blob.core.windows.net/container", "azure"],
    ["https://acct.blob.core.windows.net/container/path", "azure"],
  ])("%s is a %s destination", (path, provider) => {
    expect(objectStoreProvider(path)).toBe(provider);
  });
  it.each(["bucket/path", "s3://", "s3:///path", "gs://", "https://example.com/bucket", "file:///backups", ""])(
    "%s is no destination",
    (path) => {
      expect(objectStoreProvider(path)).toBeUndefined();
    },
  );
  it.each(["0 0 3 * * *", "0 */30 * * * *", "0 0 3 * * MON-FRI", "@daily", "@hourly"])("%s is a schedule", (s) => {
    expect(isBackupSchedule(s)).toBe(true);
  });
  it.each(["0 3 * * *", "0 0 3 * * * *", "@sometimes", "0 0 3 * * $", ""])("%s is no schedule", (s) => {
    expect(isBackupSchedule(s)).toBe(false);
  });
  it("takes retentions in days, weeks and months, as the CRD's pattern", () => {
    expect(["30d", "8w", "6m", "1d"].every((r) => RETENTION_POLICY_PATTERN.test(r))).toBe(true);
    expect(["0d", "30", "48h", "1y", "030d"].some((r) => RETENTION_POLICY_PATTERN.test(r))).toBe(false);
  });
  it.each(["s3", "google", "azure"] as const)("references every %s credential key, and only those", (provider) => {
    const refs = JSON.stringify(objectStoreCredentials(provider, "creds"));
    const keys = [...refs.matchAll(/"key":"([^"]+)"/g)].map((m) => m[1]);
    expect(keys.sort()).toEqual(Object.keys(CREDENTIAL_KEYS[provider]).sort());
    expect([...refs.matchAll(/"name":"([^"]+)"/g)].every((m) => m[1] === "creds")).toBe(true);
  });
});
