/**
 * Manifest texts → the normalized Inventory (model.ts). Pure: no I/O. Throws only
 * `ManifestParseError` (a YAML syntax error, named by file:line).
 */
import type { Inventory, InventoryObject, PodGroup } from "./model.js";
import { ConfigIndex } from "./config-index.js";
import { podDisruptionBudgetInfo } from "./disruption-budgets.js";
import { readManifestDocuments, type ManifestDocument, type ManifestInput } from "./manifest-documents.js";
import { OPERATOR_KINDS, operatorPodGroups } from "./operator-pod-groups.js";
import { storageClassInfo } from "./storage-classes.js";
import { workloadPodGroup } from "./workload-pod-groups.js";
import { LONG_RUNNING_CONTROLLERS } from "../k8s/pod-template.js";
import { asRecord, asString, asStringMap } from "../k8s/json.js";
import { IGNORE_ANNOTATION, IGNORE_REASON_ANNOTATION } from "../vocabulary.js";

/** `hamon.io/ignore: "HAMON-A, HAMON-B"` → ids in upper case; the reason as written. */
export function readSuppression(annotations: Record<string, string>): InventoryObject["suppressed"] {
  const rules = (annotations[IGNORE_ANNOTATION] ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s !== "");
  const reason = annotations[IGNORE_REASON_ANNOTATION]?.trim();
  return { rules, ...(reason ? { reason } : {}) };
}

/** A document → an InventoryObject, or undefined when it is not a Kubernetes object (no kind). */
export function toInventoryObject(doc: ManifestDocument): InventoryObject | undefined {
  const kind = asString(doc.object.kind);
  if (!kind) return undefined;
  const metadata = asRecord(doc.object.metadata);
  const namespace = asString(metadata.namespace);
  const rawName = typeof metadata.name === "number" ? String(metadata.name) : asString(metadata.name);
  const name = rawName ?? asString(metadata.generateName) ?? "(unnamed)";
  return {
    ref: { apiVersion: asString(doc.object.apiVersion) ?? "", kind, name, ...(namespace ? { namespace } : {}) },
    source: { file: doc.file, line: doc.line },
    raw: doc.object,
    suppressed: readSuppression(asStringMap(metadata.annotations)),
    ...(doc.embeddedFiles ? { embeddedFiles: doc.embeddedFiles } : {}),
  };
}

export function readInventory(inputs: ReadonlyArray<ManifestInput>): Inventory {
  const objects: InventoryObject[] = [];
  for (const input of inputs) {
    for (const doc of readManifestDocuments(input)) {
      const o = toInventoryObject(doc);
      if (o) objects.push(o);
    }
  }
  return inventoryFromObjects(objects);
}

export function inventoryFromObjects(objects: InventoryObject[]): Inventory {
  const index = new ConfigIndex(objects);
  const inventory: Inventory = {
    objects,
    configs: index,
    podGroups: [],
    pdbs: [],
    services: [],
    networkPolicies: [],
    storageClasses: [],
    priorityClasses: [],
    persistentVolumeClaims: [],
  };
  const pdbObjects: InventoryObject[] = [];
  for (const o of objects) {
    const { kind } = o.ref;
    if (LONG_RUNNING_CONTROLLERS.has(kind)) {
      const g = workloadPodGroup(o, index);
      if (g) inventory.podGroups.push(g);
    } else if (OPERATOR_KINDS.has(kind)) inventory.podGroups.push(...operatorPodGroups(o, index));
    else if (kind === "PodDisruptionBudget") pdbObjects.push(o);
    else if (kind === "Service") inventory.services.push(o);
    else if (kind === "NetworkPolicy") inventory.networkPolicies.push(o);
    else if (kind === "StorageClass") inventory.storageClasses.push(storageClassInfo(o));
    else if (kind === "PriorityClass") inventory.priorityClasses.push(o);
    else if (kind === "PersistentVolumeClaim") inventory.persistentVolumeClaims?.push(o);
  }
  const byNamespace = new Map<string, PodGroup[]>();
  for (const g of inventory.podGroups) {
    const list = byNamespace.get(g.namespace);
    if (list) list.push(g);
    else byNamespace.set(g.namespace, [g]);
  }
  inventory.pdbs = pdbObjects.map((o) => podDisruptionBudgetInfo(o, byNamespace));
  return inventory;
}
