/**
 * The drain scenario (scenarios.ts): kubectl drain evicts every pod of the node at once.
 * Hand-made cases: each expected placement is worked out by hand from the kube-scheduler
 * semantics in the comments, then compared with what simulate() does.
 */
import { describe, expect, it } from "vitest";
import { group, inventory, node, pdb } from "../../test/support/inventory-builder.js";
import { simulate } from "./simulate.js";
import { placedOn, status } from "../../test/support/hand-made-cases.js";

describe("kubectl drain evicts every pod of the node at once, as far as the budgets allow", () => {
  // Both replicas prefer a-1 (node affinity weight 100 → 200 points, more than any resource
  // score difference), so both run there; the drain then moves them to b-1.
  const nodes = [node("a-1", "a", { labels: { fast: "yes" } }), node("b-1", "b")];
  const build = (withPdb: boolean) => {
    const q = group({
      name: "q",
      component: "thanos-query",
      kind: "Deployment",
      replicas: 2,
      labels: { app: "q" },
      cpu: "100m",
      spec: {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 100, preference: { matchExpressions: [{ key: "fast", operator: "Exists" }] } },
            ],
          },
        },
      },
    });
    return inventory({
      podGroups: [q],
      pdbs: withPdb ? [pdb("q", "default", { app: "q" }, { maxUnavailable: 1 }, [q])] : [],
    });
  };

  it("without a PDB both replicas go down together", () => {
    const r = simulate(build(false), nodes);
    expect(placedOn(r)).toEqual({ "q-0": "a-1", "q-1": "a-1" });
    expect(status(r, "drain:a-1", "thanos-query")).toMatchObject({
      status: "down",
      reason: "q: no replica left (q-0 → b-1, q-1 → b-1)",
    });
  });

  it("with maxUnavailable 1 the second eviction waits for the first replacement", () => {
    const r = simulate(build(true), nodes);
    expect(status(r, "drain:a-1", "thanos-query")).toMatchObject({
      status: "degraded",
      reason: "q: 1/2 replicas (q-0 → b-1, q-1 evicted once its PDB allowed it, q-1 → b-1)",
    });
  });
});
