/**
 * Backups of Grafana's database, asserted on the rendered objects: the Cluster archives WAL
 * through the Barman Cloud plugin to the ObjectStore, a ScheduledBackup takes base backups with
 * the spec's schedule, the ObjectStore keeps the spec's retention and only references the
 * credentials, and the PostgreSQL pods may reach the object storage.
 */
import { describe, expect, it } from "vitest";
import { Cluster } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster";
import { ScheduledBackup } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/ScheduledBackup";
import { exampleStack, exampleVariant } from "../../../test/support/example-stack.js";
import type { Json, RenderedView } from "../../../test/support/rendered.js";
import { BARMAN_CLOUD_PLUGIN, OBJECT_STORE_PARAMETER } from "../../upstream/barman-cloud.js";
import { objectStoreProblems, type ObjectStoreSpec } from "./object-store.js";
import { COMPONENT_LABEL } from "../../vocabulary.js";

const example = exampleStack().view;
const withoutBackup = exampleVariant((yaml) => yaml.replace(/ {4}backup:.*\n( {6}.*\n)+/, "")).view;

/** Egress ports of the PostgreSQL pods' NetworkPolicy towards any address outside the cluster. */
function externalEgressPorts(v: RenderedView): number[] {
  const policy = v.one("NetworkPolicy", "allow-postgresql");
  return (policy.spec.egress as Json[])
    .filter((r) => (r.to as Json[] | undefined)?.some((p) => p.ipBlock?.cidr === "0.0.0.0/0"))
    .flatMap((r) => (r.ports as Json[]).map((p) => p.port as number))
    .sort((a, b) => a - b);
}

describe("the example's database backups", () => {
  const cluster = example.one("Cluster", "grafana-db");
  const store = example.one("ObjectStore", "grafana-db-backups");
  const scheduled = example.one("ScheduledBackup", "grafana-db");

  it("make the plugin the Cluster's WAL archiver, writing to the rendered ObjectStore", () => {
    expect(cluster.spec.plugins).toEqual([
      { name: BARMAN_CLOUD_PLUGIN, isWALArchiver: true, parameters: { [OBJECT_STORE_PARAMETER]: store.metadata.name } },
    ]);
    // The in-tree mechanism, deprecated since CloudNativePG 1.26, is not used.
    expect(cluster.spec.backup).toBeUndefined();
    expect(() => new Cluster(cluster as never).validate()).not.toThrow();
  });

  it("schedule base backups of that Cluster through the plugin, with the spec's schedule", () => {
    expect(scheduled.spec).toMatchObject({
      cluster: { name: cluster.metadata.name },
      schedule: "0 0 3 * * *",
      method: "plugin",
      pluginConfiguration: { name: BARMAN_CLOUD_PLUGIN },
      immediate: true,
    });
    expect(() => new ScheduledBackup(scheduled as never).validate()).not.toThrow();
  });

  it("keep the spec's destination and retention, and reference the credentials without holding any", () => {
    expect(store.apiVersion).toBe("barmancloud.cnpg.io/v1");
    expect(store.metadata.namespace).toBe(cluster.metadata.namespace);
    expect(store.spec.retentionPolicy).toBe("30d");
    expect(store.spec.configuration.destinationPath).toBe("s3://prod-eu-grafana-backups/grafana-db");
    expect(store.spec.configuration.s3Credentials).toEqual({
      accessKeyId: { name: "grafana-db-backup", key: "ACCESS_KEY_ID" },
      secretAccessKey: { name: "grafana-db-backup", key: "ACCESS_SECRET_KEY" },
    });
    expect(objectStoreProblems(store.spec as ObjectStoreSpec)).toEqual([]);
    // hamon writes no Secret for it.
    expect(example.byKind("Secret").map((s) => s.metadata.name)).not.toContain("grafana-db-backup");
  });

  it("are objects of the postgresql component, in its folder", () => {
    const folder = example.folders.find((f) => f.folder === "postgresql")!;
    expect(folder.objects.map((o) => o.kind)).toEqual(["Cluster", "PodMonitor", "ObjectStore", "ScheduledBackup"]);
    expect(store.metadata.labels[COMPONENT_LABEL]).toBe("postgresql");
  });

  it("let the PostgreSQL pods reach the object storage on 443, and an S3-compatible endpoint on its own port", () => {
    expect(externalEgressPorts(example)).toContain(443);
    const minio = exampleVariant((yaml) =>
      yaml.replace(
        "      retention: 30d\n",
        "      retention: 30d\n      endpointURL: http://minio.storage.svc:9000\n",
      ),
    ).view;
    expect(minio.one("ObjectStore", "grafana-db-backups").spec.configuration.endpointURL).toBe(
      "http://minio.storage.svc:9000",
    );
    expect(externalEgressPorts(minio)).toContain(9000);
    expect(externalEgressPorts(minio)).not.toContain(80);
  });
});

