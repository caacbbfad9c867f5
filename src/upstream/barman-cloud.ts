/**
 * CloudNativePG's Barman Cloud plugin: WAL archiving and base backups of a `Cluster` to object
 * storage, the mechanism current for CloudNativePG ≥ 1.26 (the in-tree
 * `spec.backup.barmanObjectStore` is deprecated since 1.26 and removed in 1.32:
 * cloudnative-pg.io/docs/1.31/appendixes/backup_barmanobjectstore). Sources: the plugin's usage
 * page (cloudnative-pg.io/plugin-barman-cloud/docs/usage/), its parameters page, and its CRD
 * (github.com/cloudnative-pg/plugin-barman-cloud config/crd/bases/barmancloud.cnpg.io_objectstores.yaml).
 */

/** The plugin's name in a Cluster's `spec.plugins[]` and a ScheduledBackup's `pluginConfiguration`. */
export const BARMAN_CLOUD_PLUGIN = "barman-cloud.cloudnative-pg.io";

/** The API of its `ObjectStore` custom resource. */
export const OBJECT_STORE_API_VERSION = "barmancloud.cnpg.io/v1";
export const OBJECT_STORE_KIND = "ObjectStore";

/** The plugin parameter naming the ObjectStore a Cluster archives to (the plugin's parameters page). */
export const OBJECT_STORE_PARAMETER = "barmanObjectName";
/**
 * The plugin parameter naming the server, the folder under `destinationPath` (default: the
 * Cluster's name); it belongs on the Cluster, never on the ObjectStore (the CRD forbids
 * `configuration.serverName`).
 */
export const SERVER_NAME_PARAMETER = "serverName";

/**
 * `spec.retentionPolicy`: "expressed in the form of `XXu` where `XX` is a positive integer and `u`
 * is in `[dwm]` - days, weeks, months" (the CRD's pattern `^[1-9][0-9]*[dwm]$`).
 */
export const RETENTION_POLICY_PATTERN = /^[1-9][0-9]*[dwm]$/;

/**
 * ScheduledBackup `schedule`: Go cron syntax with seconds first, six fields ("0 0 2 * * *" is
 * 02:00 every day), unlike the five-field crontab of a Kubernetes CronJob
 * (cloudnative-pg.io/documentation/current/backup/#scheduled-backups), or a predefined
 * descriptor of robfig/cron such as @daily.
 */
export function isBackupSchedule(text: string): boolean {
  if (/^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(text)) return true;
  const fields = text.trim().split(/\s+/);
  return fields.length === 6 && fields.every((f) => /^[0-9A-Za-z*/,?-]+$/.test(f));
}

/** The object stores barman-cloud writes to, told apart by the destination path's scheme (CRD `destinationPath`, "i.e. s3://bucket/path/to/folder"). */
export type ObjectStoreProvider = "s3" | "google" | "azure";

/**
 * The provider of a destination path: `s3://bucket[/path]` (AWS S3 and S3-compatible stores),
 * `gs://bucket[/path]` (Google Cloud Storage), `https://<account>.<service>.core.windows.net/<container>[/path]`
 * (Azure Blob Storage); undefined for anything else (cloudnative-pg.io/documentation/current/appendixes/object_stores/).
 */
export function objectStoreProvider(destinationPath: string): ObjectStoreProvider | undefined {
  if (/^s3:\/\/[^/\s]+(\/\S*)?$/.test(destinationPath)) return "s3";
  if (/^gs:\/\/[^/\s]+(\/\S*)?$/.test(destinationPath)) return "google";
  if (/^https:\/\/[a-z0-9]+\.[a-z]+\.core\.windows\.net\/[^/\s]+(\/\S*)?$/.test(destinationPath)) return "azure";
  return undefined;
}

/**
 * The keys hamon expects in the credentials Secret, per provider, and the `spec.configuration`
 * field of the ObjectStore that references them (CRD: s3Credentials.accessKeyId/secretAccessKey,
 * googleCredentials.applicationCredentials, azureCredentials.connectionString). The key names
 * follow the plugin's and CloudNativePG's examples.
 */
export const CREDENTIAL_KEYS = {
  s3: { ACCESS_KEY_ID: "the access key id", ACCESS_SECRET_KEY: "the secret access key" },
  google: { APPLICATION_CREDENTIALS: "the service account's JSON key" },
  azure: { AZURE_CONNECTION_STRING: "the storage account's connection string" },
} as const satisfies Record<ObjectStoreProvider, Record<string, string>>;

/** The `spec.configuration` credentials block of an ObjectStore for `provider`, every value a reference to a key of the Secret `secret`. */
export function objectStoreCredentials(provider: ObjectStoreProvider, secret: string): Record<string, unknown> {
  const ref = (key: string) => ({ name: secret, key });
  switch (provider) {
    case "s3":
      return { s3Credentials: { accessKeyId: ref("ACCESS_KEY_ID"), secretAccessKey: ref("ACCESS_SECRET_KEY") } };
    case "google":
      return { googleCredentials: { applicationCredentials: ref("APPLICATION_CREDENTIALS") } };
    case "azure":
      return { azureCredentials: { connectionString: ref("AZURE_CONNECTION_STRING") } };
  }
}
