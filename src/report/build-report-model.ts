/**
 * The report model from the pipeline's results: the simulation (placement, scenarios, worst
 * case) on its nodes, the audit findings, the sizing summary, and what the inventory scrapes,
 * alerts on and shows (its monitors, PrometheusRules and dashboard ConfigMaps).
 */
import type { SimNode, SimulationResult, WorstCaseVerdict } from "../simulate/model.js";
import { AVAILABILITY_COMPONENTS } from "../simulate/model.js";
import { zoneOf } from "../simulate/topology.js";
import { daemonSetSummaries } from "../simulate/daemon-set-summary.js";
import type { Inventory } from "../inventory/model.js";
import { alertRules } from "./alert-rules.js";
import { grafanaDashboards } from "./grafana-dashboards.js";
import { scrapeTargets } from "./scrape-targets.js";
import type { ReportFinding, ReportModel, ReportZone, WorstCaseSpread } from "./report-model.js";

const SPREAD: Record<WorstCaseVerdict, WorstCaseSpread> = {
  "zone-spread-guaranteed": "zones",
  "node-spread-guaranteed": "nodes",
  "not-guaranteed": "none",
  "single-replica": "single-replica",
};

export const NO_ZONE = "(no zone label)";

export interface ReportInputs {
  title: string;
  subject: string;
  simulation: SimulationResult;
  nodes: readonly SimNode[];
  /** What was analysed: its monitors, rules and dashboards are listed. */
  inventory: Inventory;
  findings: ReportFinding[];
  sizing: ReportModel["sizing"];
  verdict: ReportModel["verdict"];
}

export function buildReportModel(inputs: ReportInputs): ReportModel {
  const { simulation, nodes } = inputs;
  const podsByNode = new Map<string, Array<{ name: string; component: string }>>();
  for (const p of simulation.placement) {
    // DaemonSet pods are one line each (daemonSets), not a chip on every node.
    if (p.node === null || p.perNode) continue;
    const list = podsByNode.get(p.node) ?? [];
    list.push({ name: p.pod, component: p.component });
    podsByNode.set(p.node, list);
  }
  const zones = new Map<string, ReportZone>();
  for (const node of [...nodes].sort((a, b) => a.name.localeCompare(b.name))) {
    const zone = zoneOf(node) ?? NO_ZONE;
    const entry = zones.get(zone) ?? { name: zone, nodes: [], idleNodes: 0 };
    const pods = podsByNode.get(node.name);
    if (pods) {
      entry.nodes.push({ name: node.name, pods, ...(node.unschedulable ? { notes: ["cordoned"] } : {}) });
    } else {
      entry.idleNodes++;
    }
    zones.set(zone, entry);
  }
  const present = new Set<string>(simulation.scenarios.flatMap((s) => s.components.map((c) => c.component)));
  for (const p of simulation.placement) present.add(p.component);
  return {
    title: inputs.title,
    subject: inputs.subject,
    verdict: inputs.verdict,
    components: AVAILABILITY_COMPONENTS.filter((c) => present.has(c)),
    zones: [...zones.values()].sort((a, b) => a.name.localeCompare(b.name)),
    daemonSets: daemonSetSummaries(simulation),
    unplaced: simulation.placement
      .filter((p) => p.node === null)
      .map((p) => ({
        pod: p.pod,
        component: p.component,
        reason: (p.unschedulable ?? [])
          .map(
            (c) =>
              `${c.nodes} ${c.nodeClass}: ${c.rejectedBy.map((r) => `${r.reason} (${r.plugin}, ${r.nodes})`).join("; ")}`,
          )
          .join(" | "),
      })),
    scenarios: simulation.scenarios.map((s) => ({
      id: s.id,
      kind: s.kind,
      target: s.target,
      cells: s.components.map((c) => ({ component: c.component, status: c.status, reason: c.reason })),
    })),
    worstCase: simulation.worstCase.map((w) => ({
      component: w.component,
      group: w.shard !== undefined ? `${w.group} (shard ${w.shard})` : w.group,
      spread: SPREAD[w.verdict],
      detail: w.reason,
    })),
    findings: inputs.findings,
    sizing: inputs.sizing,
    targets: scrapeTargets(inputs.inventory),
    alerts: alertRules(inputs.inventory),
    dashboards: grafanaDashboards(inputs.inventory),
  };
}
