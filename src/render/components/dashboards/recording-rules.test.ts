/**
 * The dashboards' recording rules under `promtool test rules`, with series written as the
 * exporters expose them (test/fixtures/rules/dashboard-recording.promtool.yaml): kube-state-metrics
 * and the kubelet cannot run here, so their rules are proven this way; node-exporter's also run
 * against the real one (test/real-prometheus-rules-dashboards.test.ts).
 */
import { execFile } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { exampleStack, exampleVariant } from "../../../../test/support/example-stack.js";
import { requiredBinary } from "../../../../test/support/required-binary.js";
import { tempDirs } from "../../../../test/support/temp-dirs.js";
import type { Spec } from "../../../spec/schema.js";
import { dashboardRecordingRuleGroups, RECORDED } from "./recording-rules.js";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE = resolve(here, "../../../../test/fixtures/rules/dashboard-recording.promtool.yaml");
const promtool = requiredBinary("promtool");
const newDir = tempDirs("hamon-dashboard-rules-");

describe("dashboard recording rules: what is rendered", () => {
  it("records every series the dashboards name, once each", () => {
    const records = dashboardRecordingRuleGroups(exampleStack().render.spec).flatMap((g) =>
      g.rules.map((r) => r.record),
    );
    expect([...records].sort()).toEqual(Object.values(RECORDED).sort());
  });

  it("keeps the target's identity in every rule, so shards never write partial totals under one name", () => {
    for (const group of dashboardRecordingRuleGroups(exampleStack().render.spec)) {
      for (const rule of group.rules) {
        // Aggregations either keep instance/node, drop only per-series labels, or read kube-state-metrics (one target).
        const aggregations = [...rule.expr.matchAll(/\b(sum|avg|max|count) (by|without) \(([^)]*)\)/g)];
        for (const [, , how, labels] of aggregations) {
          const list = labels!.split(",").map((l) => l.trim());
          const keepsTarget =
            how === "without" ? !list.includes("instance") && !list.includes("node") : list.includes("node");
          const kubeStateMetricsOnly = !/\b(node|container)_/.test(rule.expr);
          expect(keepsTarget || kubeStateMetricsOnly, `${rule.record}: ${how} (${labels})`).toBe(true);
        }
      }
    }
  });
});

describe.skipIf(promtool.skip)("dashboard recording rules: promtool", () => {
  async function promtoolTest(spec: Spec): Promise<{ ok: boolean; output: string }> {
    const dir = newDir();
    writeFileSync(
      join(dir, "dashboard-recording.rules.yaml"),
      stringify({ groups: dashboardRecordingRuleGroups(spec) }),
    );
    copyFileSync(FIXTURE, join(dir, "dashboard-recording.promtool.yaml"));
    try {
      const { stdout, stderr } = await run(promtool.path, ["test", "rules", "dashboard-recording.promtool.yaml"], {
        cwd: dir,
      });
      return { ok: true, output: stdout + stderr };
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      return { ok: false, output: `${err.stdout ?? ""}${err.stderr ?? ""}` };
    }
  }

  it("passes every case on the rules rendered from the example", async () => {
    const result = await promtoolTest(exampleStack().render.spec);
    expect(result.ok, result.output).toBe(true);
    expect(result.output).toContain("SUCCESS");
  });

  it("fails when a rule the cases read is not rendered (the cases can fail)", async () => {
    const noNodeExporter = exampleVariant((y) => `${y}\ntargets: { nodeExporter: false }\n`).render.spec;
    const result = await promtoolTest(noNodeExporter);
    expect(result.ok).toBe(false);
    expect(result.output).toContain(RECORDED.nodeCpuUtilisation);
  });
});
