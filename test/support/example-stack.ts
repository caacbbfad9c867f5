/**
 * hamon's own stack as tests see it: a spec's render (the pipeline), its objects as JSON, the same
 * render read back by the real inventory reader (src/inventory/inventory-from-render.ts), and the
 * spec's node pool. `exampleStack()` is the built-in example, rendered once per test file and
 * shared: read it, do not change it. `exampleVariant(edit)` renders an edited copy.
 */
import type { Inventory } from "../../src/inventory/model.js";
import { inventoryFromRender } from "../../src/inventory/inventory-from-render.js";
import { renderFromSpecText, type RenderResult } from "../../src/pipeline/render-pipeline.js";
import type { SimNode } from "../../src/simulate/model.js";
import { nodesFromSpec } from "../../src/simulate/topology.js";
import { EXAMPLE_SPEC_YAML } from "../../src/spec/example.js";
import { view, type RenderedView } from "./rendered.js";

export interface HamonStack {
  render: RenderResult;
  /** The rendered objects as JSON, looked up by kind and name. */
  view: RenderedView;
  inventory: Inventory;
  nodes: SimNode[];
}

/** The stack of any spec text; the view and the inventory are computed when first read. */
export function hamonStack(specText: string): HamonStack {
  const render = renderFromSpecText(specText, "hamon.yaml");
  let rendered: RenderedView | undefined;
  let inventory: Inventory | undefined;
  return {
    render,
    get view() {
      return (rendered ??= view(render));
    },
    get inventory() {
      return (inventory ??= inventoryFromRender(render.files));
    },
    nodes: nodesFromSpec(render.spec),
  };
}

let example: HamonStack | undefined;

/** The built-in example's stack, rendered once and shared. */
export function exampleStack(): HamonStack {
  return (example ??= hamonStack(EXAMPLE_SPEC_YAML));
}

/** The built-in example with an edit, e.g. exampleVariant(withLine("phase: 4 ", "phase: 2 ")). */
export function exampleVariant(edit: (yaml: string) => string): HamonStack {
  return hamonStack(edit(EXAMPLE_SPEC_YAML));
}
