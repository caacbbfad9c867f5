/** HAMON-THANOS-004. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Rule, RuleFinding } from "../rule.js";
import { lastFlag } from "../../inventory/flags.js";
import {
  DEFAULT_REPLICATION_FACTOR,
  hasHashring,
  hashringSizes,
  routesAndIngests,
} from "../../upstream/thanos-receive.js";
import { groupTitle } from "./_helpers.js";
import { relatedYamlSetting } from "../related-location.js";

export const thanosReceiveReplication: Rule = {
  id: "HAMON-THANOS-004",
  severity: "error",
  title: "Thanos Receive replication too low",
  what:
    "A Thanos Receive that distributes writes (it has `--receive.hashrings-file` or `--receive.hashrings`):\n" +
    "- `--receive.replication-factor` left out (default 1) or 1, with 2 or more replicas;\n" +
    "- a replication factor larger than the Receive's own replicas (router and ingestor in one workload, " +
    "`--receive.local-endpoint` set);\n" +
    "- a hashring in the hashrings file (found inline, or in the mounted ConfigMap or Secret) with fewer " +
    "endpoints than the replication factor.\n" +
    "A Receive with one replica is HAMON-HA-001's; an ingestor without a hashring is judged by its routers.",
  why:
    "Receive writes each series to `replication-factor` members of the hashring and acknowledges a write once " +
    "a quorum of them has it. At factor 1 each series lives on one Receive: losing that pod (node loss, drain, " +
    "rollout) fails the remote-write of its share of the series, and its recent data, not yet in the bucket, " +
    "is missing from queries. A hashring with fewer endpoints than the factor cannot place the copies and every " +
    'write fails ("insufficient nodes").',
  sources: [
    { title: "Thanos Receiver", url: "https://thanos.io/tip/components/receive.md/" },
    {
      title: "Thanos pkg/receive/handler.go (writeQuorum)",
      url: "https://github.com/thanos-io/thanos/blob/main/pkg/receive/handler.go",
    },
    {
      title: "Thanos pkg/receive/hashring.go (insufficient nodes)",
      url: "https://github.com/thanos-io/thanos/blob/main/pkg/receive/hashring.go",
    },
  ],
  severityReason:
    "Error: with factor 1 one ordinary event (a node lost, a drain, a rollout) loses writes; with fewer " +
    "endpoints than the factor, writes fail all the time.",
  fix: "Set --receive.replication-factor=3 (a write needs 2 of 3 copies), run at least 3 Receive replicas and list every one in the hashring.",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const g of inv.podGroups) {
      if (g.component !== "thanos-receive") continue;
      const flags = g.config.flags;
      if (!hasHashring(flags)) continue;
      const raw = lastFlag(flags, "receive.replication-factor");
      const factor = raw === undefined ? DEFAULT_REPLICATION_FACTOR : Number(raw);
      if (!Number.isInteger(factor) || factor < 1) continue;
      const title = groupTitle(g);
      if (factor === 1 && g.replicas >= 2) {
        out.push({
          object: g.owner,
          message: `${title} writes each series to one Receive only (replication factor ${raw === undefined ? "left at its default of 1" : "1"}): losing a pod fails the writes of its share of the series and hides its recent data`,
        });
      }
      if (factor > 1 && routesAndIngests(flags) && g.replicas > 0 && g.replicas < factor) {
        out.push({
          object: g.owner,
          message: `${title} has replication factor ${factor} but only ${g.replicas === 1 ? "one replica" : `${g.replicas} replicas`}: the copies cannot be placed and writes fail`,
          fix: `Run at least ${factor} replicas and list every one in the hashring, or lower --receive.replication-factor.`,
        });
      }
      const rings = g.config.receiveHashrings === undefined ? undefined : hashringSizes(g.config.receiveHashrings);
      const file = g.config.files?.receiveHashrings;
      for (const [i, ring] of (rings ?? []).entries()) {
        if (ring.endpoints >= factor || ring.endpoints === 0) continue;
        out.push({
          object: g.owner,
          ...relatedYamlSetting(
            inv,
            file,
            [i, "endpoints"],
            `hashring ${ring.name}: list at least ${factor} endpoints here`,
          ),
          message: `${title}: hashring ${ring.name} lists ${ring.endpoints === 1 ? "one endpoint" : `${ring.endpoints} endpoints`}, fewer than the replication factor ${factor}: every write to it fails`,
          fix: `List at least ${factor} Receive endpoints in hashring ${ring.name}, or lower --receive.replication-factor.`,
        });
      }
    }
    return out;
  },
};
