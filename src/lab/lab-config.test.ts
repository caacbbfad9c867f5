import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderFromSpecText } from "../pipeline/render-pipeline.js";
import { REPLICA_LABEL } from "../render/stack-facts.js";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { requiredBinary } from "../../test/support/required-binary.js";
import { labAlertRuleGroup } from "./fault-injection.js";
import {
  alertmanagerArgs,
  labAlertmanagerConfig,
  labPrometheusConfig,
  LAB_HEARTBEAT_TIMINGS,
  labGroupIntervalMs,
  labRouteTimings,
  ruleFileText,
} from "./lab-config.js";
import { renderedRouting, renderedRuleGroups } from "./rendered-alerting.js";
import { labScrapeConfig, nodeExporterScrape } from "./node-exporter-scrape.js";

const run = promisify(execFile);
const rendered = renderFromSpecText(EXAMPLE_SPEC_YAML, "(built-in example)");
const RENDERED_AM_FILE = "alertmanager/secret-alertmanager-hamon.yaml";

/** alertmanager.yaml exactly as the rendered Secret carries it. */
function renderedAlertmanagerYaml(): string {
  const secret = parse(rendered.files.get(RENDERED_AM_FILE)!) as { stringData: Record<string, string> };
  return secret.stringData["alertmanager.yaml"]!;
}

describe("lab configuration (pure)", () => {
  it("gives each Prometheus its replica label, drops it from alerts, and lists every Alertmanager", () => {
    const config = parse(
      labPrometheusConfig({
        cluster: "c",
        replica: "prometheus-1",
        alertmanagers: ["127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3"],
        webhookTarget: "127.0.0.1:9",
        ruleFiles: ["r/*.yaml"],
      }),
    );
    expect(config.global.external_labels).toEqual({ cluster: "c", [REPLICA_LABEL]: "prometheus-1" });
    expect(config.alerting.alert_relabel_configs).toEqual([{ action: "labeldrop", regex: REPLICA_LABEL }]);
    expect(config.alerting.alertmanagers[0].static_configs[0].targets).toHaveLength(3);
  });

  it("keeps the rendered routing, shortens only its timings, and points every receiver at the webhook", () => {
    const routing = renderedRouting(rendered);
    const lab = parse(labAlertmanagerConfig(routing, "http://127.0.0.1:9/alerts", 3));
    const [watchdog, ...severities] = routing.route.routes!;
    expect(lab.route).toEqual({
      ...routing.route,
      ...labRouteTimings(3),
      routes: [{ ...watchdog, ...LAB_HEARTBEAT_TIMINGS }, ...severities],
    });
    expect(watchdog!.receiver).toBe("heartbeat");
    expect(lab.inhibit_rules).toEqual(routing.inhibit_rules);
    expect(lab.receivers.map((r: { name: string }) => r.name)).toEqual(routing.receivers.map((r) => r.name));
    for (const r of lab.receivers)
      expect(r.webhook_configs).toEqual([
        // The heartbeat, as rendered, gets no resolved notification: it would be one more ping.
        { url: "http://127.0.0.1:9/alerts", send_resolved: r.name !== "heartbeat" },
      ]);
  });

  it("keeps group_interval above the last member's wait in line and the replicas' disagreement", () => {
    // Three members: the third waits 2 × 2s; 2s to spare. One or two: a scrape plus an evaluation (2s), 2s to spare.
    expect(labGroupIntervalMs(3)).toBe(6_000);
    expect(labGroupIntervalMs(5)).toBe(10_000);
    expect(labGroupIntervalMs(1)).toBe(4_000);
    expect(labRouteTimings(3)).toEqual({ group_wait: "1s", group_interval: "6s", repeat_interval: "1h" });
  });

  it("clusters Alertmanagers on loopback only, and not at all for the negative control", () => {
    const clustered = alertmanagerArgs({
      configFile: "c",
      storagePath: "s",
      webPort: 1,
      clusterPort: 2,
      peerPorts: [3, 4],
    });
    expect(clustered).toContain("--cluster.listen-address=127.0.0.1:2");
    expect(clustered.filter((a) => a.startsWith("--cluster.peer="))).toEqual([
      "--cluster.peer=127.0.0.1:3",
      "--cluster.peer=127.0.0.1:4",
    ]);
    expect(clustered.filter((a) => a.includes("0.0.0.0"))).toEqual([]);
    const alone = alertmanagerArgs({
      configFile: "c",
      storagePath: "s",
      webPort: 1,
      clusterPort: undefined,
      peerPorts: [],
    });
    expect(alone).toContain("--cluster.listen-address=");
    expect(alone.some((a) => a.startsWith("--cluster.peer"))).toBe(false);
  });
});

