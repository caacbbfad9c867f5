/** HAMON-THANOS-003. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Rule, RuleFinding } from "../rule.js";
import { lastFlag } from "../../inventory/flags.js";
import { PROMETHEUS_REPLICA_LABEL } from "../../upstream/prometheus-operator.js";
import { groupTitle, hasThanosSidecar, peersOf, prometheusReplicaLabels } from "./_helpers.js";

export const thanosCompactDedup: Rule = {
  id: "HAMON-THANOS-003",
  severity: "error",
  title: "Thanos Compactor deduplicates HA data with the wrong settings",
  what:
    "A Thanos Compactor whose deduplication settings are wrong for the HA Prometheus data in the input:\n" +
    "- it merges that data with the default deduplication function;\n" +
    "- the replica labels it is given are none of the labels the HA Prometheus groups use, so it deduplicates " +
    "nothing of theirs (storage stays doubled);\n" +
    "- with no HA Prometheus in the input (it writes the bucket from elsewhere), it merges on " +
    "`prometheus_replica`, the Prometheus Operator's replica label, with the default function;\n" +
    '- it sets `--deduplication.func=penalty` without any replica label, which does nothing ("at least one ' +
    'replica label has to be set").\n' +
    '`--deduplication.replica-label` alone turns vertical compaction on ("deduplication.replica-label specified, ' +
    'enabling vertical compaction", in cmd/thanos/compact.go).',
  why:
    "Vertical compaction merges the replicas' blocks, and the merge is irreversible. The default one-to-one " +
    'merge is meant for blocks "with precisely the same samples like produced by Receiver replication"; for ' +
    "Prometheus replicas, whose samples sit at different timestamps, the Compactor's documentation asks for " +
    '`--deduplication.func=penalty` (its flags, and "Vertical Compaction Use Cases").',
  sources: [
    {
      title: "Thanos Compactor: flags and vertical compaction use cases",
      url: "https://thanos.io/tip/components/compact.md/",
    },
    {
      title: "Thanos cmd/thanos/compact.go",
      url: "https://github.com/thanos-io/thanos/blob/main/cmd/thanos/compact.go",
    },
  ],
  severityReason:
    "Error for the wrong merge of HA data: it is irreversible. Warning when the HA data is only inferred from the " +
    "label's name (the Prometheus is not in the input), and for settings that have no effect (replica labels that " +
    "match no HA Prometheus, or penalty without a replica label).",
  fix: "--deduplication.replica-label=<the Prometheus replica label> --deduplication.func=penalty (or no deduplication flags at all).",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const c of inv.podGroups) {
      if (c.component !== "thanos-compact") continue;
      const labels = new Set(
        (c.config.flags["deduplication.replica-label"] ?? [])
          .flatMap((v) => v.split(","))
          .map((s) => s.trim())
          .filter(Boolean),
      );
      const func = lastFlag(c.config.flags, "deduplication.func") ?? "";
      if (labels.size === 0) {
        if (func === "penalty")
          out.push({
            object: c.owner,
            severity: "warning",
            message: `${groupTitle(c)} sets --deduplication.func=penalty without --deduplication.replica-label: it has no effect`,
          });
        continue;
      }
      const haSources = peersOf(inv, c.namespace, "prometheus").filter((p) => p.replicas >= 2 && hasThanosSidecar(p));
      const used = new Set(haSources.flatMap((p) => prometheusReplicaLabels(p) ?? []));
      const matching = [...labels].filter((l) => used.has(l));
      if (haSources.length > 0 && used.size > 0 && matching.length === 0) {
        out.push({
          object: c.owner,
          severity: "warning",
          message: `${groupTitle(c)} deduplicates on ${[...labels].join(", ")}, but the HA Prometheus replicas are labelled ${[...used].join(", ")}: their blocks are never merged`,
          fix: `--deduplication.replica-label=${[...used][0]} --deduplication.func=penalty`,
        });
      }
      // The Prometheus that writes the bucket may live elsewhere (another cluster, another input): its
      // operator's replica label still says the blocks are HA replicas.
      if (haSources.length === 0 && labels.has(PROMETHEUS_REPLICA_LABEL) && func !== "penalty") {
        out.push({
          object: c.owner,
          severity: "warning",
          message: `${groupTitle(c)} merges on ${PROMETHEUS_REPLICA_LABEL}, the Prometheus Operator's replica label, with the one-to-one deduplication meant for identical samples: if those blocks come from HA Prometheus replicas (not in the input), the irreversible merge interleaves both replicas' samples`,
          fix: "Add --deduplication.func=penalty",
        });
      }
      if (matching.length > 0 && func !== "penalty") {
        out.push({
          object: c.owner,
          message: `${groupTitle(c)} merges HA Prometheus replicas (${matching.join(", ")}) with the one-to-one deduplication meant for identical samples: the irreversible merge interleaves both replicas' samples`,
          fix: "Add --deduplication.func=penalty",
        });
      }
    }
    return out;
  },
};
