/** HAMON-THANOS-002. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { PodGroup } from "../../inventory/model.js";
import type { Rule, RuleFinding } from "../rule.js";
import { asRecord, get } from "../../k8s/json.js";
import { groupTitle } from "./_helpers.js";
import { blockSelector, bucketKey, hasBlockSelector } from "./_objstore.js";

/**
 * Two compactors on one bucket overlap unless both select a slice of its blocks and the slices
 * differ: an unsharded one covers every block. Different relabel configs are taken as disjoint
 * (proving it would need the blocks' external labels).
 */
function overlap(a: PodGroup, b: PodGroup): boolean {
  if (!hasBlockSelector(a) || !hasBlockSelector(b)) return true;
  return blockSelector(a) === blockSelector(b);
}

export const thanosCompactSingleton: Rule = {
  id: "HAMON-THANOS-002",
  severity: "error",
  title: "Thanos Compactor runs more than once per bucket",
  what:
    "A Thanos Compactor that runs more than once against one bucket:\n" +
    "- a Compactor with replicas > 1;\n" +
    "- two Compactor workloads reading the same bucket configuration unless each has its own " +
    "`--selector.relabel-config`: an unsharded one beside sharded ones covers their blocks too, and two with the " +
    "same selector cover the same blocks;\n" +
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
      if (key === undefined || g.replicas === 0) continue;
      const list = byBucket.get(key);
      if (list) list.push(g);
      else byBucket.set(key, [g]);
    }
    for (const list of byBucket.values()) {
      list.forEach((g, i) => {
        const other = list.slice(0, i).find((earlier) => overlap(earlier, g));
        if (!other) return;
        const unsharded = [g, other].filter((c) => !hasBlockSelector(c));
        out.push({
          object: g.owner,
          message:
            unsharded.length === 0
              ? `${groupTitle(g)} and ${groupTitle(other)} compact the same bucket with the same --selector.relabel-config: the same blocks twice`
              : unsharded.length === 1
                ? `${groupTitle(g)} and ${groupTitle(other)} compact the same bucket, and ${groupTitle(unsharded[0] as PodGroup)} has no --selector.relabel-config: it covers the other's blocks too`
                : `${groupTitle(g)} and ${groupTitle(other)} compact the same bucket with no --selector.relabel-config to split it`,
          fix: "Keep one Compactor per bucket, or give every one of them a disjoint --selector.relabel-config over external labels",
        });
      });
    }
    return out;
  },
};
