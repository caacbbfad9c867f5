/**
 * The lab: the rendered alerting path run for real on loopback, failures injected, delivery judged.
 *
 *   N × prometheus (REPLICA_LABEL distinct, rendered rules + the lab's step alerts)
 *        │ every Prometheus → every Alertmanager
 *   M × alertmanager (gossip cluster, rendered routing) ──► hamon's webhook receiver (records)
 *
 * N and M are the spec's replica counts: 2 and 3 in the example spec and by default.
 *
 * Everything lives in one temp dir (`hamon-lab-<pid>-XXXXXX`), removed at the end unless `keep`.
 * Every process is stopped on success, on failure, and on SIGINT/SIGTERM (a second signal kills at
 * once); with setpriv also when hamon is killed with SIGKILL. The folders and processes of a lab
 * killed that way are removed at the start of the next run.
 */
import { rmSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parse } from "yaml";
import { renderFromSpecText, type RenderResult } from "../pipeline/render-pipeline.js";
import type { AlertmanagerRouting } from "../render/alertmanager-config.js";
import type { Spec } from "../spec/schema.js";
import { WATCHDOG_ALERT, type AlertingRuleGroup } from "../render/components/meta-monitoring-rules.js";
import { binaryVersion, findBinary, requireBinaries } from "./binaries.js";
import { analyzeDelivery } from "./delivery-analysis.js";
import { alertmanagerToKill, LAB_STEPS, labAlertRuleGroup } from "./fault-injection.js";
import { LOOPBACK, PortAllocator } from "./free-ports.js";
import {
  alertmanagerArgs,
  labAlertmanagerConfig,
  labPrometheusConfig,
  LAB_PEER_TIMEOUT_MS,
  prometheusArgs,
  ruleFileText,
} from "./lab-config.js";
import { labReport, type LabReport, type TimelineEvent } from "./lab-report.js";
import { createOwnedTempDir, removeStaleTempDirs } from "./owned-temp-dir.js";
import { ProcessSupervisor } from "./process-supervisor.js";
import { getJson, isReady, waitFor } from "./readiness.js";
import { WEBHOOK_PATH, WebhookReceiver } from "./webhook-receiver.js";

/** What the lab runs: the spec's replica counts (one Prometheus shard; 2 and 3 in the example spec). */
export function labTopology(spec: Spec): { prometheus: number; alertmanagers: number } {
  return { prometheus: spec.prometheus.replicas, alertmanagers: spec.alertmanager.replicas };
}
const STARTUP_TIMEOUT_MS = 60_000;
const DELIVERY_TIMEOUT_MS = 30_000;
/** After a delivery, before the next kill: the notification log has gossiped to every peer. */
const SETTLE_MS = 1_000;
/**
 * At the end, the lab waits until no duplicate can still come: after the last delivery, the last
 * peer in line checks the notification log at group_wait + (N - 1) × peer-timeout; once the restarted
 * Alertmanager has rejoined and settled, it has the alerts again within one resend delay (2s) and
 * would send them after group_wait and its own wait in line. One second of margin on both.
 */
const quietAfterDeliveryMs = (alertmanagers: number) => 1_000 + (alertmanagers - 1) * LAB_PEER_TIMEOUT_MS + 1_000;
const quietAfterRejoinMs = (alertmanagers: number) => 2_000 + quietAfterDeliveryMs(alertmanagers);

