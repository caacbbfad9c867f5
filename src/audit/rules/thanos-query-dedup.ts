/** HAMON-THANOS-001. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Rule, RuleFinding } from "../rule.js";
import { groupTitle, hasThanosSidecar, peersOf, prometheusReplicaLabels, receiveReplicaLabels } from "./_helpers.js";
import type { Inventory, PodGroup } from "../../inventory/model.js";
import { hasHashring, replicationFactor, routesAndIngests, routesOnly } from "../../upstream/thanos-receive.js";
import { THANOS_RULER_REPLICA_LABEL } from "../../upstream/prometheus-operator.js";

export const thanosQueryDedup: Rule = {
  id: "HAMON-THANOS-001",
  severity: "error",
  title: "Thanos Query misses a replica label in use",
  what:
    "A Thanos Query whose `--query.replica-label` flags do not include every replica label of the HA Prometheus " +
    "and Thanos Ruler groups that ship data to Thanos, and of the Thanos Receive groups that store replicated " +
    "writes (replication factor 2 or more, their own or their routers'; the replica label is the `--label` whose " +
    'value is per pod, e.g. `replica="$(NAME)"`), in the same namespace (or, when that namespace has none, ' +
    "anywhere in the input).",
  why:
    "Query merges series that differ only in the labels given by `--query.replica-label`. Any other label leaves " +
    "both replicas' series in every answer: `sum()` doubles, graphs show two lines, recording rules over Query " +
    "are wrong. The Prometheus Operator labels Prometheus replicas `prometheus_replica` by default and Thanos " +
    "Ruler replicas `thanos_ruler_replica`; kube-thanos and Helm charts often use `replica`, hence the drift. " +
    "Receive writes each series `replication-factor` times, once per Receive, each copy under that Receive's " +
    "own external labels.",
  sources: [
    { title: "Thanos Query: deduplication", url: "https://thanos.io/tip/components/query.md/#deduplication" },
    { title: "Thanos Receiver", url: "https://thanos.io/tip/components/receive.md/" },
    {
      title: "Prometheus Operator API reference",
      url: "https://github.com/prometheus-operator/prometheus-operator/blob/main/Documentation/api-reference/api.md",
    },
  ],
  severityReason: "Error: every query over HA data double counts.",
  fix: "Add --query.replica-label=<label> for each replica label in use (the flag repeats).",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const q of inv.podGroups) {
      if (q.component !== "thanos-query") continue;
      const configured = new Set(
        (q.config.flags["query.replica-label"] ?? [])
          .flatMap((v) => v.split(","))
          .map((s) => s.trim())
          .filter(Boolean),
      );
      const needed = new Map<string, string>();
      for (const p of peersOf(inv, q.namespace, "prometheus")) {
        if (p.replicas < 2 || !hasThanosSidecar(p)) continue;
        for (const l of prometheusReplicaLabels(p) ?? []) if (!needed.has(l)) needed.set(l, groupTitle(p));
      }
      for (const r of peersOf(inv, q.namespace, "thanos-ruler")) {
        if (r.replicas >= 2 && r.config.crSpec && !needed.has(THANOS_RULER_REPLICA_LABEL))
          needed.set(THANOS_RULER_REPLICA_LABEL, groupTitle(r));
      }
      for (const r of peersOf(inv, q.namespace, "thanos-receive")) {
        if (!storesReplicatedWrites(inv, r)) continue;
        for (const l of receiveReplicaLabels(r)) if (!needed.has(l)) needed.set(l, groupTitle(r));
      }
      const missing = [...needed].filter(([l]) => !configured.has(l));
      if (missing.length === 0) continue;
      const have = configured.size ? [...configured].join(", ") : "no replica label";
      out.push({
        object: q.owner,
        message:
          `${groupTitle(q)} deduplicates on ${have}, but ` +
          missing.map(([l, who]) => `${who} labels its replicas ${l}`).join("; ") +
          ": HA series are returned twice",
        fix:
          missing.map(([l]) => `--query.replica-label=${l}`).join(" ") + " (keep the flags you have for other sources)",
      });
    }
    return out;
  },
};

/**
 * True when a Receive group holds copies of the same series: it routes over its own pods with a
 * factor of 2 or more, or it is an ingestor (no hashring) beside routers with such a factor.
 */
function storesReplicatedWrites(inv: Inventory, r: PodGroup): boolean {
  if (r.replicas < 2) return false;
  if (hasHashring(r.config.flags)) return routesAndIngests(r.config.flags) && replicationFactor(r.config.flags) >= 2;
  return peersOf(inv, r.namespace, "thanos-receive").some(
    (router) => routesOnly(router.config.flags) && replicationFactor(router.config.flags) >= 2,
  );
}
