/**
 * What every operator custom resource's pods have in common as PodGroups: the placement fields the
 * CR spec carries into the pod template, the main container from `image` or `version`, the
 * volume claim template, and the CR's spec as the component's configuration.
 */
import type { IPodTemplateSpec } from "kubernetes-models/v1";
import { asRecord, asString, asStringMap, get, isRecord, type Json } from "../../k8s/json.js";
import type { ComponentConfig, InventoryObject, MonitoringComponent, PodGroup } from "../model.js";
import { claimSpec } from "../workload-pod-groups.js";

/** The pod fields of a Prometheus Operator CR's spec that scheduling and auditing read. */
const PLACEMENT_FIELDS = [
  "affinity",
  "tolerations",
  "topologySpreadConstraints",
  "nodeSelector",
  "priorityClassName",
  "securityContext",
  "serviceAccountName",
] as const;

function placementOf(spec: Json): Json {
  const out: Json = {};
  for (const f of PLACEMENT_FIELDS) if (spec[f] !== undefined) out[f] = spec[f];
  return out;
}

/** The CR's `image`, else `<default image>:<version>`, else the default image. */
export function operatorImage(spec: Json, defaultImage: string): string {
  const image = asString(spec.image);
  if (image) return image;
  const version = asString(spec.version);
  return version ? `${defaultImage}:${version}` : defaultImage;
}

/** A container named `name` running `image`, with the CR's `resources`. */
export function mainContainer(spec: Json, name: string, image: string): Json {
  return { name, image, ...(spec.resources !== undefined ? { resources: spec.resources } : {}) };
}

/** `spec.storage.volumeClaimTemplate` as the pods' claim `claimName`. */
export function storageClaims(spec: Json, claimName: string): PodGroup["volumeClaims"] {
  const template = get(spec, "storage", "volumeClaimTemplate");
  if (!isRecord(template)) return [];
  return [{ name: claimName, ...claimSpec(asRecord(template.spec)) }];
}

/** The pod template of a Prometheus Operator CR: the operator's labels over `podMetadata.labels`, the CR's placement. */
export function crPodTemplate(
  spec: Json,
  operatorLabels: Record<string, string>,
  containers: Json[],
): IPodTemplateSpec {
  const labels = { ...asStringMap(get(spec, "podMetadata", "labels")), ...operatorLabels };
  const annotations = asStringMap(get(spec, "podMetadata", "annotations"));
  return {
    metadata: { labels, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: { ...placementOf(spec), containers },
  } as unknown as IPodTemplateSpec;
}

export const crConfig = (spec: Json, extra: Partial<ComponentConfig> = {}): ComponentConfig => ({
  flags: {},
  env: {},
  crSpec: spec,
  ...extra,
});

/** One PodGroup of the CR `object`. */
export function crPodGroup(
  object: InventoryObject,
  group: {
    component: MonitoringComponent;
    id: string;
    replicas: number;
    template: IPodTemplateSpec;
    volumeClaims: PodGroup["volumeClaims"];
    config: ComponentConfig;
    mainContainer: string;
  },
): PodGroup {
  return {
    id: group.id,
    owner: object,
    component: group.component,
    namespace: object.ref.namespace ?? "default",
    replicas: group.replicas,
    template: group.template,
    volumeClaims: group.volumeClaims,
    config: group.config,
    mainContainer: group.mainContainer,
  };
}
