/**
 * The lab's configuration files, generated from what hamon renders (pure; the runner writes them):
 * Prometheus as the operator would configure each replica, and the rendered Alertmanager routing
 * with every receiver pointed at the lab's webhook.
 */
import { stringify } from "yaml";
import { HEARTBEAT_RECEIVER, type AlertmanagerRouting, type Route } from "../render/alertmanager-config.js";
import type { AlertingRuleGroup } from "../render/components/meta-monitoring-rules.js";
import { REPLICA_LABEL } from "../render/stack-facts.js";

const YAML_OPTIONS = { lineWidth: 0 } as const;

/** The lab Prometheus' evaluation_interval (and scrape_interval). */
export const LAB_EVALUATION_INTERVAL_MS = 1_000;

/**
 * Gossip timings for a cluster on loopback (flags of alertmanager 0.25 `--help`; defaults in
 * parentheses). peer-timeout (15s) is how long the Nth peer waits, times N, before it checks the
 * notification log and sends itself; settling takes 3 quiet polls of 10 × gossip-interval (200ms).
 */
export const LAB_CLUSTER_TIMINGS = {
  "gossip-interval": "50ms",
  "pushpull-interval": "5s",
  "peer-timeout": "2s",
  "settle-timeout": "15s",
  "reconnect-interval": "2s",
} as const;
export const LAB_PEER_TIMEOUT_MS = 2_000;

/**
 * How long after its flush the last member in line sends, with `alertmanagers` members: it waits
 * position × peer-timeout, and then sends the alerts as they were at the flush (notify/notify.go in
 * alertmanager 0.25: WaitStage runs before DedupStage, which judges the alerts the flush handed it,
 * dispatch/dispatch.go aggrGroup.flush).
 */
export const lastPositionWaitMs = (alertmanagers: number): number =>
  Math.max(0, alertmanagers - 1) * LAB_PEER_TIMEOUT_MS;

/**
 * The lab's group_interval. A member that flushed a group while an alert was still firing sends
 * that old view after its wait in line; if the first member flushed the group again meanwhile and
 * sent "resolved", the late member finds its firing alert missing from the notification log and
 * sends "firing" again: a duplicate page (prometheus/alertmanager issues #2447 and #4008). The same
 * happens when a flush falls in the second or two in which one Prometheus replica has seen the
 * target back and the other not yet: the later replica's "firing" re-opens the alert in
 * Alertmanager (its newer update wins, types/types.go Alert.Merge and provider/mem Put) until it
 * too resolves. The rendered timings leave room for both (group_interval 5m against (3 - 1) × 15s
 * of wait and a 30s scrape plus 30s evaluation); the lab's must too, or the lab pages twice where
 * the cluster would not: group_interval above the last member's wait and above one scrape plus
 * one evaluation (1s + 1s), with two seconds to spare for a loaded machine.
 */
export function labGroupIntervalMs(alertmanagers: number): number {
  const replicasDisagreeMs = 2 * LAB_EVALUATION_INTERVAL_MS;
  return Math.max(lastPositionWaitMs(alertmanagers), replicasDisagreeMs) + 2_000;
}

/**
 * Shortened routing timings, so that the lab runs in seconds rather than minutes. group_wait and
 * group_interval only delay notifications (group_interval: labGroupIntervalMs); repeat_interval
 * stays far above the lab's duration, so that any second notification of an unchanged group is a
 * duplicate, not a planned repeat.
 */
export function labRouteTimings(alertmanagers: number): {
  group_wait: string;
  group_interval: string;
  repeat_interval: string;
} {
  return { group_wait: "1s", group_interval: `${labGroupIntervalMs(alertmanagers) / 1000}s`, repeat_interval: "1h" };
}

/** Prometheus resends firing alerts this often (default 1m); alerts are valid for 4 × this. */
export const LAB_RESEND_DELAY = "2s";
export const LAB_RESEND_DELAY_MS = 2_000;

/**
 * The Watchdog route's timings in the lab (rendered: group_interval 10s, repeat_interval from the
 * spec, 1m by default): a heartbeat every 2–3 s, so that the lab sees it stop and resume in seconds.
 */
export const LAB_HEARTBEAT_TIMINGS = { group_wait: "0s", group_interval: "1s", repeat_interval: "2s" } as const;
export const LAB_HEARTBEAT_PERIOD_MS = 3_000;

/**
 * How long after the last Prometheus dies Alertmanager may still send the heartbeat: the Watchdog
 * alert it holds stays firing until its endsAt, which Prometheus sets to the send time plus
 * 4 × max(resend delay, evaluation interval) (prometheus rules/alerting.go, sendAlerts: `delta :=
 * resendDelay; if interval > delta { delta = interval }; a.ValidUntil = ts.Add(4 * delta)`); a
 * member that flushed just before sends that flush's view after its wait in line
 * (lastPositionWaitMs: position × peer-timeout); plus one group_interval of the heartbeat route
 * for the delivery itself. docs/alerting.md gives the bound for the rendered timings without the
 * wait in line.
 */
