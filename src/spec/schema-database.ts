/** The spec's Grafana database section: CloudNativePG (with its backups) or an external PostgreSQL or MySQL. */
import * as z from "zod";
import { configMapKeyProblems, JSON_SCHEMA } from "../k8s/name-validation.js";
import { HostPort } from "./host-port.js";
import { DEFAULT_PORTS } from "../upstream/ports.js";
import { VERSIONS } from "../upstream/versions.js";
import {
  CREDENTIAL_KEYS,
  isBackupSchedule,
  objectStoreProvider,
  RETENTION_POLICY_PATTERN,
} from "../upstream/barman-cloud.js";
import {
  STORAGE,
  quantityText,
  apiString,
  dnsLabel,
  secretName,
  imageTag,
  replicas,
  httpUrlText,
} from "./schema-fields.js";

/** Backups of the CloudNativePG database to object storage, through the Barman Cloud plugin (src/upstream/barman-cloud.ts). */
export const databaseBackup = z
  .strictObject({
    destinationPath: z
      .string()
      .refine((p) => objectStoreProvider(p) !== undefined, {
        message:
          "an object storage path: s3://bucket/path (S3 or S3-compatible), gs://bucket/path (Google Cloud Storage) or https://<account>.blob.core.windows.net/<container>/path (Azure)",
      })
      .meta({ examples: ["s3://prod-eu-grafana-backups/grafana-db"] })
      .describe(
        "Where base backups and the WAL archive go. Use a bucket or folder of its own: the retention deletes what is older there.",
      ),
    endpointURL: httpUrlText("https://minio.example.com:9000")
      .optional()
      .describe(
        "Endpoint of an S3-compatible store (MinIO, Ceph, R2, …); its port is the one the NetworkPolicies open. Default: the provider's own endpoint, on 443.",
      ),
    secretName: secretName.describe(
      `Secret you create in the stack's namespace with the object storage credentials, by destination: s3:// keys ${Object.keys(CREDENTIAL_KEYS.s3).join(", ")}; gs:// key ${Object.keys(CREDENTIAL_KEYS.google).join(", ")}; Azure key ${Object.keys(CREDENTIAL_KEYS.azure).join(", ")}. hamon only references it.`,
    ),
    schedule: z
      .string()
      .refine(isBackupSchedule, {
        message:
          'a six-field cron schedule with seconds first, such as "0 0 3 * * *" (03:00 every day), or @daily: CloudNativePG\'s ScheduledBackup format, not the five-field crontab one',
      })
      .default("0 0 3 * * *")
      .describe('When base backups run (cron with seconds first, in UTC). Default "0 0 3 * * *": daily at 03:00.'),
    retention: z
      .string()
      .regex(RETENTION_POLICY_PATTERN, {
        message: "a retention such as 30d, 8w or 6m (a whole number of days, weeks or months)",
      })
      .default("30d")
      .describe(
        "How far back a restore can go: base backups and WAL older than the newest backup needed for this window are deleted. Default 30d.",
      ),
    serverName: dnsLabel("a server name")
      .optional()
      .describe(
        "Folder of this Cluster's WAL archive and base backups under destinationPath. Default: the Cluster's name (grafana-db). Give a new one with restoreFrom: barman-cloud archives only into a folder that holds no archive yet.",
      ),
    restoreFrom: dnsLabel("a server name")
      .optional()
      .describe(
        "Restore: create the Cluster from the backups under this server name (e.g. grafana-db), replaying its WAL archive to the end, instead of an empty database. Read only when the Cluster is created (docs/backups.md). Default: none.",
      ),
  })
  .superRefine((b, ctx) => {
    if (b.restoreFrom !== undefined && (b.serverName === undefined || b.serverName === b.restoreFrom))
      ctx.addIssue({
        code: "custom",
        path: ["serverName"],
        message: `a server name other than restoreFrom's "${b.restoreFrom}": the restored Cluster archives its WAL there, and barman-cloud refuses a folder that already holds an archive`,
        input: b.serverName,
      });
  })
  .describe(
    "Continuous backups of Grafana's database (WAL archiving plus scheduled base backups) to object storage through CloudNativePG's Barman Cloud plugin; restore: docs/backups.md. Default: none.",
  );

