/**
 * The lab end to end, with the real Debian binaries: two Prometheus replicas, three clustered
 * Alertmanagers, an Alertmanager and a Prometheus killed and restarted. Every alert group must
 * reach the receiver exactly once. (The negative control is in run-lab-negative-control.test.ts,
 * a file of its own so that vitest runs both labs in parallel.)
 */
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { WATCHDOG_ALERT } from "../render/components/meta-monitoring-rules.js";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { requiredBinary } from "../../test/support/required-binary.js";
import { isProcessRunning } from "../io/process-table.js";
import { LAB_STEPS } from "./fault-injection.js";
import { labPassed } from "./lab-report.js";
import { runLab, type LabRun } from "./run-lab.js";

const prometheus = requiredBinary("prometheus");
const alertmanager = requiredBinary("alertmanager");

const isAlive = isProcessRunning;

describe.skipIf(prometheus.skip || alertmanager.skip)("hamon lab: clustered Alertmanagers, failures injected", () => {
  let run: LabRun;
  beforeAll(async () => {
    run = await runLab({
      specText: EXAMPLE_SPEC_YAML,
      specFile: "(built-in example)",
      progress: (l) => process.stderr.write(`${l}\n`),
    });
  }, 170_000);

  it("runs the Debian binaries it reports", () => {
    expect(run.report.versions.prometheus).toMatch(/^2\.\d+\.\d+/);
    expect(run.report.versions.alertmanager).toMatch(/^0\.\d+\.\d+/);
  });

  it("loaded the rendered meta-monitoring rules and the lab's rules into the real Prometheus", () => {
    const rules = run.report.timeline.find((e) => e.kind === "rules")!;
    expect(rules.detail).toMatch(/^19 rules in 6 groups: /); // 15 rendered (example spec, phase 4) + 4 lab steps
    expect(rules.detail).toContain("hamon-thanos");
    expect(rules.detail).toContain("hamon-lab");
  });

  it("killed one Alertmanager and one Prometheus replica", () => {
    expect(run.report.killed).toHaveLength(2);
    expect(run.report.killed[0]).toMatch(/^alertmanager-[0-2]$/);
    expect(run.report.killed[1]).toBe("prometheus-0");
    const kinds = run.report.timeline.map((e) => `${e.kind} ${e.subject}`);
    expect(kinds).toContain(`kill ${run.report.killed[0]}`);
    expect(kinds).toContain(`restart ${run.report.killed[0]}`);
    expect(kinds).toContain("restart prometheus-0");
  });

  it("notified every alert group, including those that started while a component was down", () => {
    expect(run.report.lost).toEqual([]);
    const notified = run.report.groups.flatMap((g) => g.alertnames);
    for (const alert of LAB_STEPS.map((s) => s.alertname)) expect(notified).toContain(alert);
    // Watchdog goes to the heartbeat (the example has one), judged below, not as a group.
    expect(notified).not.toContain(WATCHDOG_ALERT);
    // The group that appeared after the kill was sent by a surviving Alertmanager.
    const afterKill = run.report.groups.find((g) => g.alertnames.includes(LAB_STEPS[1]!.alertname))!;
    expect(afterKill.senders).not.toContain(run.report.killed[0]);
  });

  it("notified none of them twice", () => {
    expect(run.report.duplicates).toEqual([]);
    for (const g of run.report.groups) expect(g.notifications, g.alertnames.join()).toBe(1);
    expect(labPassed(run.report)).toBe(true);
  });

  it("proved the dead man's switch: the heartbeat stopped within the bound once every Prometheus was down, and resumed", () => {
    const hb = run.report.heartbeat!;
    expect(hb.pingsBeforeKill).toBeGreaterThanOrEqual(2);
    expect(hb.lastPingAt).not.toBeNull();
    expect(hb.lastPingAt! - hb.killedAt).toBeLessThanOrEqual(hb.stopBound);
    // Silent between the bound and the restart: at least two heartbeat periods (3 s each).
    expect(hb.restartedAt - hb.lastPingAt!).toBeGreaterThanOrEqual(6);
    expect(hb.resumedAt).not.toBeNull();
    expect(hb.resumedAt!).toBeGreaterThan(hb.restartedAt);
    expect(hb.passed).toBe(true);
    const kills = run.report.timeline.filter((e) => e.kind === "kill").map((e) => e.subject);
    expect(kills.slice(-2)).toEqual(["prometheus-0", "prometheus-1"]);
  });

  it("stopped every process it started and removed its temp dir", () => {
    expect(run.pids.length).toBe(9); // 3 + 2 started, 2 restarted, both Prometheus restarted after the heartbeat kill
    expect(run.pids.filter(isAlive)).toEqual([]);
    expect(basename(run.dir)).toMatch(new RegExp(`^hamon-lab-${process.pid}-`)); // the owner, for the next run's sweep
    expect(existsSync(run.dir)).toBe(false);
  });
});
