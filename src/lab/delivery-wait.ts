/**
 * Waiting for notifications at the lab's webhook receiver: each new alert group within
 * DELIVERY_TIMEOUT_MS (a group that misses it is recorded, and the report calls it lost), and at
 * the end a quiet period, until no late duplicate can still come.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { HEARTBEAT_RECEIVER } from "../render/alertmanager-config.js";
import { isHeartbeat } from "./heartbeat-proof.js";
import { LAB_PEER_TIMEOUT_MS } from "./lab-config.js";
import type { LabProcesses } from "./lab-processes.js";
import type { LabTimeline } from "./lab-timeline.js";
import { senderNameIn } from "./lab-topology.js";
import type { WebhookReceiver } from "./webhook-receiver.js";

const DELIVERY_TIMEOUT_MS = 30_000;

/**
 * After the last delivery, the last peer in line checks the notification log at group_wait +
 * (N - 1) × peer-timeout; once a restarted Alertmanager has rejoined and settled, it has the alerts
 * again within one resend delay (2s) and would send them after group_wait and its own wait in
 * line. One second of margin on both.
 */
const quietAfterDeliveryMs = (alertmanagers: number): number =>
  1_000 + (alertmanagers - 1) * LAB_PEER_TIMEOUT_MS + 1_000;
const quietAfterRejoinMs = (alertmanagers: number): number => 2_000 + quietAfterDeliveryMs(alertmanagers);

export class DeliveryWatch {
  /** Records every notification on the timeline, with the Alertmanager that sent it. */
  constructor(
    private readonly receiver: WebhookReceiver,
    private readonly processes: LabProcesses,
    private readonly timeline: LabTimeline,
    private readonly signal: AbortSignal,
  ) {
    const senderName = senderNameIn(processes.nodes.alertmanagers);
    // Heartbeats come every few seconds: the heartbeat proof records when they stop and resume.
    receiver.onNotification((n) => {
      if (n.receiver === HEARTBEAT_RECEIVER && receiver.notifications.filter(isHeartbeat).length > 1) return;
      timeline.record(
        "notification",
        n.alertnames.join(","),
        `${n.status}, receiver ${n.receiver}, from ${senderName(n.externalURL)}`,
      );
    });
  }

  /**
   * Waits for the first notification of each alert (`pendingMs` longer for alerts with a `for:`);
   * a timeout is not an error here: the report calls it lost.
   */
  async awaitNotified(alertnames: string[], pendingMs = 0): Promise<void> {
    const timeoutMs = DELIVERY_TIMEOUT_MS + pendingMs;
    try {
      await this.processes.waitFor(`notification of ${alertnames.join(", ")}`, timeoutMs, async () =>
        alertnames.every((a) => this.notified(a)),
      );
    } catch (e) {
      if (this.signal.aborted) throw e;
      this.timeline.record(
        "timeout",
        alertnames.filter((a) => !this.notified(a)).join(","),
        `not notified within ${timeoutMs / 1000}s`,
      );
    }
  }

  /** Waits for a resolved notification of each alert after `since` (ms since the lab started); a timeout is judged by the report. */
  async awaitResolved(alertnames: string[], since: number): Promise<void> {
    const resolved = (a: string) =>
      this.receiver.notifications.some((n) => n.status === "resolved" && n.at >= since && n.alertnames.includes(a));
    try {
      await this.processes.waitFor(`resolution of ${alertnames.join(", ")}`, DELIVERY_TIMEOUT_MS, async () =>
        alertnames.every(resolved),
      );
    } catch (e) {
      if (this.signal.aborted) throw e;
      this.timeline.record(
        "timeout",
        alertnames.filter((a) => !resolved(a)).join(","),
        `not resolved within ${DELIVERY_TIMEOUT_MS / 1000}s`,
      );
    }
  }

  /** Waits until a duplicate of any delivery, or from the Alertmanager that rejoined at `rejoinedAt`, would have come. */
  async awaitQuietPeriod(rejoinedAt: number): Promise<void> {
    const alertmanagers = this.processes.nodes.alertmanagers.length;
    const lastDelivery = this.timeline.startedAt + Math.max(0, ...this.receiver.notifications.map((n) => n.at));
    const quietMs =
      Math.max(lastDelivery + quietAfterDeliveryMs(alertmanagers), rejoinedAt + quietAfterRejoinMs(alertmanagers)) -
      Date.now();
    this.timeline.record(
      "wait",
      `${(Math.max(0, quietMs) / 1000).toFixed(1)}s`,
      "quiet period: any late duplicate would arrive now",
    );
    if (quietMs > 0) await sleep(quietMs, undefined, { signal: this.signal });
  }

  private notified(alertname: string): boolean {
    return this.receiver.notifications.some((n) => n.status === "firing" && n.alertnames.includes(alertname));
  }
}
