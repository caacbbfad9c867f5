import { describe, expect, it } from "vitest";
import { groupsRepeatedAfterKill, judgeHeartbeat, labHeartbeatStopBoundMs } from "./heartbeat-proof.js";
import { analyzeDelivery } from "./delivery-analysis.js";
import { formatLabText, labPassed, labReport } from "./lab-report.js";
import type { ReceivedNotification } from "./webhook-receiver.js";

const ping = (at: number, status: "firing" | "resolved" = "firing"): ReceivedNotification => ({
  at,
  externalURL: "am0",
  receiver: "heartbeat",
  groupKey: '{}/{alertname="Watchdog"}:{}',
  status,
  alertnames: ["Watchdog"],
  fingerprints: ["w"],
});
/** A ping every 3 s from 0 s to `until` ms. */
const beating = (from: number, until: number) =>
  Array.from({ length: Math.floor((until - from) / 3_000) + 1 }, (_, i) => ping(from + i * 3_000));
const events = { killedAt: 20_000, restartedAt: 40_000, allMembersUpSince: 10_000 };

describe("the heartbeat proof (pure)", () => {
  it("bounds the last ping by the alert's validity, the last member's wait in line and one flush", () => {
    // 4 × max(2s resend, 1s evaluation) + (3 - 1) × 2s peer-timeout + 1s group_interval.
    expect(labHeartbeatStopBoundMs(3)).toBe(13_000);
    expect(labHeartbeatStopBoundMs(1)).toBe(9_000);
  });

  it("passes when the heartbeat beat, stopped within the bound after the kill, and resumed after the restart", () => {
    const proof = judgeHeartbeat([...beating(0, 27_000), ...beating(45_000, 50_000)], events, 9_000);
    expect(proof).toEqual({
      pingsBeforeKill: 7,
      killedAt: 20,
      lastPingAt: 27,
      stopBound: 9,
      restartedAt: 40,
      resumedAt: 45,
      repeatedAfterKill: [],
      passed: true,
    });
  });

  it("fails when the heartbeat goes on after the bound (Watchdog kept alive by something else)", () => {
    const proof = judgeHeartbeat([...beating(0, 39_000), ...beating(45_000, 50_000)], events, 9_000);
    expect(proof.lastPingAt).toBe(39);
    expect(proof.passed).toBe(false);
  });

  it("fails when it does not resume, or never beat; a resolved notification is not a ping", () => {
    expect(judgeHeartbeat(beating(0, 27_000), events, 9_000).passed).toBe(false);
    expect(judgeHeartbeat([ping(45_000)], events, 9_000).passed).toBe(false);
    const withResolved = [...beating(0, 27_000), ping(35_000, "resolved"), ping(45_000)];
    expect(judgeHeartbeat(withResolved, events, 9_000).lastPingAt).toBe(27);
  });

  it("makes the lab fail and says so in its text report", () => {
    const failed = judgeHeartbeat(beating(0, 27_000), events, 9_000);
    const report = labReport({ prometheus: "2.42.0", alertmanager: "0.25.0" }, analyzeDelivery([], []), [], [], failed);
    expect(labPassed(report)).toBe(false);
    expect(formatLabText(report)).toMatch(
      /HEARTBEAT FAILED: 7 pings before the kill; last ping 7s after .*; NOT resumed/,
    );
    const passed = judgeHeartbeat([...beating(0, 27_000), ping(45_000)], events, 9_000);
    expect(formatLabText({ ...report, heartbeat: passed })).toContain("the heartbeat stopped and resumed");
  });

  describe("alert groups while every Prometheus is down", () => {
    const alert = (
      at: number,
      alertname: string,
      status: "firing" | "resolved",
      from = "am0",
    ): ReceivedNotification => ({
      at,
      externalURL: from,
      receiver: "chat",
      groupKey: `{}:{alertname="${alertname}"}`,
      status,
      alertnames: [alertname],
      fingerprints: [alertname],
    });
    const beats = [...beating(0, 27_000), ping(45_000)];

    it("each may resolve once: its alerts expire", () => {
      const log = [...beats, alert(12_000, "Late", "firing"), alert(28_000, "Late", "resolved")];
      expect(groupsRepeatedAfterKill(log, events)).toEqual([]);
      expect(judgeHeartbeat(log, events, 9_000).passed).toBe(true);
    });

    it("a member re-sending firing after another's resolved fails the proof", () => {
      const log = [
        ...beats,
        alert(12_000, "Late", "firing"),
        alert(28_000, "Late", "resolved", "am0"),
        alert(30_000, "Late", "firing", "am2"),
      ];
      expect(groupsRepeatedAfterKill(log, events)).toEqual(["Late"]);
      const proof = judgeHeartbeat(log, events, 9_000);
      expect(proof.passed).toBe(false);
      const report = labReport(
        { prometheus: "2.42.0", alertmanager: "0.25.0" },
        analyzeDelivery([], []),
        [],
        [],
        proof,
      );
      expect(formatLabText(report)).toContain("notified more than once while every Prometheus was down: Late");
    });

    it("judges only groups opened while every Alertmanager was up, and only until the restart", () => {
      const log = [
        ...beats,
        alert(5_000, "Early", "firing"),
        alert(28_000, "Early", "resolved", "am0"),
        alert(30_000, "Early", "firing", "am2"),
        alert(12_000, "Late", "firing"),
        alert(28_000, "Late", "resolved"),
        alert(42_000, "Late", "firing"), // fires again after the restart, as it should
      ];
      expect(groupsRepeatedAfterKill(log, events)).toEqual([]);
    });
  });
});