export interface LabOptions {
  specText: string;
  specFile: string;
  /** Keep the temp dir (configs, data, logs). Default false. */
  keep?: boolean;
  /** false: Alertmanagers without peers, each on its own (the negative control). Default true. */
  clustered?: boolean;
  /** Progress lines (the CLI writes them to stderr). */
  progress?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface LabRun {
  report: LabReport;
  /** The temp dir; removed unless `keep`. */
  dir: string;
  /** Every process id the lab started, all stopped by now. */
  pids: number[];
}

/** Ctrl-C or SIGTERM: the lab stopped everything it started. */
export class LabInterruptedError extends Error {
  override name = "LabInterruptedError";
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}; every lab process was stopped`);
  }
}

/** The rule groups of the rendered PrometheusRule, exactly as `hamon render` writes them. */
export function renderedRuleGroups(rendered: RenderResult): AlertingRuleGroup[] {
  const rule = rendered.folders.flatMap((f) => f.objects).find((o) => o.kind === "PrometheusRule");
  if (!rule) throw new Error("hamon bug: no PrometheusRule rendered");
  return (rule.toJSON() as { spec: { groups: AlertingRuleGroup[] } }).spec.groups;
}

/** The Alertmanager configuration in the rendered Secret. */
export function renderedRouting(rendered: RenderResult): AlertmanagerRouting {
  for (const o of rendered.folders.flatMap((f) => f.objects)) {
    const data = (o.toJSON() as { kind: string; stringData?: Record<string, string> }).stringData?.[
      "alertmanager.yaml"
    ];
    if (o.kind === "Secret" && data !== undefined) return parse(data) as AlertmanagerRouting;
  }
  throw new Error("hamon bug: no alertmanager.yaml rendered");
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

interface AlertmanagerNode {
  name: string;
  webPort: number;
  clusterPort: number | undefined;
}

export async function runLab(options: LabOptions): Promise<LabRun> {
  const env = options.env ?? process.env;
  const clustered = options.clustered ?? true;
  const progress = options.progress ?? (() => {});
  const binaries = requireBinaries(["prometheus", "alertmanager"], env);
  const rendered = renderFromSpecText(options.specText, options.specFile);
  const ruleGroups = renderedRuleGroups(rendered);
  const routing = renderedRouting(rendered);
  const topology = labTopology(rendered.spec);
  const alertmanagerCount = topology.alertmanagers;
  const versions = {
    prometheus: await binaryVersion(binaries.prometheus),
    alertmanager: await binaryVersion(binaries.alertmanager),
  };

  const startedAt = Date.now();
  const timeline: TimelineEvent[] = [];
  const killed: string[] = [];
  const event = (kind: string, subject: string, detail?: string) => {
    const e: TimelineEvent = {
      at: Math.round((Date.now() - startedAt) / 100) / 10,
      kind,
      subject,
      ...(detail ? { detail } : {}),
    };
    timeline.push(e);
    progress(`hamon lab: ${e.at.toFixed(1).padStart(5)}s ${kind} ${subject}${detail ? ` (${detail})` : ""}`);
  };

  const stale = await removeStaleTempDirs("lab");
  if (stale.removed.length > 0) {
    const processes =
      stale.killed.length > 0 ? `, and stopped ${plural(stale.killed.length, "process", "processes")}` : "";
    progress(`hamon lab: removed ${plural(stale.removed.length, "temp folder")} of a killed lab run${processes}`);
  }
  const setpriv = findBinary("setpriv", env);
  if (setpriv === undefined) {
    progress(
      "hamon lab: setpriv (util-linux) not found: if hamon is killed with SIGKILL, its processes run on until the next hamon lab",
    );
  }
  const dir = await createOwnedTempDir("lab", { keep: options.keep ?? false });
  const abort = new AbortController();
  const supervisor = new ProcessSupervisor({ setpriv });
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) {
      supervisor.killAllNow();
      try {
        if (!options.keep) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        // a process still writing: the next run removes the folder
      }
      process.exit(130);
    }
    abort.abort(new LabInterruptedError(signal));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const receiver = new WebhookReceiver(startedAt);
  const amNames = Array.from({ length: alertmanagerCount }, (_, i) => `alertmanager-${i}`);
  const alertmanagers: AlertmanagerNode[] = [];
  /** Each Alertmanager runs with --web.external-url=http://127.0.0.1:<port>/, which its notifications carry. */
  const senderName = (externalURL: string) =>
    alertmanagers.find((a) => externalURL.replace(/\/$/, "") === `http://${LOOPBACK}:${a.webPort}`)?.name ??
    externalURL;
  receiver.onNotification((n) =>
    event(
      "notification",
      n.alertnames.join(","),
      `${n.status}, receiver ${n.receiver}, from ${senderName(n.externalURL)}`,
    ),
  );

  const signal = abort.signal;
  const wait = <T>(what: string, timeoutMs: number, condition: () => Promise<T | undefined | false>) =>
    waitFor(condition, { what, timeoutMs, signal, check: () => supervisor.assertHealthy(), intervalMs: 100 });
  const delivered = (alertname: string) =>
    receiver.notifications.some((n) => n.status === "firing" && n.alertnames.includes(alertname));
  /** Waits for an alert's first notification; a timeout is not an error here: the report calls it lost. */
  const awaitDelivery = async (alertnames: string[]) => {
    try {
      await wait(`notification of ${alertnames.join(", ")}`, DELIVERY_TIMEOUT_MS, async () =>
        alertnames.every(delivered),
      );
    } catch (e) {
      if (signal.aborted) throw e;
      event(
        "timeout",
        alertnames.filter((a) => !delivered(a)).join(","),
        `not notified within ${DELIVERY_TIMEOUT_MS / 1000}s`,
      );
    }
  };

