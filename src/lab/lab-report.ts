/**
 * The lab's report: JSON for machines, text for people. Pure. The JSON has exactly the keys
 * `versions`, `groups`, `duplicates`, `lost`, `killed`, `timeline`, `heartbeat`, `targetDown`.
 */
import type { DeliveryAnalysis, Duplicate, GroupDelivery } from "./delivery-analysis.js";

export interface TimelineEvent {
  /** Seconds since the lab started. */
  at: number;
  /** start, ready, cluster, kill, restart, step, notification, wait, scraped, skip, heartbeat, timeout */
  kind: string;
  /** The process, step or receiver the event is about. */
  subject: string;
  detail?: string;
}

/** What the heartbeat service saw (heartbeat-proof.ts). Times in seconds since the lab started. */
export interface HeartbeatProof {
  /** Pings before both Prometheus replicas were killed (it was beating). */
  pingsBeforeKill: number;
  killedAt: number;
  /** The last ping before the restart. */
  lastPingAt: number | null;
  /** The documented bound: the heartbeat must stop this long after the kill at the latest. */
  stopBound: number;
  restartedAt: number;
  /** The first ping after the restart. */
  resumedAt: number | null;
  /** Alert groups every Alertmanager opened together notified more than once between the kill and the restart (none expected). */
  repeatedAfterKill: string[];
  passed: boolean;
}

/** One alert of the target-down fault: its notifications from the kill to the end of the steps. */
export interface TargetDownAlert {
  alertname: string;
  /** Firing notifications (exactly one expected: both Prometheus send it, the cluster deduplicates). */
  firing: number;
  firedAt: number | null;
  /** Resolved notifications after the restart (exactly one expected). */
  resolved: number;
  resolvedAt: number | null;
}

/** What the target-down fault showed (target-down-fault.ts). Times in seconds since the lab started. */
export interface TargetDownProof {
  /** The process killed: node-exporter. */
  target: string;
  /** The labels of its `up` series, as the rendered ServiceMonitor gives them. */
  labels: Record<string, string>;
  /** The rendered alerts whose expression selects that `up` series; none fails the proof. */
  alerts: TargetDownAlert[];
  /** Their `for:` in the lab (the rendered one scaled like the scrape interval), seconds. */
  forSeconds: number;
  killedAt: number | null;
  restartedAt: number | null;
  passed: boolean;
}

export interface LabReport {
  /** nodeExporter: when the spec renders a node-exporter. */
  versions: { prometheus: string; alertmanager: string; nodeExporter?: string };
  groups: GroupDelivery[];
  duplicates: Duplicate[];
  lost: string[];
  killed: string[];
  timeline: TimelineEvent[];
  /** The dead man's switch proof; null when the spec has no heartbeat or the Alertmanagers are not clustered. */
  heartbeat: HeartbeatProof | null;
  /** node-exporter killed and restarted; null when the spec renders no node-exporter. */
  targetDown: TargetDownProof | null;
}

export function labReport(
  versions: LabReport["versions"],
  analysis: DeliveryAnalysis,
  killed: string[],
  timeline: TimelineEvent[],
  heartbeat: HeartbeatProof | null = null,
  targetDown: TargetDownProof | null = null,
): LabReport {
  const { groups, duplicates, lost } = analysis;
  return { versions, groups, duplicates, lost, killed, timeline, heartbeat, targetDown };
}

/**
 * True when every expected group was notified exactly once, the heartbeat, if any, stopped and
 * resumed, and the target-down alerts, if any target, fired once and resolved once.
 */
export function labPassed(report: LabReport): boolean {
  return (
    report.duplicates.length === 0 &&
    report.lost.length === 0 &&
    (report.heartbeat?.passed ?? true) &&
    (report.targetDown?.passed ?? true)
  );
}

