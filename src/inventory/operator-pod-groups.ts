/**
 * Operator custom resources → the pods their operators will create: one function per kind, each
 * reading what its operator does by itself from src/upstream/.
 */
import { CLOUDNATIVE_PG_API_GROUP } from "../upstream/cloudnative-pg.js";
import { PROMETHEUS_OPERATOR_API_GROUP } from "../upstream/prometheus-operator.js";
import type { ConfigIndex } from "./config-index.js";
import type { InventoryObject, PodGroup } from "./model.js";
import { alertmanagerPodGroups } from "./operator-crs/alertmanager.js";
import { cloudNativePgPodGroups } from "./operator-crs/cloudnative-pg-cluster.js";
import { prometheusPodGroups } from "./operator-crs/prometheus.js";
import { thanosRulerPodGroups } from "./operator-crs/thanos-ruler.js";

export const OPERATOR_KINDS = new Set(["Prometheus", "Alertmanager", "ThanosRuler", "Cluster"]);

export function operatorPodGroups(object: InventoryObject, index: ConfigIndex): PodGroup[] {
  const { kind, apiVersion } = object.ref;
  if (apiVersion.startsWith(`${PROMETHEUS_OPERATOR_API_GROUP}/`)) {
    if (kind === "Prometheus") return prometheusPodGroups(object);
    if (kind === "Alertmanager") return alertmanagerPodGroups(object, index);
    if (kind === "ThanosRuler") return thanosRulerPodGroups(object);
  }
  if (apiVersion.startsWith(`${CLOUDNATIVE_PG_API_GROUP}/`) && kind === "Cluster")
    return cloudNativePgPodGroups(object);
  return [];
}
