/**
 * StorageClasses and whether their volumes are zonal. Block-storage CSI drivers and their in-tree
 * predecessors create a disk in one zone and the pod must run there
 * (kubernetes.io/docs/concepts/storage/storage-classes/#volume-binding-mode: "Immediate mode …
 * volumes … will be bound or provisioned without knowledge of the Pod's scheduling requirements";
 * AWS EBS: docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html; GCE PD:
 * cloud.google.com/kubernetes-engine/docs/how-to/persistent-volumes/gce-pd-csi-driver; Azure Disk:
 * learn.microsoft.com/azure/aks/azure-disk-csi). A regional PD (`replication-type: regional-pd`)
 * spans two zones and counts as not zonal here.
 */
import type { InventoryObject, StorageClassInfo } from "./model.js";
import { asString, asStringMap } from "../k8s/json.js";

export const ZONAL_PROVISIONERS: ReadonlySet<string> = new Set([
  "ebs.csi.aws.com",
  "kubernetes.io/aws-ebs",
  "pd.csi.storage.gke.io",
  "kubernetes.io/gce-pd",
  "disk.csi.azure.com",
  "kubernetes.io/azure-disk",
  "cinder.csi.openstack.org",
  "kubernetes.io/cinder",
  "diskplugin.csi.alibabacloud.com",
  "dobs.csi.digitalocean.com",
  "csi.vsphere.vmware.com",
  "vpc.block.csi.ibm.io",
  "blockvolume.csi.oraclecloud.com",
  "csi.hetzner.cloud",
  "csi.scaleway.com",
  "linodebs.csi.linode.com",
  // Node-local volumes: pinned to one node, hence to its zone.
  "kubernetes.io/no-provisioner",
  "rancher.io/local-path",
  "topolvm.io",
  "local.csi.openebs.io",
]);

export const DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

export function storageClassInfo(object: InventoryObject): StorageClassInfo {
  const provisioner = asString(object.raw.provisioner) ?? "";
  const parameters = asStringMap(object.raw.parameters);
  const regional = Object.entries(parameters).some(
    ([k, v]) => k.toLowerCase() === "replication-type" && v.toLowerCase().includes("regional"),
  );
  return {
    object,
    name: object.ref.name,
    provisioner,
    // The API default is Immediate (kubernetes.io/docs/concepts/storage/storage-classes/#volume-binding-mode).
    volumeBindingMode: object.raw.volumeBindingMode === "WaitForFirstConsumer" ? "WaitForFirstConsumer" : "Immediate",
    zonal: ZONAL_PROVISIONERS.has(provisioner) && !regional,
  };
}

export function isDefaultStorageClass(info: StorageClassInfo): boolean {
  const a = asStringMap((info.object.raw.metadata as Record<string, unknown> | undefined)?.annotations);
  return a[DEFAULT_CLASS_ANNOTATION] === "true";
}
