/**
 * A CloudNativePG Cluster (postgresql.cnpg.io/v1) → one PodGroup of `instances` pods with the
 * operator's labels, its pod anti-affinity from `spec.affinity` (with the operator's defaults) and
 * the PodDisruptionBudgets it creates itself (src/upstream/cloudnative-pg.ts).
 */
import type { IAffinity, IPodTemplateSpec } from "kubernetes-models/v1";
import { asCount, asRecord, asString, asStringMap, get, isRecord } from "../../k8s/json.js";
import {
  AFFINITY_DEFAULTS,
  CLUSTER_LABEL,
  createsDisruptionBudgets,
  DEFAULT_IMAGE,
  DEFAULT_INSTANCES,
  instancePodLabels,
  POSTGRES_CONTAINER,
} from "../../upstream/cloudnative-pg.js";
import type { InventoryObject, PodGroup } from "../model.js";
import { crConfig, crPodGroup } from "./cr-pod-group.js";

/** The anti-affinity the operator writes into each instance pod. */
function instanceAffinity(name: string, a: Record<string, unknown>): IAffinity {
  const topologyKey = asString(a.topologyKey) || AFFINITY_DEFAULTS.topologyKey;
  const term = { topologyKey, labelSelector: { matchLabels: { [CLUSTER_LABEL]: name } } };
  const affinity: IAffinity = {};
  const enabled =
    a.enablePodAntiAffinity === undefined ? AFFINITY_DEFAULTS.enablePodAntiAffinity : a.enablePodAntiAffinity;
  if (enabled !== false) {
    const type = a.podAntiAffinityType ?? AFFINITY_DEFAULTS.podAntiAffinityType;
    affinity.podAntiAffinity =
      type === "required"
        ? { requiredDuringSchedulingIgnoredDuringExecution: [term] }
        : { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] };
  }
  if (isRecord(a.nodeAffinity)) affinity.nodeAffinity = a.nodeAffinity as IAffinity["nodeAffinity"];
  return affinity;
}

export function cloudNativePgPodGroups(object: InventoryObject): PodGroup[] {
  const { name } = object.ref;
  const namespace = object.ref.namespace ?? "default";
  const spec = asRecord(object.raw.spec);
  const a = asRecord(spec.affinity);
  const affinity = instanceAffinity(name, a);
  const template = {
    metadata: { labels: { ...asStringMap(get(spec, "inheritedMetadata", "labels")), ...instancePodLabels(name) } },
    spec: {
      ...(Object.keys(affinity).length ? { affinity } : {}),
      ...(a.tolerations !== undefined ? { tolerations: a.tolerations } : {}),
      ...(a.nodeSelector !== undefined ? { nodeSelector: a.nodeSelector } : {}),
      ...(spec.priorityClassName !== undefined ? { priorityClassName: spec.priorityClassName } : {}),
      containers: [
        {
          name: POSTGRES_CONTAINER,
          image: asString(spec.imageName) ?? DEFAULT_IMAGE,
          ...(spec.resources !== undefined ? { resources: spec.resources } : {}),
        },
      ],
    },
  } as IPodTemplateSpec;
  const storage = asRecord(spec.storage);
  const claim = {
    name: `${name}-data`,
    ...(asString(storage.storageClass) !== undefined ? { storageClassName: storage.storageClass as string } : {}),
    ...(asString(storage.size) !== undefined ? { storage: storage.size as string } : {}),
  };
  const g = crPodGroup(object, {
    component: "postgresql",
    id: `${namespace}/Cluster/${name}`,
    replicas: asCount(spec.instances) ?? DEFAULT_INSTANCES,
    template,
    volumeClaims: [claim],
    config: crConfig(spec),
    mainContainer: POSTGRES_CONTAINER,
  });
  if (createsDisruptionBudgets(spec)) g.operatorManagedPdb = true;
  return [g];
}
