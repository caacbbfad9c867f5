import { execFile } from "node:child_process";
import { copyFile, readFile, readdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parse, parseDocument, stringify } from "yaml";
import { requiredBinary } from "../../../test/support/required-binary.js";
import { tempDirs } from "../../../test/support/temp-dirs.js";
import { selectorMatches, type SelectorLike } from "../../k8s/label-selector.js";
import { renderFromSpecText } from "../../pipeline/render-pipeline.js";
import { EXAMPLE_SPEC_YAML } from "../../spec/example.js";
import { loadSpec } from "../../spec/load.js";
import { SpecError } from "../../spec/load.js";
import { CLUSTER_ALERTS_RULE_NAME } from "./cluster-alert-rules.js";
import { CLUSTER_ALERTS_DOC_PATH, replaceClusterAlertDocs } from "./cluster-alerts/alert-docs.js";
import { clusterMatchers } from "./cluster-alerts/cluster-alert.js";

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const FIXTURES = join(ROOT, "test/fixtures/rules");
const RULES_FILE = `rules/prometheusrule-${CLUSTER_ALERTS_RULE_NAME}.yaml`;
/** The name the fixtures give the rendered rules (`rule_files`). */
const RULES_FILE_IN_FIXTURES = "cluster-alerts.rules.yaml";

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
}
interface RenderedRules {
  spec: { groups: Array<{ name: string; rules: Rule[] }> };
}
interface Fixture {
  rule_files: string[];
  tests: Array<{
    alert_rule_test?: Array<{ alertname: string; exp_alerts: Array<{ exp_labels?: Record<string, string> }> }>;
  }>;
}

/** The example spec with top-level keys set (given as YAML: a `clusterAlerts:` or `targets:` section). */
function specText(extra = ""): string {
  const doc = parseDocument(EXAMPLE_SPEC_YAML);
  const overrides = (parse(extra || "{}") ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) doc.set(key, value);
  return doc.toString();
}

function renderedRules(text: string): RenderedRules {
  const file = renderFromSpecText(text, "hamon.yaml").files.get(RULES_FILE);
  if (file === undefined) throw new Error(`${RULES_FILE} not rendered`);
  return parse(file) as RenderedRules;
}
const rulesOf = (r: RenderedRules) => r.spec.groups.flatMap((g) => g.rules);
const ruleFile = (r: RenderedRules) => stringify({ groups: r.spec.groups });

async function fixtures(): Promise<Array<{ name: string; fixture: Fixture }>> {
  const names = (await readdir(FIXTURES)).filter((n) => /^cluster-.*\.promtool\.yaml$/.test(n)).sort();
  return Promise.all(
    names.map(async (name) => ({ name, fixture: parse(await readFile(join(FIXTURES, name), "utf8")) as Fixture })),
  );
}

