/**
 * The dead man's switch, proved: the lab's webhook receiver plays the outside heartbeat service.
 * While Prometheus runs, Watchdog reaches it every LAB_HEARTBEAT_PERIOD_MS; both Prometheus
 * replicas are killed and the heartbeat must stop within the bound of lab-config.ts
 * (heartbeatStopBoundMs: derived from the timings, no margin added for a loaded machine) and stay silent; both are restarted and it must resume.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { HEARTBEAT_RECEIVER } from "../render/alertmanager-config.js";
import {
  heartbeatStopBoundMs,
  LAB_EVALUATION_INTERVAL_MS,
  LAB_HEARTBEAT_PERIOD_MS,
  LAB_RESEND_DELAY_MS,
  lastPositionWaitMs,
} from "./lab-config.js";
import type { LabProcesses } from "./lab-processes.js";
import type { HeartbeatProof } from "./lab-report.js";
import type { LabTimeline } from "./lab-timeline.js";
import type { ReceivedNotification, WebhookReceiver } from "./webhook-receiver.js";

export type { HeartbeatProof };

/** The heartbeat route's group_interval in the lab (LAB_HEARTBEAT_TIMINGS). */
const LAB_HEARTBEAT_GROUP_INTERVAL_MS = 1_000;
/** The bound of heartbeatStopBoundMs with the lab's timings and `alertmanagers` members: 13s for three. */
export const labHeartbeatStopBoundMs = (alertmanagers: number): number =>
  heartbeatStopBoundMs(
    LAB_RESEND_DELAY_MS,
    LAB_EVALUATION_INTERVAL_MS,
    LAB_HEARTBEAT_GROUP_INTERVAL_MS,
    lastPositionWaitMs(alertmanagers),
  );
/** After the bound, silence this long (two heartbeat periods) before the restart: a heartbeat still going would show. */
const SILENCE_MS = 2 * LAB_HEARTBEAT_PERIOD_MS;
/** A restarted Prometheus evaluates Watchdog within a second, sends it at once, and group_wait is 0s. */
const RESUME_TIMEOUT_MS = 20_000;

