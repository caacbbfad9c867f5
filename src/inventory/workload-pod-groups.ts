/**
 * Workloads with a pod template → PodGroups: Deployment, StatefulSet, ReplicaSet and
 * ReplicationController (`spec.replicas`, default 1 — kubernetes.io/docs/reference/kubernetes-api/workload-resources/deployment-v1/),
 * DaemonSet (one pod per eligible node). A ReplicaSet owned by a Deployment (a live cluster's
 * listing) is the Deployment's, not a second group.
 */
import type { IPodTemplateSpec } from "kubernetes-models/v1";
import type { InventoryObject, PodGroup } from "./model.js";
import type { ConfigIndex } from "./config-index.js";
import { recognizePod } from "./component-recognition.js";
import { LONG_RUNNING_CONTROLLERS, podTemplateOf } from "../k8s/pod-template.js";
import { podComponentConfig } from "./component-config.js";
import { asCount, asRecord, asRecords, asString, asStringMap, get, isRecord } from "../k8s/json.js";

export function workloadPodGroup(object: InventoryObject, index: ConfigIndex): PodGroup | undefined {
  const { kind, name } = object.ref;
  if (!LONG_RUNNING_CONTROLLERS.has(kind)) return undefined;
  const raw = object.raw;
  if (kind === "ReplicaSet" && asRecords(get(raw, "metadata", "ownerReferences")).some((o) => o.kind === "Deployment"))
    return undefined;
  const spec = asRecord(raw.spec);
  const template = podTemplateOf(raw);
  if (!isRecord(template)) return undefined;
  const podSpec = asRecord(template.spec);
  const namespace = object.ref.namespace ?? "default";
  const labels = asStringMap(get(template, "metadata", "labels"));
  const containers = asRecords(podSpec.containers);
  const { component, containerIndex } = recognizePod(labels, containers);
  const perNode = kind === "DaemonSet";
  const replicas = perNode ? 1 : (asCount(spec.replicas) ?? 1);
  const volumeClaims = asRecords(spec.volumeClaimTemplates).map((t) => ({
    name: asString(get(t, "metadata", "name")) ?? "",
    ...claimSpec(asRecord(t.spec)),
  }));
  const group: PodGroup = {
    id: `${namespace}/${kind}/${name}`,
    owner: object,
    component,
    namespace,
    replicas,
    template: template as IPodTemplateSpec,
    volumeClaims,
    config: podComponentConfig(component, podSpec, containerIndex, namespace, index),
  };
  if (perNode) group.perNode = true;
  const main = asString(containers[containerIndex]?.name);
  if (main !== undefined) group.mainContainer = main;
  return group;
}

/** storageClassName and requested size of a PVC spec. */
export function claimSpec(spec: Record<string, unknown>): { storageClassName?: string; storage?: string } {
  const storageClassName = asString(spec.storageClassName);
  const storage = get(spec, "resources", "requests", "storage");
  return {
    ...(storageClassName !== undefined ? { storageClassName } : {}),
    ...(typeof storage === "string" || typeof storage === "number" ? { storage: String(storage) } : {}),
  };
}