describe("cluster alert rules: what is rendered", () => {
  it("renders one PrometheusRule with a group per area, beside the meta-monitoring rules", () => {
    const rendered = renderFromSpecText(specText(), "hamon.yaml");
    const rules = parse(rendered.files.get(RULES_FILE)!) as RenderedRules & {
      kind: string;
      metadata: { namespace: string; labels: Record<string, string> };
    };
    expect(rules.kind).toBe("PrometheusRule");
    // The Prometheus CR selects it: its rule selector matches the labels, in the CR's own namespace.
    const prometheus = parse(rendered.files.get("prometheus/prometheus-hamon.yaml")!) as {
      metadata: { namespace: string };
      spec: { ruleSelector: SelectorLike; ruleNamespaceSelector?: SelectorLike };
    };
    expect(rules.metadata.namespace).toBe(prometheus.metadata.namespace);
    expect(selectorMatches(prometheus.spec.ruleSelector, rules.metadata.labels)).toBe(true);
    expect(rules.spec.groups.map((g) => g.name)).toEqual([
      "hamon-cluster-nodes",
      "hamon-cluster-workloads",
      "hamon-cluster-storage",
      "hamon-cluster-control-plane",
      "hamon-cluster-targets",
    ]);
    expect([...rendered.files.keys()].filter((f) => f.startsWith("rules/prometheusrule-"))).toEqual([
      "rules/prometheusrule-hamon-meta-monitoring.yaml",
      RULES_FILE,
    ]);
    // Every alert routes: a severity the Alertmanager routing knows.
    for (const rule of rulesOf(rules)) expect(["critical", "warning", "info"]).toContain(rule.labels.severity);
  });

  it("renders a rule only when its target is scraped", () => {
    const alerts = (targets: string) => rulesOf(renderedRules(specText(`targets: ${targets}\n`))).map((r) => r.alert);
    const all = alerts("{}");
    const none = alerts(
      "{ nodeExporter: false, kubeStateMetrics: false, kubelet: false, apiServer: false, coreDns: { enabled: false } }",
    );
    expect(none).toEqual(["HamonTargetDown"]);
    const withoutKsm = alerts("{ kubeStateMetrics: false }");
    expect(withoutKsm).not.toContain("HamonPodCrashLooping");
    expect(withoutKsm).not.toContain("HamonNodeNotReady");
    expect(withoutKsm).toContain("HamonNodeExporterDown");
    expect(all.filter((a) => !withoutKsm.includes(a))).toEqual([
      "HamonNodeNotReady",
      "HamonNodeMemoryPressure",
      "HamonNodePIDPressure",
      "HamonPodCrashLooping",
      "HamonDeploymentReplicasMismatch",
      "HamonStatefulSetRolloutStuck",
      "HamonDaemonSetRolloutStuck",
      "HamonJobFailed",
      "HamonPodNotReady",
      "HamonPersistentVolumeErrors",
    ]);
    expect(alerts("{ coreDns: { enabled: false } }")).not.toContain("HamonCoreDNSErrors");
    expect(alerts("{ apiServer: false }").filter((a) => a.startsWith("HamonAPIServer"))).toEqual([]);
    // Without node-exporter and the kubelet, the target-down alert no longer leaves their jobs out.
    const targetDown = (targets: string) =>
      rulesOf(renderedRules(specText(`targets: ${targets}\n`))).find((r) => r.alert === "HamonTargetDown")!.expr;
    expect(targetDown("{}")).toContain('unless up{job="kubelet"}');
    expect(targetDown("{ nodeExporter: false, kubelet: false }")).not.toContain("unless");
  });

  it("selects the targets by the labels the rendered ServiceMonitors give them", () => {
    const rendered = renderFromSpecText(specText(), "hamon.yaml");
    const object = (path: string) => parse(rendered.files.get(path)!) as Monitored;
    interface Monitored {
      metadata: { name: string; namespace: string; labels: Record<string, string> };
      spec: {
        selector: { matchLabels: Record<string, string> };
        endpoints: Array<{ port: string; relabelings?: Array<{ targetLabel: string; replacement?: string }> }>;
      };
    }
    const m = clusterMatchers(rendered.spec);
    // The operator names the job after the Service the monitor selects.
    const service = (folder: string, monitor: Monitored) => {
      const services = [...rendered.files]
        .filter(([path]) => path.startsWith(`${folder}/service-`))
        .map(([, text]) => (parse(text) as Monitored).metadata);
      const selected = services.filter((svc) =>
        Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => svc.labels[k] === v),
      );
      expect(selected, `${folder}: the Service its ServiceMonitor selects`).toHaveLength(1);
      return selected[0]!;
    };
    const relabeled = (monitor: Monitored, port: string) =>
      monitor.spec.endpoints.find((e) => e.port === port)!.relabelings!.map((r) => [r.targetLabel, r.replacement]);

    const nodeExporter = object("node-exporter/servicemonitor-node-exporter.yaml");
    const nodeExporterService = service("node-exporter", nodeExporter);
    expect(m.nodeExporter).toBe(`job="${nodeExporterService.name}",namespace="${nodeExporterService.namespace}"`);
    expect(relabeled(nodeExporter, "metrics").map(([label]) => label)).toContain("instance");

    const ksm = object("kube-state-metrics/servicemonitor-kube-state-metrics.yaml");
    const ksmInstance = relabeled(ksm, "http-metrics").find(([label]) => label === "instance")![1];
    expect(m.kubeStateMetrics).toBe(`job="${service("kube-state-metrics", ksm).name}",instance="${ksmInstance}"`);

    const kubelet = object("cluster-monitors/servicemonitor-kubelet.yaml");
    for (const endpoint of kubelet.spec.endpoints)
      expect(endpoint.relabelings!.map((r) => r.targetLabel)).toEqual(expect.arrayContaining(["metrics_path", "node"]));
  });

  it("takes its thresholds from clusterAlerts", () => {
    const rules = rulesOf(
      renderedRules(
        specText(
          [
            "clusterAlerts:",
            "  freeSpaceWarningPercent: 20",
            "  freeSpaceCriticalPercent: 4",
            "  fillingUpWithin: 4h",
            "  notReadyFor: 30m",
            "  apiServerLatencySeconds: 2.5",
            "  certificateExpiryDays: 14",
            "",
          ].join("\n"),
        ),
      ),
    );
    const all = (name: string) => rules.filter((r) => r.alert === name);
    expect(
      all("HamonNodeFilesystemAlmostFull").map((r) => [r.labels.severity, r.expr.match(/< (\d+)\n/)?.[1]]),
    ).toEqual([
      ["warning", "20"],
      ["critical", "4"],
    ]);
    expect(all("HamonPersistentVolumeAlmostFull").map((r) => r.expr.match(/< (\d+)$/)?.[1])).toEqual(["20", "4"]);
    expect(all("HamonNodeFilesystemFillingUp")[0]!.expr).toContain("[6h], 14400) < 0");
    expect(all("HamonPodNotReady")[0]!.for).toBe("30m");
    expect(all("HamonAPIServerLatencyHigh")[0]!.expr).toMatch(/> 2\.5$/);
    expect(all("HamonKubeletClientCertificateExpiring")[0]!.expr).toMatch(/< 1209600$/);
  });

  it("refuses a critical free-space threshold that is not below the warning one", () => {
    const load = () =>
      loadSpec(specText("clusterAlerts: { freeSpaceWarningPercent: 5, freeSpaceCriticalPercent: 5 }\n"));
    expect(load).toThrow(SpecError);
    expect(load).toThrow(/clusterAlerts\.freeSpaceCriticalPercent.*below freeSpaceWarningPercent \(5\)/s);
  });

  it("refuses a prediction horizon of 0, saying what it found", () => {
    expect(() => loadSpec(specText("clusterAlerts: { fillingUpWithin: 0s }\n"))).toThrow(
      /clusterAlerts\.fillingUpWithin: found "0s"; expected a duration longer than 0/,
    );
  });

  it("has, for every alert and severity, a promtool case that fires and one that stays silent", async () => {
    const cases = (await fixtures()).flatMap((f) => f.fixture.tests.flatMap((t) => t.alert_rule_test ?? []));
    const rules = rulesOf(renderedRules(specText()));
    expect(rules.length).toBeGreaterThanOrEqual(25);
    const missing: string[] = [];
    for (const rule of rules) {
      const mine = cases.filter((c) => c.alertname === rule.alert);
      if (!mine.some((c) => c.exp_alerts.some((a) => a.exp_labels?.severity === rule.labels.severity)))
        missing.push(`${rule.alert} (${rule.labels.severity}): no case that fires`);
      if (!mine.some((c) => c.exp_alerts.length === 0)) missing.push(`${rule.alert}: no silent case`);
    }
    expect(missing).toEqual([]);
  });

  it("docs/cluster-alerts.md lists the rules as they render (npm run docs regenerates it)", async () => {
    const page = await readFile(join(ROOT, CLUSTER_ALERTS_DOC_PATH), "utf8");
    expect(replaceClusterAlertDocs(page, loadSpec(EXAMPLE_SPEC_YAML).spec)).toBe(page);
    for (const rule of rulesOf(renderedRules(specText()))) expect(page).toContain(`\`${rule.alert}\``);
  });
});

