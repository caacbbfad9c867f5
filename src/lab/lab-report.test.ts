import { describe, expect, it } from "vitest";
import { analyzeDelivery } from "./delivery-analysis.js";
import { formatLabJson, formatLabText, labPassed, labReport } from "./lab-report.js";
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
    expect(Object.keys(json)).toEqual(["versions", "groups", "duplicates", "lost", "killed", "timeline", "heartbeat"]);
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
});
