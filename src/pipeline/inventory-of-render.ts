/**
 * hamon's own render → Inventory without writing and re-reading its YAML: each object is read from
 * the plain JSON its file holds, at line 1 of that file (one object a file). `plan`, `simulate` and
 * `report` use it; a test checks that it equals reading the rendered files
 * (inventory/inventory-from-render.ts), so the audit still judges exactly what is written.
 */
import type { Inventory, InventoryObject } from "../inventory/model.js";
import { inventoryFromObjects, toInventoryObject } from "../inventory/read-inventory.js";
import type { RenderResult } from "./render-pipeline.js";

export function inventoryOfRender(render: Pick<RenderResult, "manifests">): Inventory {
  const objects: InventoryObject[] = [];
  for (const { folder, file, object } of render.manifests) {
    // A JSON copy: what a YAML reader gives back (no class instances, no undefined fields).
    const o = toInventoryObject({ file: `${folder}/${file}`, line: 1, object: JSON.parse(JSON.stringify(object)) });
    if (o) objects.push(o);
  }
  return inventoryFromObjects(objects);
}