const promtool = requiredBinary("promtool");

describe.skipIf(promtool.skip)("cluster alert rules: promtool", () => {
  const tempDir = tempDirs("hamon-cluster-rules-");

  /** Writes the rules next to copies of the fixtures (`only` those, if given) and runs `promtool test rules` on each. */
  async function promtoolTest(
    rules: RenderedRules,
    only?: string[],
  ): Promise<Array<{ name: string; ok: boolean; output: string }>> {
    const dir = tempDir();
    await writeFile(join(dir, RULES_FILE_IN_FIXTURES), ruleFile(rules));
    const chosen = (await fixtures()).filter((f) => only === undefined || only.includes(f.name));
    return Promise.all(
      chosen.map(async ({ name, fixture }) => {
        expect(fixture.rule_files, name).toEqual([RULES_FILE_IN_FIXTURES]);
        await copyFile(join(FIXTURES, name), join(dir, name));
        try {
          const { stdout, stderr } = await run(promtool.path, ["test", "rules", name], { cwd: dir });
          return { name, ok: true, output: stdout + stderr };
        } catch (e) {
          const err = e as { stdout?: string; stderr?: string };
          return { name, ok: false, output: `${err.stdout ?? ""}${err.stderr ?? ""}` };
        }
      }),
    );
  }

  it.each([
    ["every target", ""],
    ["phase 1", "phase: 1\n"],
    ["no kube-state-metrics and no kubelet", "targets: { kubeStateMetrics: false, kubelet: false }\n"],
  ])("promtool check rules accepts the rules rendered with %s", async (_, extra) => {
    const file = join(tempDir(), "rules.yaml");
    await writeFile(file, ruleFile(renderedRules(specText(extra))));
    const { stdout } = await run(promtool.path, ["check", "rules", file]);
    expect(stdout).toMatch(/SUCCESS: \d+ rules found/);
  });

  it("promtool test rules: every case of every fixture passes on the rendered rules", async () => {
    const results = await promtoolTest(renderedRules(specText()));
    expect(results.map((r) => r.name)).toEqual([
      "cluster-control-plane.promtool.yaml",
      "cluster-nodes.promtool.yaml",
      "cluster-storage.promtool.yaml",
      "cluster-targets.promtool.yaml",
      "cluster-workloads.promtool.yaml",
    ]);
    for (const r of results) expect(r.ok, `${r.name}:\n${r.output}`).toBe(true);
  });

  it("promtool test rules fails when the rendered thresholds change (the cases can fail)", async () => {
    const results = await promtoolTest(
      renderedRules(specText("clusterAlerts: { freeSpaceWarningPercent: 5, crashLoopRestarts: 50 }\n")),
      ["cluster-nodes.promtool.yaml", "cluster-workloads.promtool.yaml"],
    );
    const failed = (name: string) => results.find((r) => r.name === name)!;
    expect(failed("cluster-nodes.promtool.yaml").ok).toBe(false);
    expect(failed("cluster-nodes.promtool.yaml").output).toContain("HamonNodeFilesystemAlmostFull");
    expect(failed("cluster-workloads.promtool.yaml").ok).toBe(false);
    expect(failed("cluster-workloads.promtool.yaml").output).toContain("HamonPodCrashLooping");
  });
});
