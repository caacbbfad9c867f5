/**
 * HAMON-PROM-001 — Prometheus HA replicas without a distinct replica label.
 *
 * What: a Prometheus with 2+ replicas whose pods carry identical external labels: an Operator CR
 * with `replicaExternalLabelName: ""` (which disables the label, prometheus-operator
 * Documentation/api-reference/api.md), or a plain StatefulSet whose `global.external_labels` has
 * no per-pod value.
 *
 * Why: the replica label is what makes two replicas' data "the same series from two sources".
 * Without it Thanos Query cannot deduplicate (thanos.io/tip/components/query.md#deduplication),
 * and the sidecars upload two block streams with the same labels, which the Compactor treats as
 * overlapping blocks of one source and halts on (thanos.io/tip/components/compact.md, "Overlaps").
 *
 * Severity: error when the data reaches Thanos or remote write (a sidecar, `remoteWrite`, or a
 * Thanos Query in the input); warning otherwise (a lone pair only duplicates its alerts, which
 * Alertmanager deduplicates).
 */
import type { Rule, RuleFinding } from "../rule.js";
import { asArray } from "../../inventory/_util.js";
import { groupTitle, hasThanosSidecar, prometheusReplicaLabels } from "./_helpers.js";

export const prometheusReplicaLabel: Rule = {
  id: "HAMON-PROM-001",
  severity: "error",
  title: "Prometheus HA replicas without a distinct replica label",
  rationale:
    "HA replicas must differ in one external label so that Thanos Query deduplicates them (thanos.io/tip/components/query.md#deduplication) " +
    "and the Compactor does not halt on overlapping blocks from one source (thanos.io/tip/components/compact.md). The Operator adds " +
    'prometheus_replica unless replicaExternalLabelName is "" (prometheus-operator Documentation/api-reference/api.md). ' +
    "Error when the data reaches Thanos or remote write; warning otherwise.",
  fix: 'Operator: remove replicaExternalLabelName: "" (the default prometheus_replica is right). Plain Prometheus: add an external label with the pod name, e.g. replica: $(POD_NAME) with --enable-feature=expand-external-labels.',
  check(inv) {
    const thanosInInput = inv.podGroups.some((g) => g.component.startsWith("thanos-"));
    const out: RuleFinding[] = [];
    for (const g of inv.podGroups) {
      if (g.component !== "prometheus" || g.replicas < 2 || g.perNode) continue;
      const labels = prometheusReplicaLabels(g);
      if (labels === undefined || labels.length > 0) continue;
      const remote =
        asArray(g.config.crSpec?.remoteWrite).length > 0 || asArray(g.config.prometheusYaml?.remote_write).length > 0;
      const reachesThanos = hasThanosSidecar(g) || thanosInInput || remote;
      out.push({
        object: g.owner,
        severity: reachesThanos ? "error" : "warning",
        message: `${groupTitle(g)} runs ${g.replicas} replicas with identical external labels: ${
          reachesThanos
            ? "Thanos cannot deduplicate them and the Compactor halts on their overlapping blocks"
            : "their series cannot be told apart downstream"
        }`,
      });
    }
    return out;
  },
};