/** The target-down proof in one line (or two, when no rendered alert watches the target). */
export function formatTargetDown(td: TargetDownProof): string {
  const head = td.passed ? `${td.target} down:` : `${td.target.toUpperCase()} DOWN FAILED:`;
  if (td.alerts.length === 0) {
    const series = `up{${Object.entries(td.labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(",")}}`;
    return `${head} no rendered alert selects its ${series}: killing it would page no one`;
  }
  const alerts = td.alerts.map((a) => {
    const fired = a.firedAt === null ? "never fired" : `fired ${a.firing}× (${a.firedAt}s)`;
    const resolved = a.resolvedAt === null ? "NOT resolved" : `resolved ${a.resolved}× (${a.resolvedAt}s)`;
    return `${a.alertname} ${fired}, ${resolved}`;
  });
  return `${head} killed at ${td.killedAt}s, restarted at ${td.restartedAt}s (for: ${td.forSeconds}s in the lab); ${alerts.join("; ")}`;
}

export function formatLabJson(report: LabReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const pad = (s: string, n: number) => s.padEnd(n);

export function formatLabText(report: LabReport): string {
  const lines: string[] = [];
  const nodeExporter = report.versions.nodeExporter ? `, node-exporter ${report.versions.nodeExporter}` : "";
  lines.push(
    `hamon lab: prometheus ${report.versions.prometheus}, alertmanager ${report.versions.alertmanager}${nodeExporter}`,
  );
  lines.push(`killed: ${report.killed.length ? report.killed.join(", ") : "none"}`);
  lines.push("");
  lines.push("timeline:");
  for (const e of report.timeline) {
    lines.push(
      `  ${e.at.toFixed(1).padStart(6)}s  ${pad(e.kind, 12)} ${e.subject}${e.detail ? `  (${e.detail})` : ""}`,
    );
  }
  lines.push("");
  lines.push(`alert groups notified: ${report.groups.length}`);
  for (const g of report.groups) {
    const mark = g.notifications === 1 && g.resolved <= 1 ? "ok " : "!! ";
    const resolved = g.resolved > 0 ? `, resolved ${g.resolved}×` : "";
    lines.push(
      `  ${mark} ${pad(g.alertnames.join(","), 34)} receiver=${pad(g.receiver, 8)} ${g.notifications}× at ${g.firstAt}s${resolved} by ${g.senders.join(", ")}`,
    );
  }
  lines.push("");
  if (report.duplicates.length) {
    lines.push(`DUPLICATES: ${report.duplicates.length} notification(s) delivered more than once`);
    for (const d of report.duplicates) {
      lines.push(
        `  ${d.alertnames.join(",")} (${d.status}, receiver ${d.receiver}): ${d.deliveries}× by ${d.senders.join(", ")} at ${d.at.join("s, ")}s`,
      );
    }
  } else {
    lines.push("duplicates: none");
  }
  lines.push(report.lost.length ? `LOST: ${report.lost.join(", ")} never notified` : "lost: none");
  const hb = report.heartbeat;
  if (hb) {
    const stop =
      hb.lastPingAt === null
        ? "no ping at all"
        : `last ping ${Math.max(0, Math.round((hb.lastPingAt - hb.killedAt) * 10) / 10)}s after both Prometheus were killed (bound ${hb.stopBound}s)`;
    const resumed =
      hb.resumedAt === null
        ? "NOT resumed"
        : `resumed ${Math.round((hb.resumedAt - hb.restartedAt) * 10) / 10}s after the restart`;
    const repeated = hb.repeatedAfterKill.length
      ? `; notified more than once while every Prometheus was down: ${hb.repeatedAfterKill.join(", ")}`
      : "";
    lines.push(
      `${hb.passed ? "heartbeat:" : "HEARTBEAT FAILED:"} ${hb.pingsBeforeKill} pings before the kill; ${stop}; ${resumed}${repeated}`,
    );
  }
  if (report.targetDown) lines.push(formatTargetDown(report.targetDown));
  const summary = [
    "every alert group notified exactly once",
    ...(hb ? ["the heartbeat stopped and resumed"] : []),
    ...(report.targetDown ? [`${report.targetDown.target}'s down alert fired once and resolved`] : []),
  ].join(", ");
  lines.push(labPassed(report) ? `result: ${summary}` : "result: FAILED");
  return `${lines.join("\n")}\n`;
}
