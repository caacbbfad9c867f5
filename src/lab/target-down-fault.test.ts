import { describe, expect, it } from "vitest";
import { judgeTargetDown, planTargetDown, type TargetDownPlan } from "./target-down-fault.js";
import { renderFromSpecText } from "../pipeline/render-pipeline.js";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { nodeExporterScrape } from "./node-exporter-scrape.js";
import { renderedRuleGroups } from "./rendered-alerting.js";
import type { ReceivedNotification } from "./webhook-receiver.js";

const plan: TargetDownPlan = {
  target: { name: "node-exporter", webPort: 9100 },
  job: "node-exporter",
  labels: { job: "node-exporter" },
  alertnames: ["NodeGone"],
  forMs: 10_000,
};
const events = { killedAt: 20_000, restartedAt: 38_000 };

const note = (
  at: number,
  status: "firing" | "resolved",
  alertname = "NodeGone",
  from = "am1",
): ReceivedNotification => ({
  at,
  externalURL: from,
  receiver: "chat",
  groupKey: `{}:{alertname="${alertname}"}`,
  status,
  alertnames: [alertname],
  fingerprints: [alertname],
});

describe("judgeTargetDown", () => {
  it("passes when each alert fired once while the target was down and resolved once after the restart", () => {
    const proof = judgeTargetDown(
      [note(5_000, "firing", "Other"), note(31_000, "firing"), note(40_000, "resolved")],
      plan,
      events,
    );
    expect(proof).toEqual({
      target: "node-exporter",
      labels: { job: "node-exporter" },
      alerts: [{ alertname: "NodeGone", firing: 1, firedAt: 31, resolved: 1, resolvedAt: 40 }],
      forSeconds: 10,
      killedAt: 20,
      restartedAt: 38,
      passed: true,
    });
  });

  it("fails on a second firing notification (another Alertmanager sent it too)", () => {
    const proof = judgeTargetDown(
      [note(31_000, "firing"), note(33_000, "firing", "NodeGone", "am2"), note(40_000, "resolved")],
      plan,
      events,
    );
    expect(proof.alerts[0]!.firing).toBe(2);
    expect(proof.passed).toBe(false);
  });

  it("fails when the alert never fired, fired only after the restart, or never resolved", () => {
    expect(judgeTargetDown([note(40_000, "resolved")], plan, events).passed).toBe(false);
    expect(judgeTargetDown([note(39_000, "firing"), note(41_000, "resolved")], plan, events).passed).toBe(false);
    const unresolved = judgeTargetDown([note(31_000, "firing")], plan, events);
    expect([unresolved.alerts[0]!.resolvedAt, unresolved.passed]).toEqual([null, false]);
  });

  it("fails when no alert watches the target (the fault was not run)", () => {
    const proof = judgeTargetDown([], { ...plan, alertnames: [] }, { killedAt: null, restartedAt: null });
    expect([proof.alerts, proof.killedAt, proof.passed]).toEqual([[], null, false]);
  });
});

describe("planTargetDown", () => {
  const rendered = renderFromSpecText(EXAMPLE_SPEC_YAML, "(built-in example)");
  const scrape = nodeExporterScrape(rendered)!;
  const target = { name: "node-exporter", webPort: 9100 };
  const interval = rendered.spec.workload.scrapeInterval;

  it("finds the alerts on the target's up series among the rules, with their for: in lab time", () => {
    const planned = planTargetDown(scrape, target, renderedRuleGroups(rendered), interval);
    expect(planned.job).toBe("node-exporter");
    expect(planned.labels).toMatchObject({ job: "node-exporter", namespace: "hamon-node-exporter" });
    // The rendered per-node alert, not HamonTargetDown: its `up unless up{node-exporter…}` leaves it out.
    expect(planned.alertnames).toEqual(["HamonNodeExporterDown"]);
    // Its for: 5m at the example's 30s scrape interval, in 1s lab scrapes.
    expect(planned.forMs).toBe(10_000);
  });

  it("finds none among rules that watch other jobs", () => {
    const nodeExporterDown = renderedRuleGroups(rendered)
      .flatMap((g) => g.rules)
      .find((r) => r.alert === "HamonNodeExporterDown")!;
    const other = { name: "other", rules: [{ ...nodeExporterDown, expr: 'up{job="prometheus"} == 0' }] };
    expect(planTargetDown(scrape, target, [other], interval)).toMatchObject({ alertnames: [], forMs: 0 });
  });
});
