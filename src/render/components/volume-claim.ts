import type { IEmbeddedPersistentVolumeClaim } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/EmbeddedPersistentVolumeClaim";
import type { Quantity } from "../../units/quantity.js";

/**
 * A PVC template on the hamon StorageClass for the Operator CRs' `storage.volumeClaimTemplate`.
 * apiVersion/kind are left out, as the CRD allows: the generated model marks them required
 * (see withModelQuirksFilled in manifest.ts), hence the cast.
 */
export function operatorVolumeClaim(storageClassName: string, size: Quantity): IEmbeddedPersistentVolumeClaim {
  return {
    spec: {
      storageClassName,
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: size.toBytesString() } },
    },
  } as unknown as IEmbeddedPersistentVolumeClaim;
}
