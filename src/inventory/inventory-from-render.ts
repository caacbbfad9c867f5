/** hamon's own in-memory render (`renderFromSpecText(...).files`) → Inventory, so `hamon plan` can audit before writing. */
import type { Inventory } from "./model.js";
import { readInventory } from "./read-inventory.js";

export function inventoryFromRender(files: ReadonlyMap<string, string>): Inventory {
  const inputs = [...files]
    .filter(([path]) => /\.ya?ml$/i.test(path) && !/(^|\/)kustomization\.ya?ml$/i.test(path))
    .map(([file, text]) => ({ file, text }));
  return readInventory(inputs);
}
