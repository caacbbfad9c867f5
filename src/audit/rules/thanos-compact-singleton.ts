/** HAMON-THANOS-002. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { PodGroup } from "../../inventory/model.js";
import type { Rule, RuleFinding } from "../rule.js";
import { asRecord, get } from "../../k8s/json.js";
import { groupTitle } from "./_helpers.js";
import { bucketKey, hasBlockSelector } from "./_objstore.js";

export const thanosCompactSingleton: Rule = {
  id: "HAMON-THANOS-002",
  severity: "error",
  title: "Thanos Compactor runs more than once per bucket",
  what:
    "A Thanos Compactor that runs more than once against one bucket:\n" +
    "- a Compactor with replicas > 1;\n" +
    "- two Compactor workloads reading the same bucket configuration with no `--selector.relabel-config` to " +
    "split the blocks between them;\n" +
    "- a Compactor Deployment with the default RollingUpdate strategy, which starts the new pod before the old " +
    "one stops, so two compactors overlap at every rollout.",
  why:
    '"It is generally not semantically concurrency safe and must be deployed as a singleton against a bucket." ' +
    "Two compactors compact and delete the same blocks: duplicated or lost data, halts on overlaps.",
  sources: [{ title: "Thanos Compactor", url: "https://thanos.io/tip/components/compact.md/" }],
  severityReason:
    "Error for replicas and for two workloads on one bucket: they always run together. Warning for the rollout " +
    "overlap: minutes per rollout, but still two writers.",
  fix: "One StatefulSet with replicas: 1 per bucket (or per disjoint --selector.relabel-config slice); a Deployment needs strategy: Recreate.",
  check(inv) {
    const out: RuleFinding[] = [];
    const compactors = inv.podGroups.filter((g) => g.component === "thanos-compact");
    const byBucket = new Map<string, PodGroup[]>();
    for (const g of compactors) {
      if (g.replicas > 1) {
        out.push({
          object: g.owner,
          message: `${groupTitle(g)} runs ${g.replicas} replicas against one bucket: compaction is not concurrency safe`,
          fix: "replicas: 1",
        });
      } else if (g.replicas === 1 && g.owner.ref.kind === "Deployment") {
        const strategy = asRecord(get(g.owner.raw, "spec", "strategy"));
        if (strategy.type !== "Recreate") {
          out.push({
            object: g.owner,
            severity: "warning",
            message: `${groupTitle(g)} is a Deployment with the RollingUpdate strategy: at each rollout the new compactor starts before the old one stops`,
            fix: "Use a StatefulSet with replicas: 1, or set spec.strategy.type: Recreate",
          });
        }
      }
      const key = bucketKey(g);
      if (key === undefined || hasBlockSelector(g) || g.replicas === 0) continue;
      const list = byBucket.get(key);
      if (list) list.push(g);
      else byBucket.set(key, [g]);
    }
    for (const list of byBucket.values()) {
      const [first, ...rest] = list;
      for (const g of rest) {
        out.push({
          object: g.owner,
          message: `${groupTitle(g)} and ${groupTitle(first as PodGroup)} compact the same bucket with no --selector.relabel-config to split it`,
          fix: "Keep one Compactor per bucket, or give each a disjoint --selector.relabel-config over external labels",
        });
      }
    }
    return out;
  },
};
