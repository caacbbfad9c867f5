/**
 * The lab's fault-injection schedule run against the live processes: each step's fault, then the
 * step's alert, awaited at the receiver (the steps and their alerts: fault-injection.ts).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { WATCHDOG_ALERT } from "../render/components/meta-monitoring-rules.js";
import type { DeliveryWatch } from "./delivery-wait.js";
import { alertmanagerToKill, LAB_STEPS } from "./fault-injection.js";
import type { LabProcesses } from "./lab-processes.js";
import type { LabTimeline } from "./lab-timeline.js";
import { senderNameIn } from "./lab-topology.js";
import type { WebhookReceiver } from "./webhook-receiver.js";

/** After a delivery, before the next kill: the notification log has gossiped to every peer. */
const SETTLE_MS = 1_000;

export interface FaultSchedule {
  processes: LabProcesses;
  delivery: DeliveryWatch;
  receiver: WebhookReceiver;
  timeline: LabTimeline;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

export interface InjectedFaults {
  /** The processes killed, in order. */
  killed: string[];
  /** When (Date.now()) the restarted Alertmanager had rejoined its cluster. */
  rejoinedAt: number;
}

export async function runFaultSchedule(lab: FaultSchedule): Promise<InjectedFaults> {
  const { processes, delivery, receiver, timeline, signal } = lab;
  const { alertmanagers, prometheus } = processes.nodes;
  const stepFires = (step: number) => {
    receiver.setStep(step);
    timeline.record("step", String(step), `${LAB_STEPS[step]!.alertname} fires`);
  };

  // Step 0: nothing broken yet.
  timeline.record("step", "0", `${LAB_STEPS[0]!.alertname} and ${WATCHDOG_ALERT} fire`);
  await delivery.awaitNotified([LAB_STEPS[0]!.alertname, WATCHDOG_ALERT]);
  await sleep(SETTLE_MS, undefined, { signal });

  // Step 1: kill the Alertmanager that has been sending.
  const amVictim = alertmanagerToKill(
    receiver.notifications,
    senderNameIn(alertmanagers),
    alertmanagers.map((a) => a.name),
  );
  await processes.kill(amVictim);
  stepFires(1);
  await delivery.awaitNotified([LAB_STEPS[1]!.alertname]);
  await sleep(SETTLE_MS, undefined, { signal });

  // Step 2: kill one Prometheus replica; its twin alone keeps evaluating and sending.
  const promVictim = prometheus[0]!;
  await processes.kill(promVictim.name);
  stepFires(2);
  await delivery.awaitNotified([LAB_STEPS[2]!.alertname]);

  // Step 3: restart both, same ports and data; the Alertmanager rejoins and syncs its state.
  processes.restart(amVictim);
  processes.restart(promVictim.name);
  await processes.awaitReady(alertmanagers.find((a) => a.name === amVictim)!);
  await processes.awaitCluster();
  const rejoinedAt = Date.now();
  await processes.awaitReady(promVictim);
  stepFires(3);
  await delivery.awaitNotified([LAB_STEPS[3]!.alertname]);

  return { killed: [amVictim, promVictim.name], rejoinedAt };
}