const promtool = requiredBinary("promtool");
const amtool = requiredBinary("amtool");

describe.skipIf(promtool.skip || amtool.skip)("rendered and lab configuration: promtool and amtool", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hamon-lab-config-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("amtool check-config accepts the rendered alertmanager.yaml", async () => {
    const file = join(dir, "rendered-alertmanager.yaml");
    await writeFile(file, renderedAlertmanagerYaml());
    const { stdout } = await run(amtool.path, ["check-config", file]);
    expect(stdout).toContain("SUCCESS");
    expect(stdout).toMatch(/4 receivers/);
  });

  it("the rendered routing sends Watchdog to the heartbeat and each severity to its receiver (amtool config routes test)", async () => {
    const file = join(dir, "routes-alertmanager.yaml");
    await writeFile(file, renderedAlertmanagerYaml());
    const route = async (...labels: string[]) =>
      (await run(amtool.path, ["config", "routes", "test", `--config.file=${file}`, ...labels])).stdout.trim();
    expect(await route("alertname=Watchdog", "severity=none")).toBe("heartbeat");
    expect(await route("alertname=HamonPrometheusShardDown", "severity=critical")).toBe("pager");
  });

  it("amtool check-config accepts the lab's alertmanager.yml", async () => {
    const file = join(dir, "lab-alertmanager.yml");
    await writeFile(file, labAlertmanagerConfig(renderedRouting(rendered), "http://127.0.0.1:9/alerts", 3));
    const { stdout } = await run(amtool.path, ["check-config", file]);
    expect(stdout).toContain("SUCCESS");
  });

  it("promtool check config accepts the lab's prometheus.yml with the rendered and lab rules and the node-exporter scrape", async () => {
    await mkdir(join(dir, "rules"), { recursive: true });
    await writeFile(join(dir, "rules", "meta-monitoring.rules.yaml"), ruleFileText(renderedRuleGroups(rendered)));
    await writeFile(join(dir, "rules", "lab.rules.yaml"), ruleFileText([labAlertRuleGroup()]));
    const file = join(dir, "prometheus.yml");
    await writeFile(
      file,
      labPrometheusConfig({
        cluster: rendered.spec.cluster.name,
        replica: "prometheus-0",
        alertmanagers: ["127.0.0.1:9093"],
        webhookTarget: "127.0.0.1:9999",
        ruleFiles: [join(dir, "rules", "*.rules.yaml")],
        targetScrapes: [labScrapeConfig(nodeExporterScrape(rendered)!, "127.0.0.1:9100")],
      }),
    );
    const { stdout } = await run(promtool.path, ["check", "config", file]);
    expect(parse(await readFile(file, "utf8")).scrape_configs.map((c: { job_name: string }) => c.job_name)).toEqual([
      "hamon-lab",
      "serviceMonitor/hamon-node-exporter/node-exporter/0",
    ]);
    const renderedRules = renderedRuleGroups(rendered).flatMap((g) => g.rules).length;
    expect(renderedRules).toBeGreaterThan(0);
    expect(stdout).toContain(`SUCCESS: ${renderedRules} rules found`);
    expect(stdout).toMatch(/SUCCESS: 4 rules found/);
  });

  it("amtool check-config rejects a broken configuration (the check can fail)", async () => {
    const file = join(dir, "broken.yml");
    await writeFile(file, renderedAlertmanagerYaml().replace("receiver: pager", "receiver: nobody"));
    const failure = await run(amtool.path, ["check-config", file]).then(
      () => undefined,
      (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ""}${e.stderr ?? ""}`,
    );
    expect(failure).toMatch(/undefined receiver "nobody"/);
  });
});
