/**
 * The failures the lab injects, in order, and the test alert that starts firing after each one:
 * a new alert group must reach the receiver exactly once even though a component is gone.
 *
 *   step 0  nothing killed yet          HamonLabFiresAtStart            (vector(1): fires at once)
 *   step 1  one Alertmanager killed     HamonLabAfterAlertmanagerKilled
 *   step 2  one Prometheus killed       HamonLabAfterPrometheusKilled
 *   step 3  both restarted              HamonLabAfterRestart
 *
 * Steps 1–3 fire when the gauge `hamon_lab_step` (served by the lab's webhook receiver and scraped
 * every second) reaches the step, so the lab, not a clock, decides when each group appears.
 * Kills are SIGKILL: a crash, no graceful leave from the gossip cluster.
 */
import type { AlertingRuleGroup } from "../render/components/meta-monitoring-rules.js";
import { STEP_METRIC, type ReceivedNotification } from "./webhook-receiver.js";

export interface LabStep {
  step: number;
  alertname: string;
  /** What has been done to the stack when this step's alert starts firing. */
  fault: string;
}

export const LAB_STEPS: readonly LabStep[] = [
  { step: 0, alertname: "HamonLabFiresAtStart", fault: "none" },
  { step: 1, alertname: "HamonLabAfterAlertmanagerKilled", fault: "one Alertmanager killed" },
  { step: 2, alertname: "HamonLabAfterPrometheusKilled", fault: "one Prometheus replica killed" },
  { step: 3, alertname: "HamonLabAfterRestart", fault: "both restarted" },
];

/** The lab's own alerting rules, loaded next to the rendered meta-monitoring rules. */
export function labAlertRuleGroup(): AlertingRuleGroup {
  return {
    name: "hamon-lab",
    rules: LAB_STEPS.map((s) => ({
      alert: s.alertname,
      // max() drops the scrape's job/instance labels: one alert, the same from both replicas.
      expr: s.step === 0 ? "vector(1)" : `max(${STEP_METRIC}) >= ${s.step}`,
      labels: { severity: "warning" },
      annotations: { summary: `hamon lab step ${s.step}`, description: `Starts firing after: ${s.fault}.` },
    })),
  };
}

/**
 * The Alertmanager to kill: the one that delivered the first notification, i.e. the one the
 * cluster currently lets send (position 0 in the peer list). Killing it is the worst case: the
 * others must notice and take over without sending twice. Falls back to the first name.
 */
export function alertmanagerToKill(
  notifications: readonly ReceivedNotification[],
  senderName: (externalURL: string) => string | undefined,
  names: readonly string[],
): string {
  for (const n of notifications) {
    const name = senderName(n.externalURL);
    if (name !== undefined && names.includes(name)) return name;
  }
  return names[0]!;
}
