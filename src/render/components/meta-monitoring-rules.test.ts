import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { requiredBinary } from "../../../test/support/required-binary.js";
import { renderFromSpecText } from "../../pipeline/render-pipeline.js";
import { EXAMPLE_SPEC_YAML } from "../../spec/example.js";
import { META_MONITORING_RULE_NAME, WATCHDOG_ALERT } from "./meta-monitoring-rules.js";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE = resolve(here, "../../../test/fixtures/rules/meta-monitoring.promtool.yaml");
const RULES_FILE = `rules/prometheusrule-${META_MONITORING_RULE_NAME}.yaml`;

interface RenderedRules {
  kind: string;
  spec: { groups: Array<{ name: string; rules: Array<{ alert: string; expr: string }> }> };
}

function specText(phase: number, replace: Array<[string, string]> = []): string {
  let text = EXAMPLE_SPEC_YAML.replace(/^phase: 4/m, `phase: ${phase}`);
  for (const [from, to] of replace) text = text.replace(from, to);
  return text;
}

/** The PrometheusRule exactly as `hamon render` writes it. */
function renderedRules(text: string): RenderedRules {
  const file = renderFromSpecText(text, "hamon.yaml").files.get(RULES_FILE);
  if (file === undefined) throw new Error(`${RULES_FILE} not rendered`);
  return parse(file) as RenderedRules;
}

/** A Prometheus rule file (what the operator mounts) from the PrometheusRule's groups. */
const ruleFile = (rules: RenderedRules) => stringify({ groups: rules.spec.groups });

describe("meta-monitoring rules: what is rendered", () => {
  it("renders one PrometheusRule whose groups follow the phases", () => {
    const groupsAt = (phase: number) => renderedRules(specText(phase)).spec.groups.map((g) => g.name);
    expect(groupsAt(1)).toEqual(["hamon-watchdog", "hamon-prometheus", "hamon-alertmanager"]);
    expect(groupsAt(2)).toEqual(["hamon-watchdog", "hamon-prometheus", "hamon-alertmanager", "hamon-thanos"]);
    expect(groupsAt(3)).toEqual([...groupsAt(2), "hamon-grafana"]);
    expect(groupsAt(4)).toEqual(groupsAt(3));
    expect(renderedRules(specText(4)).kind).toBe("PrometheusRule");
  });

  it("derives thresholds from the spec: Alertmanager replicas and StoreAPI endpoint count", () => {
    const rules = renderedRules(
      specText(4, [["replicas: 3                # any count", "replicas: 5                # any count"]]),
    );
    const exprOf = (name: string) => rules.spec.groups.flatMap((g) => g.rules).find((r) => r.alert === name)!.expr;
    expect(exprOf("HamonAlertmanagerClusterMembersMissing")).toMatch(/< 5$/);
    expect(exprOf("HamonPrometheusNotSendingToAllAlertmanagers")).toMatch(/< 5$/);
    // 1 Prometheus shard × 2 replicas + 1 Store shard × 2 replicas
    expect(exprOf("HamonThanosQueryEndpointsUnhealthy")).toMatch(/\) < 4$/);
  });

  it("has, for every alert, a promtool case that fires and one that stays silent", async () => {
    const fixture = parse(await readFile(FIXTURE, "utf8")) as {
      tests: Array<{ alert_rule_test?: Array<{ alertname: string; exp_alerts: unknown[] }> }>;
    };
    const cases = fixture.tests.flatMap((t) => t.alert_rule_test ?? []);
    const alerts = renderedRules(specText(4)).spec.groups.flatMap((g) => g.rules.map((r) => r.alert));
    expect(alerts.length).toBeGreaterThanOrEqual(15);
    for (const alert of alerts) {
      const mine = cases.filter((c) => c.alertname === alert);
      expect(
        mine.some((c) => c.exp_alerts.length > 0),
        `${alert}: no case that fires`,
      ).toBe(true);
      // Watchdog is vector(1): it has no silent case by design.
      if (alert !== WATCHDOG_ALERT)
        expect(
          mine.some((c) => c.exp_alerts.length === 0),
          `${alert}: no silent case`,
        ).toBe(true);
    }
  });
});

const promtool = requiredBinary("promtool");

describe.skipIf(promtool.skip)("meta-monitoring rules: promtool", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hamon-rules-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes the rules next to a copy of the fixture and runs `promtool test rules`. */
  async function promtoolTest(rules: RenderedRules): Promise<{ ok: boolean; output: string }> {
    await writeFile(join(dir, "meta-monitoring.rules.yaml"), ruleFile(rules));
    await copyFile(FIXTURE, join(dir, "meta-monitoring.promtool.yaml"));
    try {
      const { stdout, stderr } = await run(promtool.path, ["test", "rules", "meta-monitoring.promtool.yaml"], {
        cwd: dir,
      });
      return { ok: true, output: stdout + stderr };
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      return { ok: false, output: `${err.stdout ?? ""}${err.stderr ?? ""}` };
    }
  }

  it.each([1, 2, 3, 4])("promtool check rules accepts the rules rendered at phase %i", async (phase) => {
    const file = join(dir, `phase-${phase}.rules.yaml`);
    await writeFile(file, ruleFile(renderedRules(specText(phase))));
    const { stdout } = await run(promtool.path, ["check", "rules", file]);
    expect(stdout).toMatch(/SUCCESS: \d+ rules found/);
  });

  it("promtool test rules: every case passes on the rendered rules", async () => {
    const result = await promtoolTest(renderedRules(specText(4)));
    expect(result.output).toContain("SUCCESS");
    expect(result.ok, result.output).toBe(true);
  });

  it("promtool test rules fails when the rendered thresholds change (the unit tests can fail)", async () => {
    const rules = renderedRules(
      specText(4, [["replicas: 3                # any count", "replicas: 2                # any count"]]),
    );
    const result = await promtoolTest(rules);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("HamonAlertmanagerClusterMembersMissing");
  });
});
