/**
 * hamon's own render → Inventory without writing and re-reading its YAML: each object is read from
 * the plain JSON its file holds, at line 1 of that file (one object a file). `plan`, `simulate` and
 * `report` use it; a test checks that it equals reading the rendered files
 * (inventory/inventory-from-render.ts), so the audit still judges exactly what is written. Only a
 * ConfigMap's or Secret's file is read back, for where its keys are written (the lines a finding
 * caused by an embedded config file points at).
 */
import type { Inventory, InventoryObject } from "../inventory/model.js";
import { readManifestDocuments } from "../inventory/manifest-documents.js";
import { inventoryFromObjects, toInventoryObject } from "../inventory/read-inventory.js";
import type { RenderResult } from "./render-pipeline.js";

export function inventoryOfRender(
  render: Pick<RenderResult, "manifests"> & Partial<Pick<RenderResult, "files">>,
): Inventory {
  const objects: InventoryObject[] = [];
  for (const { folder, file, object } of render.manifests) {
    const path = `${folder}/${file}`;
    const kind = (object as { kind?: unknown }).kind;
    const text = kind === "ConfigMap" || kind === "Secret" ? render.files?.get(path) : undefined;
    const embeddedFiles =
      text === undefined ? undefined : readManifestDocuments({ file: path, text })[0]?.embeddedFiles;
    // A JSON copy: what a YAML reader gives back (no class instances, no undefined fields).
    const o = toInventoryObject({
      file: path,
      line: 1,
      object: JSON.parse(JSON.stringify(object)),
      ...(embeddedFiles ? { embeddedFiles } : {}),
    });
    if (o) objects.push(o);
  }
  return inventoryFromObjects(objects);
}
