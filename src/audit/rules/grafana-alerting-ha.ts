/** HAMON-GRAFANA-002. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Rule, RuleFinding } from "../rule.js";
import { groupTitle } from "./_helpers.js";
import { grafanaIniLocation, grafanaSetting } from "./_grafana.js";

export const grafanaAlertingHa: Rule = {
  id: "HAMON-GRAFANA-002",
  severity: "warning",
  title: "Grafana unified alerting HA not configured with several replicas",
  what:
    "A Grafana with 2 or more replicas, unified alerting on (the default since Grafana 9: `[unified_alerting] " +
    "enabled`), and neither `ha_peers` nor `ha_redis_address` set.",
  why:
    "Every replica evaluates every alert rule and runs its own Alertmanager. Without HA they do not share the " +
    'notification log, so "each instance sends its notifications" and contacts get one copy per replica, and ' +
    "silences are not propagated.",
  sources: [
    {
      title: "Grafana Alerting: configure high availability",
      url: "https://grafana.com/docs/grafana/latest/alerting/set-up/configure-high-availability/",
    },
    { title: "Grafana conf/defaults.ini", url: "https://github.com/grafana/grafana/blob/main/conf/defaults.ini" },
  ],
  severityReason: "Warning: alerts are delivered (duplicated); none is lost.",
  fix: "Set GF_UNIFIED_ALERTING_HA_PEERS to a headless Service of the Grafana pods on port 9094 (TCP+UDP), with ha_listen_address/ha_advertise_address on the pod IP.",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const g of inv.podGroups) {
      if (g.component !== "grafana" || g.replicas < 2) continue;
      if ((grafanaSetting(g, "unified_alerting", "enabled") ?? "true").toLowerCase() === "false") continue;
      if (
        grafanaSetting(g, "unified_alerting", "ha_peers") ||
        grafanaSetting(g, "unified_alerting", "ha_redis_address")
      )
        continue;
      out.push({
        object: g.owner,
        related: grafanaIniLocation(
          inv,
          g,
          "unified_alerting",
          "ha_peers",
          "[unified_alerting] ha_peers is not set: list the replicas' gossip addresses here",
        ),
        message: `${groupTitle(g)} runs ${g.replicas} replicas with unified alerting but no ha_peers: every notification is sent ${g.replicas} times`,
      });
    }
    return out;
  },
};
