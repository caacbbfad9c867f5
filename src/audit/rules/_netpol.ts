/** Shared readings for the NetworkPolicy rules: the flow analysis of an inventory, and objects to blame. */
import type { Inventory, InventoryObject } from "../../inventory/model.js";
import { flowAnalysisOf, type FlowAnalysis } from "../../netpol/required/flow-analysis.js";

export { flowAnalysisOf, type FlowAnalysis };

/** The NetworkPolicy object of an id `namespace/name`. */
export function policyObject(inv: Inventory, id: string): InventoryObject | undefined {
  return inv.networkPolicies.find((p) => `${p.ref.namespace ?? "default"}/${p.ref.name}` === id);
}
