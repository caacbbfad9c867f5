/**
 * The lab's report: JSON for machines, text for people. Pure. The JSON has exactly the keys
 * `versions`, `groups`, `duplicates`, `lost`, `killed`, `timeline`, `heartbeat`.
 */
import type { DeliveryAnalysis, Duplicate, GroupDelivery } from "./delivery-analysis.js";

export interface TimelineEvent {
  /** Seconds since the lab started. */
  at: number;
  /** start, ready, cluster, kill, restart, step, notification, wait */
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
  passed: boolean;
}

export interface LabReport {
  versions: { prometheus: string; alertmanager: string };
  groups: GroupDelivery[];
  duplicates: Duplicate[];
  lost: string[];
  killed: string[];
  timeline: TimelineEvent[];
  /** The dead man's switch proof; null when the spec has no heartbeat or the Alertmanagers are not clustered. */
  heartbeat: HeartbeatProof | null;
}

export function labReport(
  versions: LabReport["versions"],
  analysis: DeliveryAnalysis,
  killed: string[],
  timeline: TimelineEvent[],
  heartbeat: HeartbeatProof | null = null,
): LabReport {
  const { groups, duplicates, lost } = analysis;
  return { versions, groups, duplicates, lost, killed, timeline, heartbeat };
}

/** True when every expected group was notified exactly once, and the heartbeat, if any, stopped and resumed. */
export function labPassed(report: LabReport): boolean {
  return report.duplicates.length === 0 && report.lost.length === 0 && (report.heartbeat?.passed ?? true);
}

export function formatLabJson(report: LabReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const pad = (s: string, n: number) => s.padEnd(n);

export function formatLabText(report: LabReport): string {
  const lines: string[] = [];
  lines.push(`hamon lab: prometheus ${report.versions.prometheus}, alertmanager ${report.versions.alertmanager}`);
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
    const mark = g.notifications === 1 ? "ok " : "!! ";
    lines.push(
      `  ${mark} ${pad(g.alertnames.join(","), 34)} receiver=${pad(g.receiver, 8)} ${g.notifications}× at ${g.firstAt}s by ${g.senders.join(", ")}`,
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
    lines.push(
      `${hb.passed ? "heartbeat:" : "HEARTBEAT FAILED:"} ${hb.pingsBeforeKill} pings before the kill; ${stop}; ${resumed}`,
    );
  }
  const summary = hb
    ? "every alert group notified exactly once, the heartbeat stopped and resumed"
    : "every alert group notified exactly once";
  lines.push(labPassed(report) ? `result: ${summary}` : "result: FAILED");
  return `${lines.join("\n")}\n`;
}
