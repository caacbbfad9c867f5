/** Shared readings for the NetworkPolicy rules: the flow analysis of an inventory, and objects to blame. */
import type { Inventory, InventoryObject } from "../../inventory/model.js";
import { flowAnalysisOf, type FlowAnalysis } from "../../netpol/required/flow-analysis.js";

export { flowAnalysisOf, type FlowAnalysis };

/** The NetworkPolicy object of an id `namespace/name`. */
export function policyObject(inv: Inventory, id: string): InventoryObject | undefined {
  return inv.networkPolicies.find((p) => `${p.ref.namespace ?? "default"}/${p.ref.name}` === id);
}

/** A policy is a default deny when it selects every pod (`podSelector: {}`) and carries no rule. */
export function isDefaultDenyObject(o: InventoryObject): boolean {
  const spec = (o.raw.spec ?? {}) as {
    podSelector?: { matchLabels?: object; matchExpressions?: unknown[] };
    ingress?: unknown[];
    egress?: unknown[];
  };
  const sel = spec.podSelector ?? {};
  const empty = Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
  return empty && (spec.ingress ?? []).length === 0 && (spec.egress ?? []).length === 0;
}
