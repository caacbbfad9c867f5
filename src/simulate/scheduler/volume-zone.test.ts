/**
 * Zonal volumes (volume-zone.ts): a pod returns only to its volume's zone.
 * Hand-made cases: each expected placement is worked out by hand from the kube-scheduler
 * semantics in the comments, then compared with what simulate() does.
 */
import { describe, expect, it } from "vitest";
import { group, inventory, node, storageClass } from "../../../test/support/inventory-builder.js";
import { simulate } from "../simulate.js";
import { ZONE, hostAnti, placedOn, status } from "../../../test/support/hand-made-cases.js";

describe("zonal volume after a zone loss", () => {
  // Prometheus pair, no two per node, zone spread preferred (ScheduleAnyway). p-0 → a-1; for p-1
  // the spread score favours zone b → b-1. The volumes are created in those zones.
  const nodes = [node("a-1", "a"), node("a-2", "a"), node("b-1", "b"), node("b-2", "b")];
  const build = (zonal: boolean) => {
    const labels = { app: "prom" };
    const prom = group({
      name: "prom",
      component: "prometheus",
      shard: 0,
      replicas: 2,
      labels,
      cpu: "1",
      volumeClaims: [{ name: "data", storageClassName: "ssd" }],
      spec: {
        affinity: hostAnti(labels),
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: ZONE,
            whenUnsatisfiable: "ScheduleAnyway",
            labelSelector: { matchLabels: labels },
          },
        ],
      },
    });
    return inventory({ podGroups: [prom], storageClasses: [storageClass("ssd", zonal)] });
  };

  it("the pod whose volume is in the lost zone does not come back, although b-2 is free", () => {
    const r = simulate(build(true), nodes);
    expect(placedOn(r)).toEqual({ "prom-0": "a-1", "prom-1": "b-1" });
    const s = status(r, "zone:a", "prometheus");
    expect(s.status).toBe("degraded");
    expect(s.reason).toBe(
      "shard 0: 1/2 replicas, 1/2 after rescheduling (prom-0 cannot return: its volume is in lost zone a)",
    );
  });

  it("after a node loss it returns, but only within its volume's zone", () => {
    const r = simulate(build(true), nodes);
    expect(status(r, "node:a-1", "prometheus").reason).toBe("shard 0: 1/2 replicas (prom-0 → a-2)");
  });

  it("a volume that is not zonal follows the pod to the other zone", () => {
    const r = simulate(build(false), nodes);
    expect(status(r, "zone:a", "prometheus").reason).toBe("shard 0: 1/2 replicas (prom-0 → b-2)");
  });
});
