/**
 * One line for `hamon plan`: is the stack HA by the simulation? Error when a pod stays Pending or
 * a single node or zone loss takes a component down; warning when a drain is blocked forever, a
 * drain or the rolling upgrade takes a component down, or the hard constraints allow every
 * replica of a set on one node.
 */
import type { SimulationResult } from "./model.js";

export type VerdictLevel = "ok" | "warning" | "error";

export interface SimulationVerdict {
  level: VerdictLevel;
  /** What made it so, one line each, most severe first. */
  findings: Array<{ level: Exclude<VerdictLevel, "ok">; text: string }>;
}

export function simulationVerdict(result: SimulationResult): SimulationVerdict {
  const findings: SimulationVerdict["findings"] = [];
  for (const p of result.placement)
    if (p.node === null) findings.push({ level: "error", text: `${p.pod} (${p.component}) cannot be scheduled` });
  for (const s of result.scenarios) {
    for (const c of s.components) {
      if (c.status === "down") {
        const level = s.kind === "node" || s.kind === "zone" ? "error" : "warning";
        findings.push({ level, text: `${s.kind} ${s.target}: ${c.component} down: ${c.reason}` });
      } else if (c.reason.includes("drain blocked forever")) {
        findings.push({ level: "warning", text: `${s.kind} ${s.target}: ${c.component}: ${c.reason}` });
      }
    }
  }
  for (const w of result.worstCase)
    if (w.verdict === "not-guaranteed") findings.push({ level: "warning", text: `${w.group}: ${w.reason}` });
  findings.sort((a, b) => (a.level === b.level ? 0 : a.level === "error" ? -1 : 1));
  const level: VerdictLevel = findings.some((f) => f.level === "error")
    ? "error"
    : findings.length > 0
      ? "warning"
      : "ok";
  return { level, findings };
}
