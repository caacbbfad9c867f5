/**
 * The database backup section of the spec (`grafana.database.backup`): what it refuses, each at
 * its path with what was found and what is expected, and the defaults it fills in.
 */
import { describe, expect, it } from "vitest";
import { renderFromSpecText } from "../pipeline/render-pipeline.js";
import { SpecError, type SpecIssue } from "./load.js";

const BASE = "cluster: { name: c, zones: [a, b, c] }\nstorage: { provisioner: ebs.csi.aws.com }\n";
const backup = (fields: string) =>
  `${BASE}grafana: { database: { type: cloudnativepg, backup: { destinationPath: 's3://b/p', secretName: s, ${fields} } } }\n`;

function issuesOf(text: string): SpecIssue[] {
  try {
    renderFromSpecText(text, "s.yaml");
  } catch (e) {
    if (e instanceof SpecError) return e.issues;
    throw e;
  }
  throw new Error("expected a SpecError, but the spec rendered");
}

const P = "grafana.database.backup";
/** [what, spec text, path, message of `found …; expected …`]. */
const CASES: Array<[string, string, string, RegExp]> = [
  [
    "a destination without a known scheme",
    `${BASE}grafana: { database: { type: cloudnativepg, backup: { destinationPath: 'bucket/path', secretName: s } } }\n`,
    `${P}.destinationPath`,
    /^found "bucket\/path"; expected an object storage path: s3:\/\/bucket\/path .* gs:\/\/bucket\/path .* https:\/\/<account>\.blob\.core\.windows\.net/,
  ],
  [
    "an s3 destination without a bucket",
    `${BASE}grafana: { database: { type: cloudnativepg, backup: { destinationPath: 's3://', secretName: s } } }\n`,
    `${P}.destinationPath`,
    /^found "s3:\/\/"; expected an object storage path/,
  ],
  [
    "a five-field crontab schedule",
    backup("schedule: '0 3 * * *'"),
    `${P}.schedule`,
    /^found "0 3 \* \* \*"; expected a six-field cron schedule with seconds first, such as "0 0 3 \* \* \*"/,
  ],
  [
    "a retention in hours",
    backup("retention: 48h"),
    `${P}.retention`,
    /^found "48h"; expected a retention such as 30d, 8w or 6m/,
  ],
  ["a retention of zero days", backup("retention: 0d"), `${P}.retention`, /expected a retention such as 30d/],
  [
    "an endpoint that is not a URL",
    backup("endpointURL: minio:9000"),
    `${P}.endpointURL`,
    /^found "minio:9000"; expected an http or https URL/,
  ],
  [
    "a Secret name with upper case",
    `${BASE}grafana: { database: { type: cloudnativepg, backup: { destinationPath: 's3://b', secretName: Backup } } }\n`,
    `${P}.secretName`,
    /^found "Backup"; expected a Secret name/,
  ],
  [
    "no Secret",
    `${BASE}grafana: { database: { type: cloudnativepg, backup: { destinationPath: 's3://b/p' } } }\n`,
    `${P}.secretName`,
    /^found \(missing\)/,
  ],
  [
    "a restore that would archive into the folder it restores from",
    backup("restoreFrom: grafana-db"),
    `${P}.serverName`,
    /^found \(missing\); expected a server name other than restoreFrom's "grafana-db": the restored Cluster archives its WAL there/,
  ],
  [
    "a restore into the same server name",
    backup("restoreFrom: grafana-db, serverName: grafana-db"),
    `${P}.serverName`,
    /^found "grafana-db"; expected a server name other than restoreFrom's "grafana-db"/,
  ],
  ["a server name with a slash", backup("serverName: a/b"), `${P}.serverName`, /a server name \(a DNS-1123 label\)/],
  [
    "backups of an external database",
    `${BASE}grafana: { database: { type: external, host: db, secretName: s, backup: { destinationPath: 's3://b', secretName: s } } }\n`,
    `grafana.database.backup`,
    /^found .*; expected /,
  ],
];

describe("grafana.database.backup refused at its path", () => {
  it.each(CASES)("%s", (_what, text, path, message) => {
    const issues = issuesOf(text);
    const issue = issues.find((i) => i.path === path);
    expect(issue, `issues: ${JSON.stringify(issues)}`).toBeDefined();
    expect(`found ${issue!.found}; expected ${issue!.expected}`).toMatch(message);
    for (const i of issues) expect(i.line, i.path).toBeGreaterThan(0);
  });
});

describe("grafana.database.backup accepted", () => {
  it("fills in a daily schedule and a 30-day retention", () => {
    const { spec } = renderFromSpecText(backup("endpointURL: 'http://minio.storage:9000'"), "s.yaml");
    const db = spec.grafana.database;
    expect(db.type === "cloudnativepg" && db.backup).toEqual({
      destinationPath: "s3://b/p",
      secretName: "s",
      endpointURL: "http://minio.storage:9000",
      schedule: "0 0 3 * * *",
      retention: "30d",
    });
  });
  it.each(["gs://bucket/grafana", "https://account.blob.core.windows.net/container/grafana"])(
    "takes a %s destination",
    (path) => {
      const { spec } = renderFromSpecText(
        `${BASE}grafana: { database: { type: cloudnativepg, backup: { destinationPath: '${path}', secretName: s, schedule: '@daily', retention: 8w } } }\n`,
        "s.yaml",
      );
      const db = spec.grafana.database;
      expect(db.type === "cloudnativepg" && db.backup?.destinationPath).toBe(path);
    },
  );
  it("leaves backups off when the section is absent", () => {
    const { spec } = renderFromSpecText(BASE, "s.yaml");
    expect(spec.grafana.database.type === "cloudnativepg" && spec.grafana.database.backup).toBeUndefined();
  });
});
