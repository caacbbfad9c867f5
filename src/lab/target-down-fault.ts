/**
 * The target-down fault: the real node-exporter, scraped by every Prometheus replica as the
 * rendered ServiceMonitor has it scraped, is killed (SIGKILL) and stays down past the `for:` of
 * the rendered alerts that watch its `up` series (target-down-alerts.ts). Each such alert must
 * reach the receiver exactly once while it is down (both replicas fire it; the Alertmanager
 * cluster deduplicates); the node-exporter is restarted and each must resolve, once.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { AlertingRuleGroup } from "../render/components/meta-monitoring-rules.js";
import type { Duration } from "../units/duration.js";
import { LOOPBACK } from "./free-ports.js";
import { lastPositionWaitMs } from "./lab-config.js";
import { labTargetLabels, type RenderedScrape } from "./node-exporter-scrape.js";
import { alertsWatchingTarget, labForDurationMs } from "./target-down-alerts.js";
import type { LabProcesses } from "./lab-processes.js";
import type { LabNode } from "./lab-topology.js";
import type { TargetDownAlert, TargetDownProof } from "./lab-report.js";
import type { LabTimeline } from "./lab-timeline.js";
import type { DeliveryWatch } from "./delivery-wait.js";
import type { ReceivedNotification, WebhookReceiver } from "./webhook-receiver.js";

export type { TargetDownProof };

/**
 * After the first firing notification, still down this long: a duplicate from the last member in
 * line would come within its wait (lastPositionWaitMs); two seconds more for a loaded machine.
 */
const holdDownMs = (alertmanagers: number): number => lastPositionWaitMs(alertmanagers) + 2_000;

/** What the fault is about: the process, its `up` series' labels, the alerts that watch it. */
export interface TargetDownPlan {
  /** The process killed: node-exporter. */
  target: LabNode;
  job: string;
  labels: Record<string, string>;
  alertnames: string[];
  forMs: number;
}

/**
 * The fault, from the rendered scrape and rules (pure): the labels of the target's `up` series, the
 * alerts that select it, and the longest of their `for:` in lab time.
 */
export function planTargetDown(
  scrape: RenderedScrape,
  target: LabNode,
  ruleGroups: readonly AlertingRuleGroup[],
  specScrapeInterval: Duration,
): TargetDownPlan {
  const labels = labTargetLabels(scrape, `${LOOPBACK}:${target.webPort}`);
  const alertnames = alertsWatchingTarget(ruleGroups, labels);
  const fors = ruleGroups
    .flatMap((g) => g.rules)
    .filter((r) => alertnames.includes(r.alert))
    .map((r) => labForDurationMs(r.for, specScrapeInterval));
  return { target, job: scrape.job, labels, alertnames, forMs: Math.max(0, ...fors) };
}

/** When the lab did what, in milliseconds since it started; null when the fault did not run. */
export interface TargetDownEvents {
  killedAt: number | null;
  restartedAt: number | null;
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** Pure: judges the notifications of the watched alerts against the kill and the restart. */
export function judgeTargetDown(
  notifications: readonly ReceivedNotification[],
  plan: TargetDownPlan,
  events: TargetDownEvents,
): TargetDownProof {
  const { killedAt, restartedAt } = events;
  const alerts: TargetDownAlert[] = plan.alertnames.map((alertname) => {
    const carrying = notifications.filter(
      (n) => n.alertnames.includes(alertname) && killedAt !== null && n.at >= killedAt,
    );
    const firing = carrying.filter((n) => n.status === "firing");
    const resolved = carrying.filter((n) => n.status === "resolved" && restartedAt !== null && n.at >= restartedAt);
    return {
      alertname,
      firing: firing.length,
      firedAt: firing[0] ? seconds(firing[0].at) : null,
      resolved: resolved.length,
      resolvedAt: resolved[0] ? seconds(resolved[0].at) : null,
    };
  });
  const firedWhileDown = (a: TargetDownAlert) =>
    a.firedAt !== null && restartedAt !== null && a.firedAt * 1000 < restartedAt;
  return {
    target: plan.target.name,
    labels: plan.labels,
    alerts,
    forSeconds: seconds(plan.forMs),
    killedAt: killedAt === null ? null : seconds(killedAt),
    restartedAt: restartedAt === null ? null : seconds(restartedAt),
    passed: alerts.length > 0 && alerts.every((a) => a.firing === 1 && firedWhileDown(a) && a.resolved === 1),
  };
}

export interface TargetDownContext {
  processes: LabProcesses;
  delivery: DeliveryWatch;
  receiver: WebhookReceiver;
  timeline: LabTimeline;
  signal: AbortSignal;
}

/**
 * Kills the target, awaits each watched alert's notification, holds it down a little longer,
 * restarts it and awaits each alert's resolved notification. Does nothing when no alert watches
 * it (the proof then fails: a target whose death pages no one).
 */
export async function runTargetDownFault(lab: TargetDownContext, plan: TargetDownPlan): Promise<TargetDownEvents> {
  const { processes, delivery, timeline, signal } = lab;
  if (plan.alertnames.length === 0) {
    timeline.record("skip", plan.target.name, `no rendered alert watches up{job="${plan.job}"}: not killed`);
    return { killedAt: null, restartedAt: null };
  }
  await processes.awaitScraped(plan.job);
  await processes.kill(plan.target.name);
  const killedAt = Date.now() - timeline.startedAt;
  timeline.record(
    "step",
    plan.target.name,
    `down: ${plan.alertnames.join(", ")} fire after for: ${plan.forMs / 1000}s`,
  );
  await delivery.awaitNotified(plan.alertnames, plan.forMs);
  const holdMs = holdDownMs(processes.nodes.alertmanagers.length);
  timeline.record("wait", `${holdMs / 1000}s`, "still down: a duplicate from another member would arrive now");
  await sleep(holdMs, undefined, { signal });

  processes.restart(plan.target.name);
  const restartedAt = Date.now() - timeline.startedAt;
  await processes.awaitReady(plan.target);
  await processes.awaitScraped(plan.job);
  await delivery.awaitResolved(plan.alertnames, restartedAt);
  return { killedAt, restartedAt };
}
