/** The spec's version defaults are the tags of the versions table (src/upstream/versions.ts), not copies of them. */
import { describe, expect, it } from "vitest";
import { loadSpec } from "./load.js";
import { VERSIONS } from "../upstream/versions.js";

describe("the spec's versions", () => {
  it("default to the versions table", () => {
    const { spec } = loadSpec("cluster: { name: c, zones: [a] }\nstorage: { provisioner: p }\n", "s.yaml");
    const db = spec.grafana.database;
    expect([
      spec.prometheus.version,
      spec.alertmanager.version,
      spec.thanos.version,
      spec.grafana.version,
      spec.grafana.redis.version,
      db.type === "cloudnativepg" ? db.imageTag : "",
    ]).toEqual([
      VERSIONS.prometheus.tag,
      VERSIONS.alertmanager.tag,
      VERSIONS.thanos.tag,
      VERSIONS.grafana.tag,
      VERSIONS.redis.tag,
      VERSIONS.postgresql.tag,
    ]);
  });
});
