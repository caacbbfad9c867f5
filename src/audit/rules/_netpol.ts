/** Shared readings for the NetworkPolicy rules: the flow analysis of an inventory, and objects to blame. */
import type { Inventory, InventoryObject } from "../../inventory/model.js";
import { flowAnalysisOf, type FlowAnalysis } from "../../netpol/required/flow-analysis.js";

export { flowAnalysisOf, type FlowAnalysis };

const policiesById = new WeakMap<InventoryObject[], Map<string, InventoryObject>>();

/** The NetworkPolicy object of an id `namespace/name`, from an index built once per inventory. */
export function policyObject(inv: Inventory, id: string): InventoryObject | undefined {
  let byId = policiesById.get(inv.networkPolicies);
  if (!byId) {
    byId = new Map();
    for (const p of inv.networkPolicies) {
      const key = `${p.ref.namespace ?? "default"}/${p.ref.name}`;
      if (!byId.has(key)) byId.set(key, p); // the first of an id, as a search would find
    }
    policiesById.set(inv.networkPolicies, byId);
  }
  return byId.get(id);
}