export const cloudNativePgDatabase = z.strictObject({
  type: z.literal("cloudnativepg").describe("A CloudNativePG `Cluster` rendered with the stack."),
  instances: replicas(
    2,
    3,
    "PostgreSQL instances (one primary, the rest streaming replicas), spread one per zone, so at most one per zone. With 2, a zone loss leaves the primary or a promoted replica alone, without a standby until the zone returns.",
  ),
  storageSize: quantityText("10Gi", STORAGE).prefault("10Gi").describe("Volume per instance. Default 10Gi."),
  imageTag: imageTag(
    VERSIONS.postgresql.tag,
    `PostgreSQL image tag of ${VERSIONS.postgresql.image}. Default ${VERSIONS.postgresql.tag} (docs/versions.md).`,
  ),
  backup: databaseBackup.optional(),
});

/**
 * The database engines Grafana HA supports besides SQLite, and each one's default port
 * (grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#database: `type` is mysql,
 * postgres or sqlite3; `host` defaults to port 3306 for MySQL and 5432 for PostgreSQL).
 */
export const DATABASE_ENGINES = { postgres: DEFAULT_PORTS.postgres, mysql: DEFAULT_PORTS.mysql } as const;

export const externalDatabase = z
  .strictObject({
    type: z.literal("external").describe("A PostgreSQL or MySQL server that you run elsewhere, by reference."),
    engine: z
      .enum(["postgres", "mysql"])
      .default("postgres")
      .describe("postgres or mysql, the two shared databases Grafana HA supports. Default postgres."),
    host: z
      .string()
      .meta({ examples: ["postgres.example.com:5432"] })
      .describe(
        `hostname[:port] of the database server; port ${DEFAULT_PORTS.postgres} (postgres) or ${DEFAULT_PORTS.mysql} (mysql) when left out. Grafana connects to it and the NetworkPolicies allow exactly that port.`,
      ),
    name: z.string().min(1).default("grafana").describe("Database name. Default grafana."),
    secretName: secretName.describe("Secret with keys `username` and `password` for Grafana's database user."),
    sslMode: z
      .enum(["disable", "require", "verify-full"])
      .default("require")
      .describe(
        "disable, require (encrypted, the server's certificate not checked) or verify-full (encrypted and checked against `caSecret`, or the image's CAs). For mysql hamon writes Grafana's equivalents false, skip-verify and true. Default require.",
      ),
    caSecret: z
      .strictObject({
        secretName: secretName.describe(
          "Secret holding the CA certificate that signed the database server's certificate.",
        ),
        key: apiString("a key of a Secret's data", configMapKeyProblems, JSON_SCHEMA.configMapKey)
          .default("ca.crt")
          .describe("Key of the PEM CA certificate. Default ca.crt."),
      })
      .optional()
      .describe(
        "CA certificate for sslMode verify-full, by reference: mounted read-only in Grafana and given as `[database] ca_cert_path`. Default: none (the image's CAs).",
      ),
  })
  // The host's port defaults to its engine's, so the address is checked with the engine known.
  .superRefine((db, ctx) => {
    let address: HostPort;
    try {
      address = HostPort.parse(db.host, DATABASE_ENGINES[db.engine]);
    } catch (e) {
      ctx.addIssue({ code: "custom", path: ["host"], message: (e as RangeError).message, input: db.host });
      return;
    }
    if (address.isLoopback()) {
      ctx.addIssue({
        code: "custom",
        path: ["host"],
        message:
          "the address of a server every Grafana replica shares: a loopback address (localhost, 127.x, ::1) is inside each Grafana pod, so each replica would keep its own users, dashboards and alert rules",
        input: db.host,
      });
    }
  });

/** Grafana's shared database, with the external server's address parsed for its engine's default port. */
export const grafanaDatabase = z
  .discriminatedUnion("type", [cloudNativePgDatabase, externalDatabase])
  .transform((db) =>
    db.type === "external" ? { ...db, host: HostPort.parse(db.host, DATABASE_ENGINES[db.engine]) } : db,
  );