describe("a restore (restoreFrom)", () => {
  const restored = exampleVariant((yaml) =>
    yaml.replace(
      "      retention: 30d\n",
      "      retention: 30d\n      restoreFrom: grafana-db\n      serverName: grafana-db-2\n",
    ),
  ).view;
  const cluster = restored.one("Cluster", "grafana-db");

  it("creates the Cluster from the old server's backups instead of an empty database", () => {
    expect(cluster.spec.bootstrap).toEqual({ recovery: { source: "backups", database: "grafana", owner: "grafana" } });
    expect(cluster.spec.externalClusters).toEqual([
      {
        name: "backups",
        plugin: {
          name: BARMAN_CLOUD_PLUGIN,
          parameters: { [OBJECT_STORE_PARAMETER]: "grafana-db-backups", serverName: "grafana-db" },
        },
      },
    ]);
    expect(() => new Cluster(cluster as never).validate()).not.toThrow();
  });

  it("archives the restored Cluster under its new server name", () => {
    expect(cluster.spec.plugins[0].parameters).toEqual({
      [OBJECT_STORE_PARAMETER]: "grafana-db-backups",
      serverName: "grafana-db-2",
    });
  });

  it("is absent from the example, which starts from an empty database", () => {
    expect(example.one("Cluster", "grafana-db").spec.bootstrap).toEqual({
      initdb: { database: "grafana", owner: "grafana" },
    });
    expect(example.one("Cluster", "grafana-db").spec.externalClusters).toBeUndefined();
  });
});

describe("a database without backups", () => {
  it("renders no ObjectStore, no ScheduledBackup, no plugin and no egress for them", () => {
    expect(withoutBackup.byKind("ObjectStore")).toEqual([]);
    expect(withoutBackup.byKind("ScheduledBackup")).toEqual([]);
    expect(withoutBackup.one("Cluster", "grafana-db").spec.plugins).toBeUndefined();
    const backupFlow = (withoutBackup.one("NetworkPolicy", "allow-postgresql").spec.egress as Json[]).length;
    const withFlow = (example.one("NetworkPolicy", "allow-postgresql").spec.egress as Json[]).length;
    expect(withFlow - backupFlow).toBe(1);
  });
});

describe("the ObjectStore's CRD rules", () => {
  const valid: ObjectStoreSpec = {
    retentionPolicy: "30d",
    configuration: {
      destinationPath: "s3://b/p",
      s3Credentials: { accessKeyId: { name: "s", key: "A" }, secretAccessKey: { name: "s", key: "B" } },
    },
  };
  it("accept a valid spec", () => {
    expect(objectStoreProblems(valid)).toEqual([]);
  });
  it.each([
    [
      "a serverName",
      { ...valid, configuration: { ...valid.configuration, serverName: "x" } },
      /serverName is forbidden/,
    ],
    ["a retention in hours", { ...valid, retentionPolicy: "48h" }, /retentionPolicy 48h does not match/],
    ["no destination", { ...valid, configuration: { ...valid.configuration, destinationPath: "" } }, /destinationPath/],
    [
      "a credential given as a value",
      {
        ...valid,
        configuration: {
          ...valid.configuration,
          s3Credentials: { accessKeyId: "AKIA…", secretAccessKey: { name: "s", key: "B" } },
        },
      },
      /accessKeyId must be a \{name, key\} Secret reference/,
    ],
    [
      "no credentials",
      { ...valid, configuration: { destinationPath: "s3://b" } },
      /exactly one of s3Credentials, googleCredentials, azureCredentials/,
    ],
    [
      "an unknown compression",
      { ...valid, configuration: { ...valid.configuration, wal: { compression: "zip" } } },
      /wal\.compression zip/,
    ],
  ])("refuse %s", (_what, spec, problem) => {
    expect(objectStoreProblems(spec as ObjectStoreSpec).join("; ")).toMatch(problem);
  });
});