export function heartbeatStopBoundMs(
  resendDelayMs: number,
  evaluationIntervalMs: number,
  groupIntervalMs: number,
  positionWaitMs: number,
): number {
  return 4 * Math.max(resendDelayMs, evaluationIntervalMs) + positionWaitMs + groupIntervalMs;
}

export interface PrometheusLabConfig {
  cluster: string;
  replica: string;
  alertmanagers: string[];
  webhookTarget: string;
  ruleFiles: string[];
  /** Scrapes of the stack's own targets (the node-exporter: node-exporter-scrape.ts). */
  targetScrapes?: Record<string, unknown>[];
}

/** One replica's prometheus.yml. */
export function labPrometheusConfig(c: PrometheusLabConfig): string {
  return stringify(
    {
      global: {
        scrape_interval: "1s",
        evaluation_interval: "1s",
        // Distinct per replica, as the operator sets it (`prometheus_replica: $(POD_NAME)`).
        external_labels: { cluster: c.cluster, [REPLICA_LABEL]: c.replica },
      },
      rule_files: c.ruleFiles,
      alerting: {
        // The operator drops the replica label from alerts so that both replicas' alerts are the
        // same alert to Alertmanager (prometheus-operator pkg/prometheus/testdata/*.golden:
        // `alert_relabel_configs: [{action: labeldrop, regex: prometheus_replica}]`).
        alert_relabel_configs: [{ action: "labeldrop", regex: REPLICA_LABEL }],
        // Every Prometheus sends to every Alertmanager, never through a load balancer
        // (prometheus.io/docs/alerting/latest/alertmanager/#high-availability).
        alertmanagers: [{ api_version: "v2", static_configs: [{ targets: c.alertmanagers }] }],
      },
      scrape_configs: [
        { job_name: "hamon-lab", static_configs: [{ targets: [c.webhookTarget] }] },
        ...(c.targetScrapes ?? []),
      ],
    },
    YAML_OPTIONS,
  );
}

/** The heartbeat route's timings shortened, every other route's kept. */
const labRoute = (route: Route): Route =>
  route.receiver === HEARTBEAT_RECEIVER ? { ...route, ...LAB_HEARTBEAT_TIMINGS } : route;

/**
 * The rendered routing, timings shortened, every receiver a webhook to the lab (the heartbeat too:
 * the lab's receiver plays the outside service, and gets no resolved notification, as rendered).
 */
export function labAlertmanagerConfig(routing: AlertmanagerRouting, webhookUrl: string, alertmanagers: number): string {
  return stringify(
    {
      route: { ...routing.route, ...labRouteTimings(alertmanagers), routes: routing.route.routes?.map(labRoute) },
      receivers: routing.receivers.map((r) => ({
        name: r.name,
        webhook_configs: [{ url: webhookUrl, send_resolved: r.name !== HEARTBEAT_RECEIVER }],
      })),
      inhibit_rules: routing.inhibit_rules,
    },
    YAML_OPTIONS,
  );
}

export function ruleFileText(groups: AlertingRuleGroup[]): string {
  return stringify({ groups }, YAML_OPTIONS);
}

export interface AlertmanagerLabArgs {
  configFile: string;
  storagePath: string;
  webPort: number;
  /** Gossip port; undefined runs the Alertmanager alone (the negative control). */
  clusterPort: number | undefined;
  peerPorts: number[];
}

export function alertmanagerArgs(a: AlertmanagerLabArgs): string[] {
  const web = `127.0.0.1:${a.webPort}`;
  const args = [
    `--config.file=${a.configFile}`,
    `--storage.path=${a.storagePath}`,
    `--web.listen-address=${web}`,
    // The webhook payload's externalURL then names the sender.
    `--web.external-url=http://${web}/`,
  ];
  if (a.clusterPort === undefined) return [...args, "--cluster.listen-address="];
  return [
    ...args,
    `--cluster.listen-address=127.0.0.1:${a.clusterPort}`,
    `--cluster.advertise-address=127.0.0.1:${a.clusterPort}`,
    ...a.peerPorts.map((p) => `--cluster.peer=127.0.0.1:${p}`),
    ...Object.entries(LAB_CLUSTER_TIMINGS).map(([flag, value]) => `--cluster.${flag}=${value}`),
  ];
}

export function prometheusArgs(configFile: string, storagePath: string, webPort: number): string[] {
  return [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${storagePath}`,
    `--web.listen-address=127.0.0.1:${webPort}`,
    `--rules.alert.resend-delay=${LAB_RESEND_DELAY}`,
  ];
}
