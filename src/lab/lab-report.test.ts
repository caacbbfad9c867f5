import { describe, expect, it } from "vitest";
import { analyzeDelivery } from "./delivery-analysis.js";
import { formatLabJson, formatLabText, labPassed, labReport, type TargetDownProof } from "./lab-report.js";
import type { ReceivedNotification } from "./webhook-receiver.js";

const note = (at: number, from: string, alertname: string): ReceivedNotification => ({
  at,
  externalURL: from,
  receiver: "default",
  groupKey: `{}:{alertname="${alertname}"}`,
  status: "firing",
  alertnames: [alertname],
  fingerprints: [alertname],
});
const versions = { prometheus: "2.42.0", alertmanager: "0.25.0" };
const timeline = [{ at: 0.2, kind: "kill", subject: "alertmanager-1", detail: "SIGKILL" }];

describe("lab report", () => {
  it("has exactly the documented JSON keys", () => {
    const report = labReport(
      versions,
      analyzeDelivery([note(1, "am0", "A")], ["A"]),
      ["alertmanager-1", "prometheus-0"],
      timeline,
    );
    const json = JSON.parse(formatLabJson(report)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "versions",
      "groups",
      "duplicates",
      "lost",
      "killed",
      "timeline",
      "heartbeat",
      "targetDown",
    ]);
    expect(json.versions).toEqual(versions);
    expect(json.killed).toEqual(["alertmanager-1", "prometheus-0"]);
  });

  it("passes only with no duplicate and nothing lost, and says so in text", () => {
    const ok = labReport(versions, analyzeDelivery([note(1, "am0", "A")], ["A"]), [], timeline);
    expect(labPassed(ok)).toBe(true);
    expect(formatLabText(ok)).toContain("every alert group notified exactly once");

    const dup = labReport(versions, analyzeDelivery([note(1, "am0", "A"), note(2, "am1", "A")], ["A"]), [], timeline);
    expect(labPassed(dup)).toBe(false);
    expect(formatLabText(dup)).toMatch(/DUPLICATES: 1 .*\n\s+A \(firing, receiver default\): 2× by am0, am1/);

    const lost = labReport(versions, analyzeDelivery([], ["A"]), [], timeline);
    expect(labPassed(lost)).toBe(false);
    expect(formatLabText(lost)).toContain("LOST: A never notified");
  });

  it("fails on a target-down proof that failed, and says why in text", () => {
    const proof: TargetDownProof = {
      target: "node-exporter",
      labels: { job: "node-exporter", instance: "lab-node-0" },
      alerts: [{ alertname: "NodeDown", firing: 1, firedAt: 30.1, resolved: 1, resolvedAt: 40.2 }],
      forSeconds: 10,
      killedAt: 20,
      restartedAt: 38,
      passed: true,
    };
    const ok = labReport(versions, analyzeDelivery([note(1, "am0", "A")], ["A"]), [], timeline, null, proof);
    expect(labPassed(ok)).toBe(true);
    expect(formatLabText(ok)).toContain(
      "node-exporter down: killed at 20s, restarted at 38s (for: 10s in the lab); NodeDown fired 1× (30.1s), resolved 1× (40.2s)",
    );
    expect(formatLabText(ok)).toContain("node-exporter's down alert fired once and resolved");

    const unresolved = { ...proof, alerts: [{ ...proof.alerts[0]!, resolved: 0, resolvedAt: null }], passed: false };
    const failed = labReport(versions, analyzeDelivery([note(1, "am0", "A")], ["A"]), [], timeline, null, unresolved);
    expect(labPassed(failed)).toBe(false);
    expect(formatLabText(failed)).toContain("NODE-EXPORTER DOWN FAILED:");
    expect(formatLabText(failed)).toContain("NodeDown fired 1× (30.1s), NOT resolved");

    const unwatched = { ...proof, alerts: [], killedAt: null, restartedAt: null, passed: false };
    const gap = labReport(versions, analyzeDelivery([note(1, "am0", "A")], ["A"]), [], timeline, null, unwatched);
    expect(labPassed(gap)).toBe(false);
    expect(formatLabText(gap)).toContain(
      'no rendered alert selects its up{job="node-exporter",instance="lab-node-0"}: killing it would page no one',
    );
  });
});
