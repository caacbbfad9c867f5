/**
 * The simulation as text for a terminal of 100 columns: where the pods went, the failure
 * matrix (scenarios × components), the reasons behind every cell that is not ok, and the worst
 * case the hard constraints allow.
 *
 * With many nodes, node and drain scenarios that give the same statuses are grouped on one row
 * ("4,990 nodes, e.g. node-0001"), the reasons of the row being those of its first node.
 */
import type { AvailabilityComponent, ComponentStatusValue, ScenarioResult, SimulationResult } from "./model.js";
import { AVAILABILITY_COMPONENTS } from "./model.js";
import { daemonSetCoverage, daemonSetSummaries } from "./daemon-set-summary.js";

export const TEXT_WIDTH = 100;

/** Column headings of the matrix, 6 characters at most. */
const SHORT: Record<AvailabilityComponent, string> = {
  prometheus: "prom",
  alertmanager: "alertm",
  "thanos-ruler": "ruler",
  "thanos-receive": "recv",
  "thanos-query": "query",
  "thanos-query-frontend": "qfront",
  "thanos-store": "store",
  "thanos-compact": "compac",
  grafana: "grafan",
  postgresql: "pg",
  redis: "redis",
  "kube-state-metrics": "ksm",
  "node-exporter": "nodeex",
};

const CELL: Record<ComponentStatusValue, string> = { ok: "ok", degraded: "deg", down: "DOWN" };

/** Group node/drain rows when a kind has more scenarios than this. */
const GROUP_ABOVE = 12;

function wrap(text: string, indent: string, width = TEXT_WIDTH): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(" ")) {
    if (line.length + word.length + 1 > width && line.trim() !== "") {
      lines.push(line.trimEnd());
      line = `${indent}  `;
    }
    line += (line.trim() === "" ? "" : " ") + word;
  }
  if (line.trim() !== "") lines.push(line.trimEnd());
  return lines;
}

interface Row {
  label: string;
  scenario: ScenarioResult;
}

function rows(result: SimulationResult): Row[] {
  const out: Row[] = [];
  const kinds = ["node", "zone", "drain", "upgrade"] as const;
  for (const kind of kinds) {
    const list = result.scenarios.filter((s) => s.kind === kind);
    if (list.length <= GROUP_ABOVE || kind === "zone" || kind === "upgrade") {
      for (const s of list) out.push({ label: `${kind} ${s.target}`, scenario: s });
      continue;
    }
    const groups = new Map<string, ScenarioResult[]>();
    for (const s of list) {
      const key = s.components.map((c) => `${c.component}=${c.status}`).join(",");
      const members = groups.get(key);
      if (members) members.push(s);
      else groups.set(key, [s]);
    }
    for (const members of groups.values()) {
      const first = members[0]!;
      out.push({
        label:
          members.length === 1
            ? `${kind} ${first.target}`
            : `${kind} ×${members.length.toLocaleString("en-US")}, e.g. ${first.target}`,
        scenario: first,
      });
    }
  }
  return out;
}

function clip(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

export interface TextOptions {
  /** Print where every pod went (Pending pods are always printed). Default true. */
  placement?: boolean;
  /** Print the reason of every cell that is not ok. Default true; `hamon plan` may print only the matrix. */
  reasons?: boolean;
}

export function formatSimulationText(result: SimulationResult, options: TextOptions = {}): string {
  const showPlacement = options.placement ?? true;
  const showReasons = options.reasons ?? true;
  const out: string[] = [];
  // DaemonSet pods are one per node, not a choice: one line per DaemonSet, not one per node.
  const scheduled = result.placement.filter((p) => !p.perNode);
  const placed = scheduled.filter((p) => p.node !== null);
  const nodes = new Map<string, string[]>();
  for (const p of placed) nodes.set(p.node!, [...(nodes.get(p.node!) ?? []), p.pod]);
  const zones = new Set(placed.map((p) => p.zone).filter((z) => z !== null));
  out.push(`Placement: ${placed.length}/${scheduled.length} pods on ${nodes.size} nodes in ${zones.size} zones`);
  for (const d of daemonSetSummaries(result))
    out.push(...wrap(`DaemonSet ${d.name}: one pod per node, ${daemonSetCoverage(d)}`, "  "));
  if (showPlacement) {
    for (const [node, pods] of [...nodes.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
      out.push(...wrap(`${node}: ${pods.join(", ")}`, "  "));
  }
  for (const p of result.placement.filter((x) => x.node === null)) {
    out.push(`  PENDING ${p.pod} (${p.component}):`);
    for (const c of p.unschedulable ?? []) {
      out.push(
        ...wrap(
          `${c.nodeClass} (${c.nodes}): ${c.rejectedBy.map((r) => `${r.nodes} ${r.plugin}: ${r.reason}`).join("; ")}`,
          "    ",
        ),
      );
    }
  }

  const components = AVAILABILITY_COMPONENTS.filter((c) =>
    result.scenarios.some((s) => s.components.some((x) => x.component === c)),
  );
  const table = rows(result);
  const labelWidth = Math.min(TEXT_WIDTH - components.length * 7, Math.max(8, ...table.map((r) => r.label.length)));
  out.push("");
  out.push("Failure matrix (ok: fully up, deg: degraded, DOWN: outage or data gap):");
  out.push(`${"scenario".padEnd(labelWidth)} ${components.map((c) => SHORT[c].padEnd(6)).join(" ")}`.trimEnd());
  for (const r of table) {
    const cells = components.map((c) =>
      CELL[r.scenario.components.find((x) => x.component === c)?.status ?? "ok"].padEnd(6),
    );
    out.push(`${clip(r.label, labelWidth)} ${cells.join(" ")}`.trimEnd());
  }
  const noted = table.filter((r) => r.scenario.components.some((c) => c.status !== "ok"));
  if (noted.length > 0 && showReasons) {
    out.push("");
    out.push("Why:");
    for (const r of noted) {
      out.push(`  ${r.label}`);
      for (const c of r.scenario.components.filter((x) => x.status !== "ok"))
        out.push(...wrap(`${c.component} ${CELL[c.status]}: ${c.reason}`, "    "));
    }
  }
  if (result.worstCase.length > 0) {
    out.push("");
    out.push("Worst case the hard constraints allow:");
    // Workloads that are no stack component are named by their owner (the group id ends in Kind/name).
    const label = (w: (typeof result.worstCase)[number]) =>
      w.component === "other" ? `other: ${w.group.split("/").slice(-1)[0]}` : w.component;
    const names = result.worstCase.map(
      (w) => `${label(w)}${w.shard !== undefined ? ` shard ${w.shard}` : ""} ×${w.replicas}`,
    );
    const width = Math.max(...names.map((n) => n.length));
    result.worstCase.forEach((w, i) => {
      const what =
        w.verdict === "single-replica"
          ? "one replica"
          : w.sameNode !== null
            ? `all may share node ${w.sameNode}`
            : w.sameZone !== null
              ? `all may share zone ${w.sameZone}`
              : "no node and no zone can hold them all";
      out.push(...wrap(`${names[i]!.padEnd(width)}  ${w.verdict.padEnd(22)}  ${what}`, "  "));
    });
  }
  return `${out.join("\n")}\n`;
}
