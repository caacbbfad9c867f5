/**
 * The volume source fields of a core/v1 Volume (k8s.io/api core/v1 types.go, VolumeSource; the
 * API reference's Volume page). A key outside this list (e.g. `configmap:` for `configMap:`) is
 * not a volume source: the API server drops or rejects an unknown field (strict field validation
 * warns or fails), and a volume left with no source is defaulted to emptyDir (SetDefaults_Volume).
 */
export const VOLUME_SOURCE_FIELDS: ReadonlySet<string> = new Set([
  "hostPath",
  "emptyDir",
  "gcePersistentDisk",
  "awsElasticBlockStore",
  "gitRepo",
  "secret",
  "nfs",
  "iscsi",
  "glusterfs",
  "persistentVolumeClaim",
  "rbd",
  "flexVolume",
  "cinder",
  "cephfs",
  "flocker",
  "downwardAPI",
  "fc",
  "azureFile",
  "configMap",
  "vsphereVolume",
  "quobyte",
  "azureDisk",
  "photonPersistentDisk",
  "projected",
  "portworxVolume",
  "scaleIO",
  "storageos",
  "csi",
  "ephemeral",
  "image",
]);