/** When the lab did what, in milliseconds since it started. */
export interface HeartbeatEvents {
  killedAt: number;
  restartedAt: number;
  /**
   * Since when every Alertmanager was up (the restarted one rejoined): the alert groups first
   * notified from then on were opened by every member together.
   */
  allMembersUpSince: number;
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

export function isHeartbeat(n: ReceivedNotification): boolean {
  return n.receiver === HEARTBEAT_RECEIVER;
}

/**
 * The alert groups every member opened together that were notified more than once between the kill
 * of every Prometheus and their restart: each may resolve there once (its alerts expire), nothing
 * more. A second notification is a member re-sending its older "firing" view after another sent
 * "resolved" (lab-config.ts, labGroupIntervalMs). Groups the restarted Alertmanager opened later
 * than its peers (when Prometheus re-sent them) are not judged: its flushes fall out of step with
 * theirs by any fraction of group_interval, and then a late member's wait in line can overlap
 * another's next flush, whatever the timings (prometheus/alertmanager issues #2447 and #4008);
 * with the rendered 5m group_interval against (3 - 1) × 15s of wait this is rare, in the lab's
 * seconds it is not. They stay on the timeline.
 */
export function groupsRepeatedAfterKill(
  notifications: readonly ReceivedNotification[],
  events: HeartbeatEvents,
): string[] {
  const alerts = notifications.filter((n) => !isHeartbeat(n));
  const keyOf = (n: ReceivedNotification) => `${n.receiver}\n${n.groupKey}`;
  const openedTogether = new Set(
    [...new Set(alerts.map(keyOf))].filter((key) => {
      const first = alerts.find((n) => keyOf(n) === key && n.status === "firing");
      return first !== undefined && first.at >= events.allMembersUpSince;
    }),
  );
  const afterKill = alerts.filter(
    (n) => openedTogether.has(keyOf(n)) && n.at >= events.killedAt && n.at < events.restartedAt,
  );
  const repeated = [...openedTogether].filter((key) => afterKill.filter((n) => keyOf(n) === key).length > 1);
  return repeated.map((key) => afterKill.find((n) => keyOf(n) === key)!.alertnames.join(","));
}

/** Pure: judges the heartbeat pings against the kill and the restart. */
export function judgeHeartbeat(
  notifications: readonly ReceivedNotification[],
  events: HeartbeatEvents,
  stopBoundMs: number,
): HeartbeatProof {
  const pings = notifications.filter((n) => isHeartbeat(n) && n.status === "firing").map((n) => n.at);
  const beforeKill = pings.filter((at) => at < events.killedAt);
  const beforeRestart = pings.filter((at) => at < events.restartedAt);
  const lastPing = beforeRestart.length > 0 ? Math.max(...beforeRestart) : undefined;
  const resumed = pings.filter((at) => at >= events.restartedAt);
  const resumedAt = resumed.length > 0 ? Math.min(...resumed) : undefined;
  const stopped = lastPing !== undefined && lastPing <= events.killedAt + stopBoundMs;
  const repeatedAfterKill = groupsRepeatedAfterKill(notifications, events);
  return {
    pingsBeforeKill: beforeKill.length,
    killedAt: seconds(events.killedAt),
    lastPingAt: lastPing === undefined ? null : seconds(lastPing),
    stopBound: seconds(stopBoundMs),
    restartedAt: seconds(events.restartedAt),
    resumedAt: resumedAt === undefined ? null : seconds(resumedAt),
    repeatedAfterKill,
    passed: beforeKill.length >= 2 && stopped && resumedAt !== undefined && repeatedAfterKill.length === 0,
  };
}

export interface HeartbeatRunContext {
  processes: LabProcesses;
  /** When every Alertmanager was up again (Date.now()), after the restart of the exactly-once steps. */
  allMembersUpAt: number;
  receiver: WebhookReceiver;
  timeline: LabTimeline;
  signal: AbortSignal;
}

/** Kills every Prometheus replica, waits out the bound and the silence, restarts them, awaits the next ping. */
export async function runHeartbeatProof(lab: HeartbeatRunContext): Promise<HeartbeatProof> {
  const { processes, receiver, timeline, signal } = lab;
  const allMembersUpSince = lab.allMembersUpAt - timeline.startedAt;
  const prometheus = processes.nodes.prometheus;
  for (const node of prometheus) await processes.kill(node.name);
  const killedAt = Date.now() - timeline.startedAt;
  const stopBoundMs = labHeartbeatStopBoundMs(processes.nodes.alertmanagers.length);
  const waitMs = stopBoundMs + SILENCE_MS;
  timeline.record(
    "wait",
    `${waitMs / 1000}s`,
    `every Prometheus down: the heartbeat must stop within ${stopBoundMs / 1000}s and stay silent`,
  );
  await sleep(waitMs, undefined, { signal });
  const pings = receiver.notifications.filter(isHeartbeat);
  const last = pings.at(-1);
  timeline.record("heartbeat", "last ping", last ? `${seconds(last.at - killedAt)}s after the kill` : "none");

  for (const node of prometheus) processes.restart(node.name);
  const restartedAt = Date.now() - timeline.startedAt;
  for (const node of prometheus) await processes.awaitReady(node);
  try {
    await processes.waitFor("the heartbeat to resume", RESUME_TIMEOUT_MS, async () =>
      receiver.notifications.some((n) => isHeartbeat(n) && n.at >= restartedAt),
    );
    const resumed = receiver.notifications.find((n) => isHeartbeat(n) && n.at >= restartedAt)!;
    timeline.record("heartbeat", "resumed", `${seconds(resumed.at - restartedAt)}s after the restart`);
  } catch (e) {
    if (signal.aborted) throw e;
    timeline.record("timeout", "heartbeat", `not resumed within ${RESUME_TIMEOUT_MS / 1000}s of the restart`);
  }
  return judgeHeartbeat(receiver.notifications, { killedAt, restartedAt, allMembersUpSince }, stopBoundMs);
}
