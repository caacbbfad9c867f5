/**
 * HAMON-GRAFANA-002 — several Grafana replicas with unified alerting but no alerting HA.
 *
 * What: 2+ replicas, unified alerting on (the default since Grafana 9: conf/defaults.ini
 * `[unified_alerting] enabled`), and neither `ha_peers` nor `ha_redis_address` set.
 *
 * Why: every replica evaluates every alert rule and runs its own Alertmanager; without HA they do
 * not share the notification log, so "each instance sends its notifications" and contacts get
 * one copy per replica, and silences are not propagated
 * (grafana.com/docs/grafana/latest/alerting/set-up/configure-high-availability/).
 *
 * Severity warning: alerts are delivered (duplicated), none is lost.
 */
import type { Rule, RuleFinding } from "../rule.js";
import { groupTitle } from "./_helpers.js";
import { grafanaSetting } from "./_grafana.js";

export const grafanaAlertingHa: Rule = {
  id: "HAMON-GRAFANA-002",
  severity: "warning",
  title: "Grafana unified alerting HA not configured with several replicas",
  rationale:
    "Without [unified_alerting] ha_peers (or ha_redis_address) each Grafana replica sends every notification and keeps its own silences " +
    "(grafana.com/docs/grafana/latest/alerting/set-up/configure-high-availability/). Warning: duplicates, not losses.",
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
        message: `${groupTitle(g)} runs ${g.replicas} replicas with unified alerting but no ha_peers: every notification is sent ${g.replicas} times`,
      });
    }
    return out;
  },
};
