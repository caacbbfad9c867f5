/**
 * HAMON-THANOS-003 — the Compactor deduplicates HA Prometheus data with the wrong settings.
 *
 * What (a Compactor given `--deduplication.replica-label`, which alone turns vertical compaction
 * on: thanos cmd/thanos/compact.go, "deduplication.replica-label specified, enabling vertical
 * compaction"):
 * - the HA Prometheus data in the input is merged with the default deduplication function. Its
 *   one-to-one merge is meant for blocks "with precisely the same samples like produced by
 *   Receiver replication"; for Prometheus replicas, whose samples sit at different timestamps,
 *   the docs ask for `--deduplication.func=penalty` (thanos.io/tip/components/compact.md,
 *   flags and "Vertical Compaction Use Cases"). The merge is irreversible. → error
 * - the replica labels given are none of the labels the HA Prometheus groups use: the compactor
 *   deduplicates nothing of theirs (storage stays doubled). → warning
 * - `--deduplication.func=penalty` without any replica label: it does nothing ("at least one
 *   replica label has to be set"). → warning
 */
import type { Rule, RuleFinding } from "../rule.js";
import { lastFlag } from "../../inventory/flags.js";
import { groupTitle, hasThanosSidecar, peersOf, prometheusReplicaLabels } from "./_helpers.js";

export const thanosCompactDedup: Rule = {
  id: "HAMON-THANOS-003",
  severity: "error",
  title: "Thanos Compactor deduplicates HA data with the wrong settings",
  rationale:
    "--deduplication.replica-label turns on vertical compaction and merges replicas irreversibly; the default merge is for identical samples " +
    "(Receive), HA Prometheus needs --deduplication.func=penalty (thanos.io/tip/components/compact.md; thanos cmd/thanos/compact.go). " +
    "Error for the wrong merge of HA data (irreversible); warning for settings that have no effect.",
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
