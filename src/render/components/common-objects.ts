/**
 * Objects every replicated component has in the same shape: its PodDisruptionBudget, its
 * ServiceMonitor, and the PVC template of a StatefulSet on the hamon StorageClass.
 */
import type { IPersistentVolumeClaim } from "kubernetes-models/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import type { Spec } from "../../spec/schema.js";
import type { Quantity } from "../../units/quantity.js";

interface Meta {
  name: string;
  namespace: string;
  labels: Record<string, string>;
}

/**
 * `maxUnavailable: 1`: a drain may always evict one pod of the set, never two at once. A PDB that
 * allows no disruption (minAvailable = replicas) blocks node drains forever
 * (kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions).
 */
export function oneAtATimePdb(meta: Meta, selector: Record<string, string>): PodDisruptionBudget {
  return new PodDisruptionBudget({ metadata: meta, spec: { maxUnavailable: 1, selector: { matchLabels: selector } } });
}

/** Scrapes the named ports of the Services that carry `serviceLabels`. */
export function serviceMonitor(meta: Meta, serviceLabels: Record<string, string>, ports: string[]): ServiceMonitor {
  return new ServiceMonitor({
    metadata: meta,
    spec: { selector: { matchLabels: serviceLabels }, endpoints: ports.map((port) => ({ port })) },
  });
}

/** A StatefulSet volumeClaimTemplate named `data` on the hamon StorageClass. */
export function dataVolumeClaim(spec: Spec, size: Quantity): Omit<IPersistentVolumeClaim, "apiVersion" | "kind"> {
  return {
    metadata: { name: "data" },
    spec: {
      storageClassName: spec.storage.className,
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: size.toBytesString() } },
    },
  };
}
