/**
 * The Alertmanager configuration that hamon renders (and that the lab runs unchanged, with its
 * receivers pointed at the lab's webhook): hamon owns the routing (severity routes, inhibition,
 * the Watchdog route); the user's receivers come in by reference.
 *
 * Why this mechanism (docs/alerting.md): every credential is a file that Alertmanager itself
 * reads at notification time (`*_file` fields) from the user's Secret, which the Alertmanager CR
 * mounts (`spec.secrets`). The alternatives either hand the routing to the user's objects
 * (AlertmanagerConfig objects selected by `alertmanagerConfigSelector` are nested under the
 * top-level route, scoped to their namespace, receivers renamed `<namespace>/<name>/<receiver>`)
 * or are experimental (`alertmanagerConfiguration`, "may change in any upcoming release in a
 * breaking way"), prometheus-operator Documentation/api-reference/api.md, AlertmanagerSpec.
 *
 * Every field here is valid for Alertmanager 0.25 (Debian, the tests' amtool) and 0.27 (pinned):
 * `webhook_configs.url_file` is not (amtool 0.25: "field url_file not found"), so the webhook and
 * heartbeat URLs are plain and their credential goes in `http_config.authorization.credentials_file`.
 */
import type { AlertingSpec, ReceiverSpec } from "../spec/schema.js";
import { alertmanagerSecretFile } from "../upstream/prometheus-operator.js";
import { DEFAULT_RECEIVER, HEARTBEAT_RECEIVER, NULL_RECEIVER } from "../vocabulary.js";

export interface AlertmanagerRouting {
  route: Route;
  receivers: Array<{ name: string; [integration: string]: unknown }>;
  inhibit_rules: Array<Record<string, unknown>>;
}

export interface Route {
  receiver: string;
  matchers?: string[];
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  routes?: Route[];
}

export { DEFAULT_RECEIVER, HEARTBEAT_RECEIVER, NULL_RECEIVER };

export const WATCHDOG_MATCHER = 'alertname="Watchdog"';

/**
 * The Watchdog route's group_interval: how often Alertmanager looks at the group, so a heartbeat
 * goes out at most this long after repeat_interval has passed (notify.go sends a repeat on the
 * first flush at which the last one is older than repeat_interval; with group_interval equal to
 * repeat_interval, the flush comes a hair too early and the period doubles).
 */
export const HEARTBEAT_GROUP_INTERVAL = "10s";

const severityMatcher = (severity: string) => `severity="${severity}"`;

/** The routing for the spec's `alerting` section; without one, every alert goes to a receiver without integrations. */
export function alertmanagerRouting(alerting?: AlertingSpec): AlertmanagerRouting {
  const watchdog: Route = alerting?.heartbeat
    ? {
        receiver: HEARTBEAT_RECEIVER,
        matchers: [WATCHDOG_MATCHER],
        group_wait: "0s",
        group_interval: HEARTBEAT_GROUP_INTERVAL,
        repeat_interval: alerting.heartbeat.repeatInterval.toString(),
      }
    : { receiver: NULL_RECEIVER, matchers: [WATCHDOG_MATCHER] };
  const severityRoutes: Route[] = alerting
    ? (["critical", "warning", "info"] as const).map((severity) => ({
        receiver: alerting.routes[severity] ?? NULL_RECEIVER,
        matchers: [severityMatcher(severity)],
      }))
    : [];
  return {
    route: {
      // Alerts with no or another severity go where warnings go.
      receiver: alerting?.routes.warning ?? DEFAULT_RECEIVER,
      // `cluster` keeps one group per cluster. The operator's generated config drops the replica
      // label from alerts (`alert_relabel_configs: [{action: labeldrop, regex: prometheus_replica}]`,
      // prometheus-operator pkg/prometheus/testdata golden files), so both HA replicas' alerts are
      // the same alert to Alertmanager and are notified once.
      group_by: ["alertname", "cluster", "namespace"],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "4h",
      // First match wins (no `continue`): Watchdog never reaches a severity route.
      routes: [watchdog, ...severityRoutes],
    },
    receivers: alerting ? userReceivers(alerting) : [{ name: DEFAULT_RECEIVER }, { name: NULL_RECEIVER }],
    inhibit_rules: [
      {
        source_matchers: [severityMatcher("critical")],
        target_matchers: [severityMatcher("warning")],
        equal: ["alertname", "cluster", "namespace"],
      },
    ],
  };
}

function userReceivers(alerting: AlertingSpec): AlertmanagerRouting["receivers"] {
  const file = (key: string) => alertmanagerSecretFile(alerting.secretName, key);
  const receivers: AlertmanagerRouting["receivers"] = alerting.receivers.map((r) => receiverConfig(r, file));
  receivers.push({ name: NULL_RECEIVER });
  const heartbeat = alerting.heartbeat;
  if (heartbeat) {
    receivers.push({
      name: HEARTBEAT_RECEIVER,
      webhook_configs: [
        {
          url: heartbeat.url,
          // A "resolved" notification would be one more ping after Prometheus stopped sending.
          send_resolved: false,
          ...(heartbeat.secretKey !== undefined
            ? {
                http_config: {
                  authorization: { type: heartbeat.authorizationType, credentials_file: file(heartbeat.secretKey) },
                },
              }
            : {}),
        },
      ],
    });
  }
  return receivers;
}

/** One receiver, its credential a file of the mounted Secret (prometheus.io/docs/alerting/latest/configuration/#receiver-integration-settings). */
function receiverConfig(r: ReceiverSpec, file: (key: string) => string): AlertmanagerRouting["receivers"][number] {
  switch (r.type) {
    case "pagerduty":
      return { name: r.name, pagerduty_configs: [{ routing_key_file: file(r.secretKey), send_resolved: true }] };
    case "opsgenie":
      return { name: r.name, opsgenie_configs: [{ api_key_file: file(r.secretKey), send_resolved: true }] };
    case "slack":
      return {
        name: r.name,
        slack_configs: [{ api_url_file: file(r.secretKey), channel: r.channel, send_resolved: true }],
      };
    case "webhook":
      return {
        name: r.name,
        webhook_configs: [
          {
            url: r.url,
            send_resolved: true,
            ...(r.secretKey !== undefined
              ? { http_config: { authorization: { type: "Bearer", credentials_file: file(r.secretKey) } } }
              : {}),
          },
        ],
      };
  }
}

/** The Secrets the rendered configuration reads files from (mounted by the Alertmanager CR's `spec.secrets`). */
export function alertingSecrets(alerting?: AlertingSpec): string[] {
  return alerting ? [alerting.secretName] : [];
}
