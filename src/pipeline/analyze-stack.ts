/**
 * Audit and simulation of one inventory on one set of nodes, and the verdict a person acts on.
 * Pure.
 */
import type { Inventory } from "../inventory/model.js";
import { runAudit, summarize, type AuditResult } from "../audit/run-audit.js";
import type { SimNode, SimulationResult } from "../simulate/model.js";
import { simulate } from "../simulate/simulate.js";
import { simulationVerdict, type SimulationVerdict } from "../simulate/verdict.js";

export interface StackVerdict {
  /** False when anything is at error level: an error finding, a pod that cannot be placed, a component down after one node or zone loss. */
  ok: boolean;
  /** One line. */
  text: string;
}

export interface StackAnalysis {
  audit: AuditResult;
  simulation: SimulationResult;
  simulationVerdict: SimulationVerdict;
  verdict: StackVerdict;
}

export function stackVerdict(audit: AuditResult, sim: SimulationVerdict): StackVerdict {
  const s = summarize(audit);
  const simErrors = sim.findings.filter((f) => f.level === "error").length;
  const simWarnings = sim.findings.length - simErrors;
  const ok = s.error === 0 && simErrors === 0;
  const problems = [
    s.error > 0 ? `${s.error} error finding${s.error === 1 ? "" : "s"}` : "",
    simErrors > 0 ? `${simErrors} HA failure${simErrors === 1 ? "" : "s"} in the simulation` : "",
  ].filter(Boolean);
  const notes = [
    s.warning > 0 ? `${s.warning} warning${s.warning === 1 ? "" : "s"}` : "",
    simWarnings > 0 ? `${simWarnings} simulation warning${simWarnings === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  const text = ok
    ? `HA: no single node or zone loss takes a component down, no error finding${notes.length ? ` (${notes.join(", ")})` : ""}`
    : `NOT HA: ${problems.join(", ")}${notes.length ? `; also ${notes.join(", ")}` : ""}`;
  return { ok, text };
}

export function analyzeStack(inventory: Inventory, nodes: readonly SimNode[]): StackAnalysis {
  const audit = runAudit(inventory);
  const simulation = simulate(inventory, nodes);
  const sim = simulationVerdict(simulation);
  return { audit, simulation, simulationVerdict: sim, verdict: stackVerdict(audit, sim) };
}