  try {
    event("setup", dir, options.keep ? "kept after the run" : "removed after the run");
    const webhookPort = await receiver.start();
    const ports = new PortAllocator();
    for (const name of amNames) {
      alertmanagers.push({
        name,
        webPort: await ports.next(),
        clusterPort: clustered ? await ports.next({ udp: true }) : undefined,
      });
    }
    const prometheusNodes: Array<{ name: string; webPort: number }> = [];
    for (let i = 0; i < topology.prometheus; i++)
      prometheusNodes.push({ name: `prometheus-${i}`, webPort: await ports.next() });

    // Configuration: the rendered rules and routing, as files.
    await mkdir(join(dir, "rules"));
    await writeFile(join(dir, "rules", "meta-monitoring.rules.yaml"), ruleFileText(ruleGroups));
    await writeFile(join(dir, "rules", "lab.rules.yaml"), ruleFileText([labAlertRuleGroup()]));
    const amConfig = join(dir, "alertmanager.yml");
    await writeFile(amConfig, labAlertmanagerConfig(routing, `http://${LOOPBACK}:${webhookPort}${WEBHOOK_PATH}`));

    const startAlertmanager = (node: AlertmanagerNode) =>
      supervisor.start({
        name: node.name,
        command: binaries.alertmanager,
        args: alertmanagerArgs({
          configFile: amConfig,
          storagePath: join(dir, node.name),
          webPort: node.webPort,
          clusterPort: node.clusterPort,
          peerPorts: clustered ? alertmanagers.filter((a) => a !== node).map((a) => a.clusterPort!) : [],
        }),
        logFile: join(dir, `${node.name}.log`),
      });
    const startPrometheus = (node: { name: string; webPort: number }) =>
      supervisor.start({
        name: node.name,
        command: binaries.prometheus,
        args: prometheusArgs(join(dir, node.name, "prometheus.yml"), join(dir, node.name, "data"), node.webPort),
        logFile: join(dir, `${node.name}.log`),
      });
    const url = (port: number) => `http://${LOOPBACK}:${port}`;
    const awaitReady = async (name: string, port: number) => {
      await wait(`${name} to be ready on ${url(port)}`, STARTUP_TIMEOUT_MS, () => isReady(url(port), signal));
      event("ready", name, url(port));
    };
    /** Every running Alertmanager sees all of them as peers and has settled. */
    const awaitCluster = async () => {
      if (!clustered) return;
      await wait(`a gossip cluster of ${alertmanagerCount}`, STARTUP_TIMEOUT_MS, async () => {
        for (const a of alertmanagers) {
          const status = (await getJson(`${url(a.webPort)}/api/v2/status`, signal)) as
            { cluster?: { status?: string; peers?: unknown[] } } | undefined;
          if (status?.cluster?.status !== "ready" || status.cluster.peers?.length !== alertmanagerCount) return false;
        }
        return true;
      });
      event("cluster", `${alertmanagerCount} alertmanagers`, "gossip settled, every member sees every peer");
    };

    for (const node of alertmanagers) {
      await mkdir(join(dir, node.name));
      startAlertmanager(node);
      event("start", node.name, clustered ? `cluster port ${node.clusterPort}` : "no peers (negative control)");
    }
    for (const node of alertmanagers) await awaitReady(node.name, node.webPort);
    await awaitCluster();

    for (const node of prometheusNodes) {
      await mkdir(join(dir, node.name));
      await writeFile(
        join(dir, node.name, "prometheus.yml"),
        labPrometheusConfig({
          cluster: rendered.spec.cluster.name,
          replica: node.name,
          alertmanagers: alertmanagers.map((a) => `${LOOPBACK}:${a.webPort}`),
          webhookTarget: `${LOOPBACK}:${webhookPort}`,
          ruleFiles: [join(dir, "rules", "*.rules.yaml")],
        }),
      );
      startPrometheus(node);
      event("start", node.name);
    }
    for (const node of prometheusNodes) await awaitReady(node.name, node.webPort);
    for (const node of prometheusNodes) {
      await wait(`${node.name} to discover every Alertmanager`, STARTUP_TIMEOUT_MS, async () => {
        const body = (await getJson(`${url(node.webPort)}/api/v1/alertmanagers`, signal)) as
          { data?: { activeAlertmanagers?: unknown[] } } | undefined;
        return body?.data?.activeAlertmanagers?.length === alertmanagerCount;
      });
      // Prometheus publishes discovered targets at most every 5s (prometheus discovery/manager.go, updatert), hence the wait.
      event("discovered", node.name, `sends to all ${alertmanagerCount} alertmanagers`);
    }
    // The rendered rules run in the real binary: count what Prometheus loaded.
    const loaded = (await getJson(`${url(prometheusNodes[0]!.webPort)}/api/v1/rules`, signal)) as
      { data?: { groups?: Array<{ name: string; rules: unknown[] }> } } | undefined;
    const groups = loaded?.data?.groups ?? [];
    event(
      "rules",
      prometheusNodes[0]!.name,
      `${groups.reduce((n, g) => n + g.rules.length, 0)} rules in ${groups.length} groups: ${groups.map((g) => g.name).join(", ")}`,
    );

    // Step 0: nothing broken yet.
    event("step", "0", `${LAB_STEPS[0]!.alertname} and ${WATCHDOG_ALERT} fire`);
    await awaitDelivery([LAB_STEPS[0]!.alertname, WATCHDOG_ALERT]);
    await sleep(SETTLE_MS, undefined, { signal });

    // Step 1: kill the Alertmanager that has been sending.
    const amVictim = alertmanagerToKill(receiver.notifications, senderName, amNames);
    await supervisor.kill(amVictim);
    killed.push(amVictim);
    event("kill", amVictim, "SIGKILL");
    receiver.setStep(1);
    event("step", "1", `${LAB_STEPS[1]!.alertname} fires`);
    await awaitDelivery([LAB_STEPS[1]!.alertname]);
    await sleep(SETTLE_MS, undefined, { signal });

    // Step 2: kill one Prometheus replica; its twin alone keeps evaluating and sending.
    const promVictim = prometheusNodes[0]!.name;
    await supervisor.kill(promVictim);
    killed.push(promVictim);
    event("kill", promVictim, "SIGKILL");
    receiver.setStep(2);
    event("step", "2", `${LAB_STEPS[2]!.alertname} fires`);
    await awaitDelivery([LAB_STEPS[2]!.alertname]);

    // Step 3: restart both, same ports and data; the Alertmanager rejoins and syncs its state.
    supervisor.restart(amVictim);
    event("restart", amVictim);
    supervisor.restart(promVictim);
    event("restart", promVictim);
    const amNode = alertmanagers.find((a) => a.name === amVictim)!;
    await awaitReady(amVictim, amNode.webPort);
    await awaitCluster();
    const rejoinedAt = Date.now();
    await awaitReady(promVictim, prometheusNodes[0]!.webPort);
    receiver.setStep(3);
    event("step", "3", `${LAB_STEPS[3]!.alertname} fires`);
    await awaitDelivery([LAB_STEPS[3]!.alertname]);

    const lastDelivery = startedAt + Math.max(0, ...receiver.notifications.map((n) => n.at));
    const quietMs =
      Math.max(
        lastDelivery + quietAfterDeliveryMs(alertmanagerCount),
        rejoinedAt + quietAfterRejoinMs(alertmanagerCount),
      ) - Date.now();
    event("wait", `${(Math.max(0, quietMs) / 1000).toFixed(1)}s`, "quiet period: any late duplicate would arrive now");
    if (quietMs > 0) await sleep(quietMs, undefined, { signal });
    supervisor.assertHealthy();
    event("done", "stopping every process");
  } catch (e) {
    if (signal.aborted) throw signal.reason as Error;
    throw e;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await supervisor.stopAll();
    await receiver.stop();
    if (!options.keep) await rm(dir, { recursive: true, force: true });
  }

  const expected = [WATCHDOG_ALERT, ...LAB_STEPS.map((s) => s.alertname)];
  const analysis = analyzeDelivery(receiver.notifications, expected, senderName);
  return { report: labReport(versions, analysis, killed, timeline), dir, pids: supervisor.allPids() };
}
