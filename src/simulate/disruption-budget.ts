/**
 * PodDisruptionBudgets as the eviction API applies them
 * (kubernetes.io/docs/concepts/workloads/pods/disruptions/, pkg/controller/disruption/disruption.go):
 * an eviction is allowed when every PDB that selects the pod has `disruptionsAllowed ≥ 1`,
 * where disruptionsAllowed = currentHealthy − desiredHealthy and
 * - minAvailable: n → desiredHealthy = n; "p%" → ceil(p% × expected);
 * - maxUnavailable: n → expected − n; "p%" → expected − ceil(p% × expected);
 * expected being the pods the selected controllers want (here: every pod of the selected groups).
 * A PDB with neither field is read as minAvailable: 1 (the policy/v1beta1 default).
 */
import { selectorMatchesIfPresent } from "../k8s/label-selector.js";
import type { PodDisruptionBudgetInfo } from "../inventory/model.js";
import type { ClusterState } from "./cluster-state.js";
import type { SimPod } from "./model.js";

export interface Budget {
  pdb: PodDisruptionBudgetInfo;
  name: string;
  pods: readonly SimPod[];
}

export function budgetsFor(pdbs: readonly PodDisruptionBudgetInfo[], pods: readonly SimPod[]): Budget[] {
  return pdbs.map((pdb) => ({
    pdb,
    name: `${pdb.namespace}/${pdb.object.ref.name}`,
    // policy/v1: an empty selector selects every pod of the namespace.
    pods: pods.filter((p) => p.namespace === pdb.namespace && selectorMatchesIfPresent(pdb.selector, p.labels)),
  }));
}

function scaled(value: number | string, expected: number): number {
  if (typeof value === "number") return value;
  const m = /^([0-9]+)%$/.exec(value.trim());
  if (m) return Math.ceil((Number(m[1]) * expected) / 100);
  const n = Number(value);
  if (Number.isInteger(n)) return n;
  throw new RangeError(`PodDisruptionBudget value "${value}" is neither an integer nor a percentage`);
}

export function desiredHealthy(b: Budget): number {
  const expected = b.pods.length;
  if (b.pdb.maxUnavailable !== undefined) return Math.max(0, expected - scaled(b.pdb.maxUnavailable, expected));
  if (b.pdb.minAvailable !== undefined) return scaled(b.pdb.minAvailable, expected);
  return 1;
}

export function currentHealthy(b: Budget, state: ClusterState): number {
  let n = 0;
  for (const p of b.pods) if (state.bindingOf(p.id)) n++;
  return n;
}

export function disruptionsAllowed(b: Budget, state: ClusterState): number {
  return Math.max(0, currentHealthy(b, state) - desiredHealthy(b));
}

/** Why the budget refuses, in words: forever when it refuses even with every pod healthy. */
export function refusalReason(b: Budget, state: ClusterState): { forever: boolean; text: string } {
  const expected = b.pods.length;
  const desired = desiredHealthy(b);
  const healthy = currentHealthy(b, state);
  const rule =
    b.pdb.maxUnavailable !== undefined
      ? `maxUnavailable ${b.pdb.maxUnavailable}`
      : `minAvailable ${b.pdb.minAvailable ?? 1}`;
  if (desired >= expected) {
    return {
      forever: true,
      text: `PDB ${b.name} (${rule} of ${expected}) allows 0 disruptions even with every pod healthy`,
    };
  }
  return {
    forever: false,
    text: `PDB ${b.name} (${rule}) needs ${desired} healthy, ${healthy} are (a replacement stays Pending)`,
  };
}
