/**
 * Thanos Store Gateway: one StatefulSet per shard, each shard a hashmod slice of the bucket's
 * blocks (thanos.io/tip/thanos/sharding.md#store-gateway), each with `replicas` pods so that a
 * lost pod never loses a slice. One headless Service over all shards lets Query discover every
 * pod by DNS SRV.
 */
import { Service } from "kubernetes-models/v1/Service";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import type { Spec } from "../../spec/schema.js";
import type { StackSizing } from "../../sizing/size-stack.js";
import { oneAtATimePdb, serviceMonitor, dataVolumeClaim } from "./common-objects.js";
import type { ComponentRender, Manifest } from "../manifest.js";
import { podPlacement } from "../scheduling.js";
import { componentLabels, selectorLabels, stackNames } from "../stack-facts.js";
import { GRPC_ADDRESS, HTTP_ADDRESS, objstoreConfig, thanosPodTemplate } from "./thanos-pod.js";
import { DEFAULT_PORTS } from "../../upstream/ports.js";

export const STORE_SHARD_LABEL = "hamon.io/store-shard";

/** Keeps the blocks whose ID hashes to this shard (Prometheus relabel syntax on the `__block_id` meta label). */
export function storeShardSelector(shard: number, shards: number): object[] {
  return [
    { action: "hashmod", source_labels: ["__block_id"], target_label: "shard", modulus: shards },
    { action: "keep", source_labels: ["shard"], regex: String(shard) },
  ];
}

export function renderThanosStore(spec: Spec, sizing: StackSizing): ComponentRender {
  const names = stackNames(spec);
  const ns = names.namespace;
  const { shards, replicas } = spec.thanos.store;
  const allLabels = componentLabels("thanos-store", names.thanosStore);
  const objstore = objstoreConfig(spec);
  const objects: Manifest[] = [
    new Service({
      metadata: { name: names.thanosStore, namespace: ns, labels: allLabels },
      spec: {
        clusterIP: "None",
        selector: { "app.kubernetes.io/name": "thanos-store" },
        ports: [
          { name: "grpc", port: DEFAULT_PORTS.thanosGrpc, targetPort: "grpc" },
          { name: "http", port: DEFAULT_PORTS.thanosHttp, targetPort: "http" },
        ],
      },
    }),
    serviceMonitor(
      { name: names.thanosStore, namespace: ns, labels: allLabels },
      { "app.kubernetes.io/name": "thanos-store" },
      ["http"],
    ),
  ];
  for (let shard = 0; shard < shards; shard++) {
    const name = names.thanosStoreShard(shard);
    const labels = { ...componentLabels("thanos-store", name), [STORE_SHARD_LABEL]: String(shard) };
    const selector = selectorLabels("thanos-store", name);
    const args = [
      "store",
      HTTP_ADDRESS,
      GRPC_ADDRESS,
      "--data-dir=/var/thanos/store",
      objstore.flag,
      ...(shards > 1 ? [`--selector.relabel-config=${JSON.stringify(storeShardSelector(shard, shards))}`] : []),
    ];
    objects.push(
      new StatefulSet({
        metadata: { name, namespace: ns, labels },
        spec: {
          replicas,
          serviceName: names.thanosStore,
          // Replicas serve the same blocks and hold no state worth ordering: start them together.
          podManagementPolicy: "Parallel",
          selector: { matchLabels: selector },
          template: thanosPodTemplate(spec, {
            labels,
            args,
            resources: sizing.thanosStore.resources,
            grpc: true,
            placement: podPlacement(spec, "thanos-store", selector),
            volumes: [objstore.volume],
            volumeMounts: [objstore.mount, { name: "data", mountPath: "/var/thanos/store" }],
          }),
          volumeClaimTemplates: [dataVolumeClaim(spec, sizing.thanosStore.storage)],
        },
      }),
      oneAtATimePdb({ name, namespace: ns, labels }, selector),
    );
  }
  return { component: "thanos-store", objects };
}
