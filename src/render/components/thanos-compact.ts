/**
 * Thanos Compactor: exactly one per bucket. Compaction "is generally not semantically concurrency
 * safe and must be deployed as a singleton against a bucket" (thanos.io/tip/components/compact.md);
 * a StatefulSet of one replica never runs two pods with the same identity at once. A Compactor
 * that is down only delays compaction; it catches up later, so it needs no replica and no PDB.
 */
import { Service } from "kubernetes-models/v1/Service";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import type { Spec } from "../../spec/schema.js";
import type { StackSizing } from "../../sizing/size-stack.js";
import { serviceMonitor, dataVolumeClaim } from "./common-objects.js";
import type { ComponentRender } from "../manifest.js";
import { podPlacement } from "../scheduling.js";
import { componentLabels, selectorLabels, stackNames } from "../stack-facts.js";
import { replicaLabels } from "./thanos-ruler.js";
import { HTTP_ADDRESS, objstoreConfig, thanosPodTemplate } from "./thanos-pod.js";
import { DEFAULT_PORTS } from "../../upstream/ports.js";

/** The Compactor's flags; exported because the audit and tests read them as the contract. */
export function thanosCompactArgs(spec: Spec, sizing: StackSizing): string[] {
  const { raw, fiveMinutes, oneHour } = spec.workload.longTermRetention;
  return [
    "compact",
    HTTP_ADDRESS,
    "--wait",
    "--wait-interval=5m",
    "--data-dir=/var/thanos/compact",
    objstoreConfig(spec).flag,
    `--retention.resolution-raw=${raw}`,
    `--retention.resolution-5m=${fiveMinutes}`,
    `--retention.resolution-1h=${oneHour}`,
    // HA pairs upload overlapping blocks that differ only in the replica label. Offline
    // deduplication of such data needs vertical compaction with the `penalty` function; the
    // default one-to-one merge only deduplicates identical samples (Receive replication)
    // (thanos.io/tip/components/compact.md#vertical-compaction-use-cases). The merge is
    // irreversible: Query still deduplicates on the same label for data not yet compacted.
    "--compact.enable-vertical-compaction",
    ...replicaLabels(spec, sizing).map((l) => `--deduplication.replica-label=${l}`),
    "--deduplication.func=penalty",
    "--delete-delay=48h",
  ];
}

export function renderThanosCompact(spec: Spec, sizing: StackSizing): ComponentRender {
  const names = stackNames(spec);
  const name = names.thanosCompact;
  const ns = names.namespace;
  const labels = componentLabels("thanos-compact", name);
  const selector = selectorLabels("thanos-compact", name);
  const objstore = objstoreConfig(spec);
  return {
    component: "thanos-compact",
    objects: [
      new StatefulSet({
        metadata: { name, namespace: ns, labels },
        spec: {
          replicas: 1,
          serviceName: name,
          selector: { matchLabels: selector },
          template: thanosPodTemplate(spec, {
            labels,
            args: thanosCompactArgs(spec, sizing),
            resources: sizing.thanosCompact.resources,
            grpc: false,
            placement: podPlacement(spec, "thanos-compact", selector),
            volumes: [objstore.volume],
            volumeMounts: [objstore.mount, { name: "data", mountPath: "/var/thanos/compact" }],
          }),
          volumeClaimTemplates: [dataVolumeClaim(spec, sizing.thanosCompact.storage)],
        },
      }),
      new Service({
        metadata: { name, namespace: ns, labels },
        spec: {
          clusterIP: "None",
          selector,
          ports: [{ name: "http", port: DEFAULT_PORTS.thanosHttp, targetPort: "http" }],
        },
      }),
      serviceMonitor({ name, namespace: ns, labels }, selector, ["http"]),
    ],
  };
}
