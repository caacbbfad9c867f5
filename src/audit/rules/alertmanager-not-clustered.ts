/** HAMON-AM-001. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Rule, RuleFinding } from "../rule.js";
import { lastFlag } from "../../inventory/flags.js";
import { groupTitle } from "./_helpers.js";

export const alertmanagerNotClustered: Rule = {
  id: "HAMON-AM-001",
  severity: "error",
  title: "Alertmanager replicas not clustered",
  what:
    "An Alertmanager workload with 2 or more replicas and no `--cluster.peer`, or with clustering switched off " +
    "by an empty `--cluster.listen-address`. The Prometheus Operator's Alertmanager CR is not checked: its " +
    "operator wires `--cluster.peer` for every replica.",
  why:
    "Replicas share silences and the notification log over gossip. Unclustered, each replica notifies on its own " +
    "— every notification goes out once per replica — and a silence set on one replica does not silence the " +
    'others: "To create a highly available cluster of the Alertmanager the instances need to be configured to ' +
    'communicate with each other", and `--cluster.listen-address=""` disables HA mode.',
  sources: [
    { title: "Alertmanager: high availability", url: "https://github.com/prometheus/alertmanager#high-availability" },
  ],
  severityReason: "Error: every page is duplicated and silences do not hold, on every alert.",
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
