/**
 * Every node-loss and zone-loss scenario of hamon's example stack on generated node lists of
 * 500 and 5,000 nodes. Target: 5,000 nodes in ≤ 5 s, and cost that grows at most linearly in the
 * node count: the ratio of the two (compare the min columns on a busy machine) stays ≤ 10.
 * Measured on the shared 2-core machine: 5,000 nodes ≈ 0.1 s, ratio ≈ 4 (fixed costs dominate
 * at 500 nodes).
 *
 *   npx vitest bench --run bench/simulate.bench.ts
 */
import { bench, describe } from "vitest";
import { exampleStack } from "../test/support/example-stack.js";
import { simulate } from "../src/simulate/simulate.js";
import { nodesFromObjects } from "../src/simulate/topology.js";
import type { SimNode } from "../src/simulate/model.js";

const BENCH_ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

function generatedNodes(count: number): SimNode[] {
  const items = Array.from({ length: count }, (_, i) => {
    const name = `node-${String(i).padStart(5, "0")}`;
    return {
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name,
        labels: {
          "kubernetes.io/hostname": name,
          "topology.kubernetes.io/zone": BENCH_ZONES[i % BENCH_ZONES.length],
          "hamon.io/pool": "monitoring",
          "node.kubernetes.io/instance-type": "m6i.2xlarge",
        },
      },
      spec: { taints: [{ key: "hamon.io/dedicated", value: "monitoring", effect: "NoSchedule" }] },
      status: { allocatable: { cpu: "8", memory: "32Gi", pods: "110" } },
    };
  });
  return nodesFromObjects([{ apiVersion: "v1", kind: "List", items }], "generated");
}

const { inventory } = exampleStack();
const options = { scenarios: { node: true, zone: true, drain: false, upgrade: false }, worstCase: false } as const;

describe("node and zone scenarios", () => {
  for (const count of [500, 5000]) {
    const nodes = generatedNodes(count);
    bench(
      `${count} nodes`,
      () => {
        const r = simulate(inventory, nodes, options);
        if (r.scenarios.length !== count + 3) throw new Error("wrong scenario count");
      },
      { iterations: 10, warmupIterations: 2 },
    );
  }
});

describe("everything (drains, upgrade, worst case too)", () => {
  for (const count of [500, 5000]) {
    const nodes = generatedNodes(count);
    bench(
      `${count} nodes`,
      () => {
        simulate(inventory, nodes);
      },
      { iterations: 3, warmupIterations: 1 },
    );
  }
});
