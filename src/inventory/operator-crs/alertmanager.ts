/**
 * An Alertmanager CR (monitoring.coreos.com/v1) → one PodGroup of `replicas` pods with the
 * Prometheus Operator's labels and defaults (src/upstream/prometheus-operator.ts), and the
 * configuration from the Secret the CR names (`spec.configSecret`, else the operator's default).
 */
import { asCount, asRecord, asString } from "../../k8s/json.js";
import {
  ALERTMANAGER_CONFIG_KEY,
  alertmanagerConfigSecret,
  alertmanagerPodLabels,
  DEFAULT_IMAGES,
  DEFAULT_REPLICAS,
  MAIN_CONTAINER,
  STORAGE_CLAIM_NAME,
  mergeCrContainers,
} from "../../upstream/prometheus-operator.js";
import type { ConfigIndex } from "../config-index.js";
import type { InventoryObject, PodGroup } from "../model.js";
import { crConfig, crPodGroup, crPodTemplate, mainContainer, operatorImage, storageClaims } from "./cr-pod-group.js";

export function alertmanagerPodGroups(object: InventoryObject, index: ConfigIndex): PodGroup[] {
  const { name } = object.ref;
  const namespace = object.ref.namespace ?? "default";
  const spec = asRecord(object.raw.spec);
  const secretName = asString(spec.configSecret) || alertmanagerConfigSecret(name);
  const secret = index.object("Secret", namespace, secretName);
  const text = secret && index.dataOf(secret)[ALERTMANAGER_CONFIG_KEY];
  const alertmanagerYaml = text === undefined ? undefined : index.yaml(text);
  const files =
    secret && alertmanagerYaml ? { alertmanagerYaml: { object: secret, key: ALERTMANAGER_CONFIG_KEY } } : undefined;
  const containers = [
    mainContainer(spec, MAIN_CONTAINER.Alertmanager, operatorImage(spec, DEFAULT_IMAGES.alertmanager)),
  ];
  return [
    crPodGroup(object, {
      component: "alertmanager",
      id: `${namespace}/Alertmanager/${name}`,
      replicas: asCount(spec.replicas) ?? DEFAULT_REPLICAS,
      template: crPodTemplate(spec, alertmanagerPodLabels(name), mergeCrContainers(containers, spec.containers)),
      volumeClaims: storageClaims(spec, STORAGE_CLAIM_NAME.Alertmanager(name)),
      config: crConfig(spec, alertmanagerYaml ? { alertmanagerYaml, ...(files ? { files } : {}) } : {}),
      mainContainer: MAIN_CONTAINER.Alertmanager,
    }),
  ];
}
