/**
 * The lab's report: JSON for machines, text for people. Pure. The JSON has exactly the keys
 * `versions`, `groups`, `duplicates`, `lost`, `killed`, `timeline`.
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

export interface LabReport {
  versions: { prometheus: string; alertmanager: string };
  groups: GroupDelivery[];
  duplicates: Duplicate[];
  lost: string[];
  killed: string[];
  timeline: TimelineEvent[];
}

export function labReport(
  versions: LabReport["versions"],
  analysis: DeliveryAnalysis,
  killed: string[],
  timeline: TimelineEvent[],
): LabReport {
  return { versions, groups: analysis.groups, duplicates: analysis.duplicates, lost: analysis.lost, killed, timeline };
}

/** True when every expected group was notified exactly once. */
export function labPassed(report: LabReport): boolean {
  return report.duplicates.length === 0 && report.lost.length === 0;
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
  lines.push(labPassed(report) ? "result: every alert group notified exactly once" : "result: FAILED");
  return `${lines.join("\n")}\n`;
}
