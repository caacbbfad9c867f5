/**
 * The namespace, PriorityClasses and StorageClass that every other component stands on.
 */
import { Namespace } from "kubernetes-models/v1/Namespace";
import { PriorityClass } from "kubernetes-models/scheduling.k8s.io/v1/PriorityClass";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1/StorageClass";
import type { Spec } from "../../spec/schema.js";
import type { ComponentRender, Manifest } from "../manifest.js";
import { PRIORITY_CRITICAL, PRIORITY_HIGH } from "../scheduling.js";
import { componentLabels } from "../stack-facts.js";
import { features } from "../../spec/features.js";

/**
 * PriorityClass values: user classes may go up to 1,000,000,000; system-cluster-critical and
 * system-node-critical sit above (kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/).
 * Monitoring must outrank ordinary workloads (priority 0) so that it is not the one preempted
 * when a node pool runs short, but stay below the system classes.
 */
export const PRIORITY_VALUES = { [PRIORITY_CRITICAL]: 1_000_000, [PRIORITY_HIGH]: 900_000 } as const;

export function renderPlatform(spec: Spec): ComponentRender {
  const labels = componentLabels("platform", "hamon");
  const objects: Manifest[] = [
    new Namespace({
      metadata: {
        name: spec.namespace,
        labels: {
          ...labels,
          // Pod Security admission enforces "restricted" on the whole namespace
          // (kubernetes.io/docs/concepts/security/pod-security-admission/).
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/audit": "restricted",
          "pod-security.kubernetes.io/warn": "restricted",
        },
      },
    }),
    new StorageClass({
      metadata: { name: spec.storage.className, labels },
      provisioner: spec.storage.provisioner,
      ...(Object.keys(spec.storage.parameters).length > 0 ? { parameters: { ...spec.storage.parameters } } : {}),
      // A zonal volume must be created in the zone the scheduler picks for its pod; Immediate
      // binding picks the zone first and can strand the pod
      // (kubernetes.io/docs/concepts/storage/storage-classes/#volume-binding-mode).
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
      // Monitoring history outlives an accidental `kubectl delete`: keep the disk.
      reclaimPolicy: "Retain",
    }),
  ];
  if (features(spec).priorityClasses) {
    objects.push(
      new PriorityClass({
        metadata: { name: PRIORITY_CRITICAL, labels },
        value: PRIORITY_VALUES[PRIORITY_CRITICAL],
        globalDefault: false,
        description: "hamon: Prometheus and Alertmanager, the alerting path. Outranks ordinary workloads.",
      }),
      new PriorityClass({
        metadata: { name: PRIORITY_HIGH, labels },
        value: PRIORITY_VALUES[PRIORITY_HIGH],
        globalDefault: false,
        description: "hamon: Thanos, Grafana and their databases. Outranks ordinary workloads.",
      }),
    );
  }
  return { component: "platform", objects };
}
