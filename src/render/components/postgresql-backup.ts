/**
 * Backups of Grafana's CloudNativePG database through the Barman Cloud plugin
 * (cloudnative-pg.io/plugin-barman-cloud/docs/usage/): an `ObjectStore` with the destination, the
 * credentials by reference and the retention; the Cluster's `spec.plugins` entry that makes the
 * plugin its WAL archiver; and a `ScheduledBackup` with `method: plugin` for the base backups.
 * WAL archiving starts as soon as the Cluster names the plugin; base backups plus archived WAL
 * allow a point-in-time restore within the retention window (docs/backups.md).
 */
import { ScheduledBackup } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/ScheduledBackup";
import type { IPluginConfiguration } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/PluginConfiguration";
import type { IBootstrapConfiguration } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/BootstrapConfiguration";
import type { IExternalCluster } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/ExternalCluster";
import type { DatabaseBackupSpec } from "../../spec/schema.js";
import type { Manifest } from "../manifest.js";
import {
  BARMAN_CLOUD_PLUGIN,
  OBJECT_STORE_PARAMETER,
  SERVER_NAME_PARAMETER,
  objectStoreCredentials,
  objectStoreProvider,
} from "../../upstream/barman-cloud.js";
import { ObjectStore, type ObjectStoreSpec } from "./object-store.js";

/** The ObjectStore of the Cluster `cluster`. */
export const backupObjectStoreName = (cluster: string): string => `${cluster}-backups`;

/**
 * The Cluster's `spec.plugins` entry: the plugin archives WAL to the ObjectStore, under the
 * server name `serverName` when given, else the Cluster's name (the plugin's usage and parameters pages).
 */
export function backupPlugin(cluster: string, backup: DatabaseBackupSpec): IPluginConfiguration {
  return {
    name: BARMAN_CLOUD_PLUGIN,
    isWALArchiver: true,
    parameters: {
      [OBJECT_STORE_PARAMETER]: backupObjectStoreName(cluster),
      ...(backup.serverName !== undefined ? { [SERVER_NAME_PARAMETER]: backup.serverName } : {}),
    },
  };
}

/** The external cluster a restore reads from, by this name in `bootstrap.recovery.source`. */
export const RESTORE_SOURCE = "backups";

/**
 * With `restoreFrom`: the Cluster's `bootstrap.recovery` and `externalClusters` that create it from
 * the newest base backup of that server and replay its WAL archive to the end (the plugin's usage
 * page, "Restoring a Cluster"; cloudnative-pg.io/documentation/current/recovery/). Undefined otherwise.
 */
export function restoreBootstrap(
  cluster: string,
  backup: DatabaseBackupSpec | undefined,
  app: { database: string; owner: string },
): { bootstrap: IBootstrapConfiguration; externalClusters: IExternalCluster[] } | undefined {
  if (backup?.restoreFrom === undefined) return undefined;
  return {
    bootstrap: { recovery: { source: RESTORE_SOURCE, ...app } },
    externalClusters: [
      {
        name: RESTORE_SOURCE,
        plugin: {
          name: BARMAN_CLOUD_PLUGIN,
          parameters: {
            [OBJECT_STORE_PARAMETER]: backupObjectStoreName(cluster),
            [SERVER_NAME_PARAMETER]: backup.restoreFrom,
          },
        },
      },
    ],
  };
}

interface BackupObjectsInput {
  cluster: string;
  namespace: string;
  labels: Record<string, string>;
  backup: DatabaseBackupSpec;
}

/** The ObjectStore and the ScheduledBackup; the Cluster adds `backupPlugin(cluster)`. */
export function backupObjects({ cluster, namespace, labels, backup }: BackupObjectsInput): Manifest[] {
  const provider = objectStoreProvider(backup.destinationPath);
  // The schema admits only destinations with a known provider.
  if (provider === undefined) throw new Error(`hamon bug: no object store provider for ${backup.destinationPath}`);
  const configuration = {
    destinationPath: backup.destinationPath,
    ...(backup.endpointURL !== undefined ? { endpointURL: backup.endpointURL } : {}),
    ...objectStoreCredentials(provider, backup.secretName),
    // Compressed WAL and base backups: less to upload and to keep (the CRD's `wal`/`data` compression).
    wal: { compression: "gzip" },
    data: { compression: "gzip" },
  } as ObjectStoreSpec["configuration"];
  return [
    new ObjectStore({
      metadata: { name: backupObjectStoreName(cluster), namespace, labels },
      // The plugin applies the retention policy itself, to base backups and WAL alike (the
      // retention lives on the ObjectStore, not on the Cluster: the plugin's migration page).
      spec: { retentionPolicy: backup.retention, configuration },
    }),
    new ScheduledBackup({
      metadata: { name: cluster, namespace, labels },
      spec: {
        cluster: { name: cluster },
        schedule: backup.schedule,
        method: "plugin",
        pluginConfiguration: { name: BARMAN_CLOUD_PLUGIN },
        // A first base backup as soon as the ScheduledBackup exists: without one the WAL
        // archive alone restores nothing.
        immediate: true,
        // Backups belong to the ScheduledBackup: deleting it deletes their Backup objects, never
        // the files in the bucket (the retention policy prunes those).
        backupOwnerReference: "self",
        // Read from a standby when there is one, so the primary keeps its I/O for Grafana.
        target: "prefer-standby",
      },
    }),
  ];
}
