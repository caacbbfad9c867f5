/**
 * The I/O edge of simulate, report and plan: what to analyse (hamon's render of a spec, or any
 * manifest set) and on which nodes (the spec's pool, or a `kubectl get nodes -o yaml` dump).
 */
import type { Inventory } from "../inventory/model.js";
import { inventoryOfRender } from "./inventory-of-render.js";
import { loadManifestInputs } from "../inventory/load-manifest-inputs.js";
import { readInventory } from "../inventory/read-inventory.js";
import type { SimNode } from "../simulate/model.js";
import { nodesFromSpec, readNodesFile } from "../simulate/topology.js";
import {
  NothingToAnalyseError,
  noMonitoringComponent,
  requireKubernetesObjects,
} from "../inventory/nothing-to-analyse.js";
import { readSpecSource } from "../spec/spec-source.js";
import { renderFromSpecText, type RenderResult } from "./render-pipeline.js";

export interface StackInputs {
  /** hamon.yaml; the built-in example when absent. */
  specPath?: string;
  /** Manifest files or folders to analyse instead of hamon's render. */
  manifests?: string[];
  /** A `kubectl get nodes -o yaml` dump instead of the spec's node pool. */
  nodesPath?: string;
}

export interface LoadedStack {
  inventory: Inventory;
  nodes: SimNode[];
  /** hamon's render of the spec (also when --manifests is given: the spec then only supplies the node pool). */
  render: RenderResult;
  /** Whether the inventory is hamon's render (true) or the given manifests (false). */
  ownRender: boolean;
  /** One line saying what is analysed on what. */
  subject: string;
}

export async function loadStack(inputs: StackInputs): Promise<LoadedStack> {
  const { text, file: specFile } = await readSpecSource(inputs.specPath);
  const render = renderFromSpecText(text, specFile);
  const manifests = inputs.manifests ?? [];
  const inventory = manifests.length > 0 ? await readGivenManifests(manifests) : inventoryOfRender(render);
  const nodes = inputs.nodesPath !== undefined ? readNodesFile(inputs.nodesPath) : nodesFromSpec(render.spec);
  const builtIn = inputs.specPath === undefined;
  const what =
    manifests.length > 0
      ? manifests.join(" ")
      : `${builtIn ? "the built-in example" : specFile} (phase ${render.spec.phase})`;
  const taint = nodes.flatMap((n) => n.taints).find((t) => t.effect === "NoSchedule");
  const pool = `${builtIn ? (manifests.length > 0 ? "the built-in example's" : "its") : `${specFile}'s`} node pool`;
  // Foreign manifests rarely tolerate hamon's dedicated pool: say so before every pod turns up Pending.
  const hint =
    manifests.length > 0 && taint
      ? `, tainted ${taint.key}=${taint.value ?? ""}:${taint.effect}; pass --nodes for your cluster's nodes`
      : "";
  const where = inputs.nodesPath !== undefined ? `the nodes of ${inputs.nodesPath}` : pool + hint;
  return {
    inventory,
    nodes,
    render,
    ownRender: manifests.length === 0,
    subject: `${what} on ${where} (${nodes.length} nodes)`,
  };
}

/**
 * The inventory of `--manifests`. Refused when it holds no Kubernetes object, or no monitoring
 * component: the simulation's verdict is about the components, so with none it would say "HA"
 * of nothing.
 */
async function readGivenManifests(paths: string[]): Promise<Inventory> {
  const inputs = await loadManifestInputs(paths);
  const inventory = readInventory(inputs);
  requireKubernetesObjects(inventory, inputs, "analyse");
  const none = noMonitoringComponent(inventory, paths.map((p) => (p === "-" ? "stdin" : p)).join(" "));
  if (none) throw new NothingToAnalyseError(`nothing to analyse: ${none}`);
  return inventory;
}
