/**
 * hamon's own stack as the simulator sees it: the spec's render, read by the real inventory
 * reader (src/inventory/inventory-from-render.ts), on the spec's node pool.
 */
import type { Inventory } from "../../inventory/model.js";
import { inventoryFromRender } from "../../inventory/inventory-from-render.js";
import { renderFromSpecText, type RenderResult } from "../../pipeline/render-pipeline.js";
import type { SimNode } from "../model.js";
import { nodesFromSpec } from "../topology.js";

export function hamonStack(specText: string): { inventory: Inventory; nodes: SimNode[]; render: RenderResult } {
  const render = renderFromSpecText(specText, "hamon.yaml");
  return { inventory: inventoryFromRender(render.files), nodes: nodesFromSpec(render.spec), render };
}
