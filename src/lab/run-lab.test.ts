/**
 * The lab end to end, with the real Debian binaries: two Prometheus replicas, three clustered
 * Alertmanagers, an Alertmanager and a Prometheus killed and restarted, then the node-exporter
 * killed and restarted. Every alert group must reach the receiver exactly once, and node-exporter's
 * down alert must resolve once. (The negative control is in run-lab-negative-control.test.ts,
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
import { renderFromSpecText } from "../pipeline/render-pipeline.js";
import { LAB_NODE, labTargetLabels, nodeExporterScrape } from "./node-exporter-scrape.js";
import { renderedRuleGroups } from "./rendered-alerting.js";
import { labForDurationMs } from "./target-down-alerts.js";

const prometheus = requiredBinary("prometheus");
const alertmanager = requiredBinary("alertmanager");
const nodeExporter = requiredBinary("node-exporter");
const rendered = renderFromSpecText(EXAMPLE_SPEC_YAML, "(built-in example)");

const isAlive = isProcessRunning;

describe.skipIf(prometheus.skip || alertmanager.skip || nodeExporter.skip)(
  "hamon lab: clustered Alertmanagers, failures injected",
  () => {
    let run: LabRun;
    beforeAll(async () => {
      run = await runLab({
        specText: EXAMPLE_SPEC_YAML,
        specFile: "(built-in example)",
        progress: (l) => process.stderr.write(`${l}\n`),
      });
    }, 200_000);

    it("runs the Debian binaries it reports", () => {
      expect(run.report.versions.prometheus).toMatch(/^2\.\d+\.\d+/);
      expect(run.report.versions.alertmanager).toMatch(/^0\.\d+\.\d+/);
      expect(run.report.versions.nodeExporter).toMatch(/^1\.\d+\.\d+/);
    });

    it("loaded every rendered rule and the lab's rules into the real Prometheus", () => {
      const rules = run.report.timeline.find((e) => e.kind === "rules")!;
      const groups = renderedRuleGroups(rendered);
      const count = groups.flatMap((g) => g.rules).length + LAB_STEPS.length;
      expect(rules.detail).toMatch(new RegExp(`^${count} rules in ${groups.length + 1} groups: `));
      expect(rules.detail).toContain("hamon-thanos");
      expect(rules.detail).toContain("hamon-lab");
    });

    it("scraped the real node-exporter under the labels the rendered ServiceMonitor gives it", () => {
      const scraped = run.report.timeline.find((e) => e.kind === "scraped")!;
      expect(scraped.subject).toBe("node-exporter");
      // What the real Prometheus made of the operator's relabelings equals the pure replay of them.
      const scrape = nodeExporterScrape(rendered)!;
      const expected = Object.entries(labTargetLabels(scrape, "127.0.0.1:9100"))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}="${v}"`)
        .join(",");
      expect(scraped.detail).toBe(`up{${expected}} == 1 at every Prometheus`);
      expect(scraped.detail).toContain('job="node-exporter"');
      expect(scraped.detail).toContain('namespace="hamon-node-exporter"');
      expect(scraped.detail).toContain(`instance="${LAB_NODE}"`);
    });

    it("node-exporter killed: each alert on its up series reached the receiver once while it was down, and resolved once after the restart", () => {
      const td = run.report.targetDown!;
      expect(td.target).toBe("node-exporter");
      // The rendered per-node alert; not the generic HamonTargetDown, whose expression leaves node-exporter out.
      expect(td.alerts.map((a) => a.alertname)).toEqual(["HamonNodeExporterDown"]);
      const rule = renderedRuleGroups(rendered)
        .flatMap((g) => g.rules)
        .find((r) => r.alert === "HamonNodeExporterDown")!;
      // Its rendered for: (5m) in 1s lab scrapes for the spec's 30s: 10s.
      expect(rule.for).toBe("5m");
      expect(td.forSeconds).toBe(labForDurationMs(rule.for, rendered.spec.workload.scrapeInterval) / 1000);
      expect(td.forSeconds).toBe(10);
      for (const a of td.alerts) {
        expect(a.firing, a.alertname).toBe(1);
        expect(a.firedAt! - td.killedAt!).toBeGreaterThanOrEqual(td.forSeconds);
        expect(a.firedAt!).toBeLessThan(td.restartedAt!);
        expect(a.resolved, a.alertname).toBe(1);
        expect(a.resolvedAt!).toBeGreaterThan(td.restartedAt!);
        // One group, notified firing once and resolved once (the exactly-once judgement of the groups).
        const group = run.report.groups.find((g) => g.alertnames.includes(a.alertname))!;
        expect([group.notifications, group.resolved]).toEqual([1, 1]);
      }
      expect(td.passed).toBe(true);
    });

    it("killed one Alertmanager and one Prometheus replica, then the node-exporter", () => {
      expect(run.report.killed).toHaveLength(3);
      expect(run.report.killed[0]).toMatch(/^alertmanager-[0-2]$/);
      expect(run.report.killed[1]).toBe("prometheus-0");
      expect(run.report.killed[2]).toBe("node-exporter");
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
      // The groups every Alertmanager opened together resolved once, with no "firing" re-sent after it.
      expect(hb.repeatedAfterKill).toEqual([]);
      expect(hb.passed).toBe(true);
      const kills = run.report.timeline.filter((e) => e.kind === "kill").map((e) => e.subject);
      expect(kills.slice(-2)).toEqual(["prometheus-0", "prometheus-1"]);
    });

    it("stopped every process it started and removed its temp dir", () => {
      // 3 + 2 + node-exporter started, 2 restarted, node-exporter restarted, both Prometheus restarted after the heartbeat kill
      expect(run.pids.length).toBe(11);
      expect(run.pids.filter(isAlive)).toEqual([]);
      expect(basename(run.dir)).toMatch(new RegExp(`^hamon-lab-${process.pid}-`)); // the owner, for the next run's sweep
      expect(existsSync(run.dir)).toBe(false);
    });
  },
);
