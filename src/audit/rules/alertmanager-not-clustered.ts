/**
 * HAMON-AM-001 — Alertmanager replicas that do not form a cluster.
 *
 * What: an Alertmanager workload (not the Operator CR, whose operator wires
 * `--cluster.peer` for every replica) with 2+ replicas and no `--cluster.peer`, or with
 * clustering switched off by an empty `--cluster.listen-address`.
 *
 * Why: replicas share silences and the notification log over gossip; unclustered, each replica
 * notifies on its own — every notification goes out once per replica — and a silence set on one
 * replica does not silence the others (github.com/prometheus/alertmanager#high-availability:
 * "To create a highly available cluster of the Alertmanager the instances need to be configured
 * to communicate with each other"; --cluster.listen-address "" disables HA mode).
 *
 * Severity error: every page is duplicated and silences do not hold, on every alert.
 */
import type { Rule, RuleFinding } from "../rule.js";
import { lastFlag } from "../../inventory/flags.js";
import { groupTitle } from "./_helpers.js";

export const alertmanagerNotClustered: Rule = {
  id: "HAMON-AM-001",
  severity: "error",
  title: "Alertmanager replicas not clustered",
  rationale:
    "Unclustered Alertmanager replicas each send every notification and do not share silences (github.com/prometheus/alertmanager#high-availability). " +
    "Error: duplicated pages and silences that do not hold.",
  fix: "Give every replica --cluster.peer=<each other replica>:9094 (e.g. via a headless Service: <pod>.<svc>:9094), or use the Prometheus Operator's Alertmanager CR.",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const g of inv.podGroups) {
      if (g.component !== "alertmanager" || g.config.crSpec || g.replicas < 2 || g.perNode) continue;
      const listen = lastFlag(g.config.flags, "cluster.listen-address");
      const peers = (g.config.flags["cluster.peer"] ?? []).filter((p) => p.trim() !== "");
      if (listen === "") {
        out.push({
          object: g.owner,
          message: `${groupTitle(g)} runs ${g.replicas} replicas with --cluster.listen-address="" (clustering off): each notifies on its own`,
        });
      } else if (peers.length === 0) {
        out.push({
          object: g.owner,
          message: `${groupTitle(g)} runs ${g.replicas} replicas with no --cluster.peer: they never form a cluster, each notifies on its own`,
        });
      }
    }
    return out;
  },
};
