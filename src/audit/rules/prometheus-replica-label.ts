/** HAMON-PROM-001. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import { relatedYamlSetting } from "../related-location.js";
import type { Rule, RuleFinding } from "../rule.js";
import { asArray } from "../../k8s/json.js";
import { groupTitle, hasThanosSidecar, prometheusReplicaLabels } from "./_helpers.js";

export const prometheusReplicaLabel: Rule = {
  id: "HAMON-PROM-001",
  severity: "error",
  title: "Prometheus HA replicas without a distinct replica label",
  what:
    "A Prometheus with 2 or more replicas whose pods carry identical external labels: a Prometheus Operator CR " +
    'with `replicaExternalLabelName: ""`, which disables the replica label (left out, the Operator adds ' +
    "`prometheus_replica`), or a plain StatefulSet whose `global.external_labels` has no per-pod value.",
  why:
    'The replica label is what makes two replicas\' data "the same series from two sources". Without it Thanos ' +
    "Query cannot deduplicate, and the sidecars upload two block streams with the same labels, which the " +
    'Compactor treats as overlapping blocks of one source and halts on ("Overlaps").',
  sources: [
    { title: "Thanos Query: deduplication", url: "https://thanos.io/tip/components/query.md/#deduplication" },
    { title: "Thanos Compactor", url: "https://thanos.io/tip/components/compact.md/" },
    {
      title: "Prometheus Operator API reference",
      url: "https://github.com/prometheus-operator/prometheus-operator/blob/main/Documentation/api-reference/api.md",
    },
  ],
  severityReason:
    "Error when the data reaches Thanos or remote write (a sidecar, `remoteWrite`, or a Thanos Query in the " +
    "input). Warning otherwise: a lone pair only duplicates its alerts, which Alertmanager deduplicates.",
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
      const file = g.config.crSpec ? undefined : g.config.files?.prometheusYaml;
      out.push({
        object: g.owner,
        severity: reachesThanos ? "error" : "warning",
        ...relatedYamlSetting(
          inv,
          file,
          ["global", "external_labels"],
          "global.external_labels: add a label whose value is per pod, e.g. replica: $(POD_NAME) with --enable-feature=expand-external-labels",
        ),
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
