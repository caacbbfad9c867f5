/**
 * The rendered Alertmanager configuration: routing owned by hamon, receivers by reference, the
 * Watchdog heartbeat. Checked by the real amtool 0.25 (check-config, config routes test), on the
 * built-in example and on specs without an alerting section.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Alertmanager } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";
import { validateAll } from "./manifest.js";
import { renderFromSpecText } from "../pipeline/render-pipeline.js";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { SpecError, type SpecIssue } from "../spec/load.js";
import { requiredBinary } from "../../test/support/required-binary.js";
import { tempDirs } from "../../test/support/temp-dirs.js";
import { view, type Json } from "../../test/support/rendered.js";

const run = promisify(execFile);
const amtool = requiredBinary("amtool");
const tempDir = tempDirs("hamon-am-config-");

const BASE = "cluster: { name: c, zones: [a, b, c] }\nstorage: { provisioner: ebs.csi.aws.com }\n";
const example = view(renderFromSpecText(EXAMPLE_SPEC_YAML, "(built-in example)"));
const withoutAlerting = view(renderFromSpecText(BASE, "s.yaml"));

function alertmanagerYaml(v: ReturnType<typeof view>): string {
  const secret = v.byKind("Secret").find((s: Json) => s.stringData?.["alertmanager.yaml"] !== undefined)!;
  return secret.stringData["alertmanager.yaml"] as string;
}

function issuesOf(text: string): SpecIssue[] {
  try {
    renderFromSpecText(BASE + text, "s.yaml");
  } catch (e) {
    if (e instanceof SpecError) return e.issues;
    throw e;
  }
  throw new Error("expected a SpecError, but the spec rendered");
}

const ALERTING = `alerting:
  secretName: am-receivers
  receivers:
    - { name: pager, type: pagerduty, secretKey: pd }
    - { name: chat, type: slack, secretKey: slack, channel: "#a" }
    - { name: ops, type: opsgenie, secretKey: og }
    - { name: hook, type: webhook, url: "https://hooks.example.com/x", secretKey: token }
`;

describe("receivers by reference (rendered objects)", () => {
  it("mounts the user's Secret in every Alertmanager (spec.secrets) and the CR validates against the CRD schema", () => {
    const am = example.byKind("Alertmanager")[0]!;
    expect(am.spec.secrets).toEqual(["alertmanager-receivers"]);
    expect(withoutAlerting.byKind("Alertmanager")[0]!.spec.secrets).toBeUndefined();
    const model = example.folders.flatMap((f) => f.objects).find((o) => o.kind === "Alertmanager")!;
    expect(() => validateAll([{ component: "alertmanager", objects: [model] }])).not.toThrow();
    // The check can fail: `secrets` is a list of Secret names in the CRD.
    const wrong = new Alertmanager({
      ...(model.toJSON() as object),
      spec: { ...(model.toJSON() as Json).spec, secrets: "s" },
    });
    expect(() => validateAll([{ component: "alertmanager", objects: [wrong] }])).toThrow(/secrets/);
  });

  it("writes no credential: every credential is a file of the mounted Secret", () => {
    const config = parse(alertmanagerYaml(example)) as { receivers: Json[] };
    const files = JSON.stringify(config.receivers).match(/"[a-z_]*_file":"[^"]*"/g) ?? [];
    expect(files).toEqual([
      '"routing_key_file":"/etc/alertmanager/secrets/alertmanager-receivers/pagerduty-routing-key"',
      '"api_url_file":"/etc/alertmanager/secrets/alertmanager-receivers/slack-webhook-url"',
      '"credentials_file":"/etc/alertmanager/secrets/alertmanager-receivers/opsgenie-heartbeat-key"',
    ]);
    for (const field of ["routing_key", "api_url", "api_key", "service_key", "credentials"])
      expect(JSON.stringify(config)).not.toContain(`"${field}":`);
  });

  it("sends no resolved notification to the heartbeat (it would be one more ping after Prometheus died)", () => {
    const config = parse(alertmanagerYaml(example)) as { receivers: Json[] };
    const heartbeat = config.receivers.find((r) => r.name === "heartbeat")!;
    expect(heartbeat.webhook_configs).toEqual([
      {
        url: "https://api.opsgenie.com/v2/heartbeats/prod-eu/ping",
        send_resolved: false,
        http_config: {
          authorization: {
            type: "GenieKey",
            credentials_file: "/etc/alertmanager/secrets/alertmanager-receivers/opsgenie-heartbeat-key",
          },
        },
      },
    ]);
  });

  it("inhibits warnings by a critical of the same alertname, cluster and namespace", () => {
    const config = parse(alertmanagerYaml(example)) as { inhibit_rules: Json[] };
    expect(config.inhibit_rules).toEqual([
      {
        source_matchers: ['severity="critical"'],
        target_matchers: ['severity="warning"'],
        equal: ["alertname", "cluster", "namespace"],
      },
    ]);
  });
});

describe("the alerting section's spec errors", () => {
  it("refuses a route to a receiver that is not declared, naming the ones that are", () => {
    const issues = issuesOf(`${ALERTING}  routes: { critical: pagr, warning: chat }\n`);
    expect(issues.map((i) => [i.path, i.found, i.expected])).toEqual([
      ["alerting.routes.critical", '"pagr"', "the name of one of alerting.receivers (pager, chat, ops, hook)"],
    ]);
  });

  it("refuses hamon's own receiver names and duplicate names", () => {
    const reserved = issuesOf(
      "alerting: { secretName: s, receivers: [{ name: heartbeat, type: opsgenie, secretKey: k }], routes: { critical: heartbeat, warning: heartbeat } }\n",
    );
    expect(reserved[0]!.path).toBe("alerting.receivers[0].name");
    expect(reserved[0]!.expected).toMatch(/other than default, null, heartbeat: hamon/);
    const twice = issuesOf(
      "alerting: { secretName: s, receivers: [{ name: a, type: opsgenie, secretKey: k }, { name: a, type: opsgenie, secretKey: j }], routes: { critical: a, warning: a } }\n",
    );
    expect(twice.map((i) => i.expected)).toEqual(["distinct receiver names (one appears twice)"]);
  });

  it("refuses a heartbeat URL that is not http(s), and a repeat interval that is not a duration", () => {
    const issues = issuesOf(
      `${ALERTING}  routes: { critical: pager, warning: chat }\n  heartbeat: { url: "ftp://x/ping", repeatInterval: soon }\n`,
    );
    expect(issues.map((i) => i.path).sort()).toEqual(["alerting.heartbeat.repeatInterval", "alerting.heartbeat.url"]);
    const tooShort = issuesOf(
      `${ALERTING}  routes: { critical: pager, warning: chat }\n  heartbeat: { url: "https://x/ping", repeatInterval: 0s }\n`,
    );
    expect(tooShort.map((i) => [i.path, i.found])).toEqual([["alerting.heartbeat.repeatInterval", '"0s"']]);
    expect(tooShort[0]!.expected).toMatch(/^a duration of at least 10s/);
  });
});

describe.skipIf(amtool.skip)("the rendered alertmanager.yaml in the real amtool 0.25", () => {
  const write = (text: string) => {
    const file = join(tempDir(), "alertmanager.yaml");
    writeFileSync(file, text);
    return file;
  };
  const routesTest = async (file: string, ...labels: string[]) =>
    (await run(amtool.path, ["config", "routes", "test", `--config.file=${file}`, ...labels])).stdout.trim();

  it("check-config accepts the example's routing, receivers and inhibition", async () => {
    const { stdout } = await run(amtool.path, ["check-config", write(alertmanagerYaml(example))]);
    expect(stdout).toContain("SUCCESS");
    expect(stdout).toMatch(/1 inhibit rules/);
    expect(stdout).toMatch(/4 receivers/); // pager, chat, null, heartbeat
  });

  it("check-config accepts every receiver type, with and without a heartbeat credential", async () => {
    for (const heartbeat of ['{ url: "https://hc.example.com/ping" }', '{ url: "https://x/p", secretKey: hb }']) {
      const v = view(
        renderFromSpecText(
          `${BASE}${ALERTING}  routes: { critical: pager, warning: chat, info: hook }\n  heartbeat: ${heartbeat}\n`,
          "s.yaml",
        ),
      );
      const { stdout } = await run(amtool.path, ["check-config", write(alertmanagerYaml(v))]);
      expect(stdout).toMatch(/SUCCESS[\s\S]*6 receivers/);
    }
  });

  it("routes each severity to the spec's receiver and Watchdog to the heartbeat, never to a pager", async () => {
    const file = write(alertmanagerYaml(example));
    expect(await routesTest(file, "alertname=Watchdog", "severity=none")).toBe("heartbeat");
    expect(await routesTest(file, "alertname=Watchdog", "severity=critical")).toBe("heartbeat");
    expect(await routesTest(file, "alertname=HamonPrometheusShardDown", "severity=critical")).toBe("pager");
    expect(await routesTest(file, "alertname=HamonAlertmanagerMembersMissing", "severity=warning")).toBe("chat");
    expect(await routesTest(file, "alertname=X", "severity=info")).toBe("chat");
    expect(await routesTest(file, "alertname=NoSeverity")).toBe("chat");
  });

  it("without a heartbeat Watchdog goes to null; without an info route info alerts are not notified", async () => {
    const v = view(renderFromSpecText(`${BASE}${ALERTING}  routes: { critical: pager, warning: chat }\n`, "s.yaml"));
    const file = write(alertmanagerYaml(v));
    expect(await routesTest(file, "alertname=Watchdog")).toBe("null");
    expect(await routesTest(file, "alertname=X", "severity=info")).toBe("null");
  });

  it("without an alerting section everything goes to the receiver without integrations, Watchdog to null", async () => {
    const file = write(alertmanagerYaml(withoutAlerting));
    expect(await routesTest(file, "alertname=Watchdog")).toBe("null");
    expect(await routesTest(file, "alertname=X", "severity=critical")).toBe("default");
  });
});

describe("the Alertmanager's egress to its receivers", () => {
  const policy = (v: ReturnType<typeof view>) =>
    v.byKind("NetworkPolicy").find((p: Json) => p.metadata.name === "allow-alertmanager")!;
  const externalPorts = (p: Json) =>
    (p.spec.egress as Json[])
      .filter((e) => e.to?.some((t: Json) => t.ipBlock))
      .flatMap((e) => (e.ports as Json[]).map((x) => x.port as number));

  it("is used with receivers (no suppression), and allows each webhook URL's port beside 443", () => {
    const withWebhook = view(
      renderFromSpecText(
        `${BASE}${ALERTING}  routes: { critical: pager, warning: hook }\n  heartbeat: { url: "http://hb.example.com:8080/ping" }\n`,
        "s.yaml",
      ),
    );
    expect(externalPorts(policy(withWebhook))).toEqual([443, 8080]);
    expect(policy(withWebhook).metadata.annotations?.["hamon.io/ignore"]).toBeUndefined();
    expect(policy(example).metadata.annotations?.["hamon.io/ignore"]).toBeUndefined();
  });

  it("is kept for receivers to come, and said so to the audit, without an alerting section", () => {
    expect(externalPorts(policy(withoutAlerting))).toEqual([443]);
    expect(policy(withoutAlerting).metadata.annotations?.["hamon.io/ignore"]).toBe("HAMON-NETPOL-002");
  });
});

describe("PREREQUISITES.md", () => {
  it("lists the receivers' Secret with each key it must hold, and the heartbeat check to set up outside", () => {
    const text = example.files.get("PREREQUISITES.md")!;
    expect(text).toMatch(
      /- `alertmanager-receivers`, keys `pagerduty-routing-key` \(.*receiver `pager`\), `slack-webhook-url` \(.*receiver `chat`\), `opsgenie-heartbeat-key` \(the heartbeat service's GenieKey credential\)/,
    );
    expect(text).toContain("https://api.opsgenie.com/v2/heartbeats/prod-eu/ping");
    expect(withoutAlerting.files.get("PREREQUISITES.md")).not.toContain("receivers' credentials");
  });
});
