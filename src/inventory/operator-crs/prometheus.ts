/**
 * A Prometheus CR (monitoring.coreos.com/v1) → one PodGroup per shard, `replicas` pods each, with
 * the labels, containers (the Thanos sidecar when `spec.thanos` is set) and defaults of the
 * Prometheus Operator (src/upstream/prometheus-operator.ts).
 */
import { asCount, asRecord, isRecord, type Json } from "../../k8s/json.js";
import {
  DEFAULT_IMAGES,
  DEFAULT_REPLICAS,
  DEFAULT_SHARDS,
  MAIN_CONTAINER,
  prometheusPodLabels,
  STORAGE_CLAIM_NAME,
  THANOS_SIDECAR_CONTAINER,
  mergeCrContainers,
  shardTopologySpread,
} from "../../upstream/prometheus-operator.js";
import type { InventoryObject, PodGroup } from "../model.js";
import { crConfig, crPodGroup, crPodTemplate, mainContainer, operatorImage, storageClaims } from "./cr-pod-group.js";

/** More Prometheus shards than any real deployment runs: expansion stops here (a count past it would exhaust memory). */
export const MAX_EXPANDED_SHARDS = 1000;

export function prometheusPodGroups(object: InventoryObject): PodGroup[] {
  const { name } = object.ref;
  const namespace = object.ref.namespace ?? "default";
  const spec = asRecord(object.raw.spec);
  const shards = Math.min(MAX_EXPANDED_SHARDS, Math.max(1, asCount(spec.shards) ?? DEFAULT_SHARDS));
  const containers: Json[] = [
    mainContainer(spec, MAIN_CONTAINER.Prometheus, operatorImage(spec, DEFAULT_IMAGES.prometheus)),
  ];
  if (isRecord(spec.thanos)) {
    const sidecarResources = spec.thanos.resources;
    containers.push({
      name: THANOS_SIDECAR_CONTAINER,
      image: operatorImage(spec.thanos, DEFAULT_IMAGES.thanos),
      args: ["sidecar"],
      ...(sidecarResources !== undefined ? { resources: sidecarResources } : {}),
    });
  }
  const groups: PodGroup[] = [];
  for (let shard = 0; shard < shards; shard++) {
    const g = crPodGroup(object, {
      component: "prometheus",
      id: `${namespace}/Prometheus/${name}#shard-${shard}`,
      replicas: asCount(spec.replicas) ?? DEFAULT_REPLICAS,
      template: crPodTemplate(
        {
          ...spec,
          topologySpreadConstraints: shardTopologySpread(
            spec.topologySpreadConstraints,
            prometheusPodLabels(name, shard),
          ),
        },
        prometheusPodLabels(name, shard),
        mergeCrContainers(containers, spec.containers),
      ),
      volumeClaims: storageClaims(spec, STORAGE_CLAIM_NAME.Prometheus(name)),
      config: crConfig(spec),
      mainContainer: MAIN_CONTAINER.Prometheus,
    });
    g.shard = shard;
    groups.push(g);
  }
  return groups;
}
