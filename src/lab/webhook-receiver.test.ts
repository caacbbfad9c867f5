import { afterEach, describe, expect, it } from "vitest";
import { STEP_METRIC, WEBHOOK_PATH, WebhookReceiver } from "./webhook-receiver.js";

/** A notification as Alertmanager 0.25 posts it (prometheus.io/docs/alerting/latest/configuration/#webhook_config). */
const payload = {
  version: "4",
  groupKey: '{}/{alertname="Watchdog"}:{alertname="Watchdog", cluster="c"}',
  truncatedAlerts: 0,
  status: "firing",
  receiver: "null",
  groupLabels: { alertname: "Watchdog", cluster: "c" },
  commonLabels: { alertname: "Watchdog", cluster: "c", severity: "none" },
  commonAnnotations: {},
  externalURL: "http://127.0.0.1:9093/",
  alerts: [
    {
      status: "firing",
      labels: { alertname: "Watchdog", cluster: "c", severity: "none" },
      annotations: {},
      fingerprint: "b2",
      startsAt: "2026-01-01T00:00:00Z",
    },
    {
      status: "firing",
      labels: { alertname: "Watchdog", cluster: "d", severity: "none" },
      annotations: {},
      fingerprint: "a1",
      startsAt: "2026-01-01T00:00:00Z",
    },
  ],
};

describe("WebhookReceiver", () => {
  let receiver: WebhookReceiver | undefined;
  afterEach(() => receiver?.stop());

  it("records Alertmanager notifications and rejects other bodies", async () => {
    receiver = new WebhookReceiver(Date.now());
    const port = await receiver.start();
    const post = (body: string) => fetch(`http://127.0.0.1:${port}${WEBHOOK_PATH}`, { method: "POST", body });
    expect((await post(JSON.stringify(payload))).status).toBe(200);
    expect((await post("not json")).status).toBe(400);
    expect(receiver.notifications).toHaveLength(1);
    expect(receiver.notifications[0]).toMatchObject({
      receiver: "null",
      status: "firing",
      groupKey: payload.groupKey,
      externalURL: "http://127.0.0.1:9093/",
      alertnames: ["Watchdog"],
      fingerprints: ["a1", "b2"],
    });
  });

  it("serves the current step as a gauge Prometheus can scrape", async () => {
    receiver = new WebhookReceiver(Date.now());
    const port = await receiver.start();
    const scrape = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(await scrape()).toContain(`\n${STEP_METRIC} 0\n`);
    receiver.setStep(2);
    expect(await scrape()).toContain(`\n${STEP_METRIC} 2\n`);
  });
});
