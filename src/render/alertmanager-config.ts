/**
 * The Alertmanager routing that hamon renders (and that the lab runs unchanged, with its
 * receivers pointed at the lab's webhook). Receivers carry no integrations: sending to chat,
 * mail or paging needs credentials, which the user adds by reference.
 */
export interface AlertmanagerRouting {
  route: Record<string, unknown>;
  receivers: Array<{ name: string; [integration: string]: unknown }>;
  inhibit_rules: Array<Record<string, unknown>>;
}

export const DEFAULT_RECEIVER = "default";
/** Receives the always-firing Watchdog alert so that it never pages (it proves the path is alive). */
export const NULL_RECEIVER = "null";

export function alertmanagerRouting(): AlertmanagerRouting {
  return {
    route: {
      receiver: DEFAULT_RECEIVER,
      // `cluster` keeps one group per cluster. The operator's generated config drops the replica
      // label from alerts (`alert_relabel_configs: [{action: labeldrop, regex: prometheus_replica}]`,
      // prometheus-operator pkg/prometheus/testdata golden files), so both HA replicas' alerts are
      // the same alert to Alertmanager and are notified once.
      group_by: ["alertname", "cluster", "namespace"],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "4h",
      routes: [{ receiver: NULL_RECEIVER, matchers: ['alertname="Watchdog"'] }],
    },
    receivers: [{ name: DEFAULT_RECEIVER }, { name: NULL_RECEIVER }],
    inhibit_rules: [
      {
        source_matchers: ['severity="critical"'],
        target_matchers: ['severity="warning"'],
        equal: ["alertname", "cluster", "namespace"],
      },
    ],
  };
}
