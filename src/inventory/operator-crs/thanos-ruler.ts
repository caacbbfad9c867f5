/**
 * A ThanosRuler CR (monitoring.coreos.com/v1) → one PodGroup of `replicas` pods with the
 * Prometheus Operator's labels and defaults (src/upstream/prometheus-operator.ts).
 */
import { asCount, asRecord } from "../../k8s/json.js";
import {
  DEFAULT_IMAGES,
  DEFAULT_REPLICAS,
  MAIN_CONTAINER,
  STORAGE_CLAIM_NAME,
  thanosRulerPodLabels,
  mergeCrContainers,
} from "../../upstream/prometheus-operator.js";
import type { InventoryObject, PodGroup } from "../model.js";
import { crConfig, crPodGroup, crPodTemplate, mainContainer, operatorImage, storageClaims } from "./cr-pod-group.js";

export function thanosRulerPodGroups(object: InventoryObject): PodGroup[] {
  const { name } = object.ref;
  const namespace = object.ref.namespace ?? "default";
  const spec = asRecord(object.raw.spec);
  const containers = [mainContainer(spec, MAIN_CONTAINER.ThanosRuler, operatorImage(spec, DEFAULT_IMAGES.thanos))];
  return [
    crPodGroup(object, {
      component: "thanos-ruler",
      id: `${namespace}/ThanosRuler/${name}`,
      replicas: asCount(spec.replicas) ?? DEFAULT_REPLICAS,
      template: crPodTemplate(spec, thanosRulerPodLabels(name), mergeCrContainers(containers, spec.containers)),
      volumeClaims: storageClaims(spec, STORAGE_CLAIM_NAME.ThanosRuler(name)),
      config: crConfig(spec),
      mainContainer: MAIN_CONTAINER.ThanosRuler,
    }),
  ];
}
