/**
 * Every node-loss and zone-loss scenario of hamon's example stack on generated node lists of
 * 500 and 5,000 nodes. Target: 5,000 nodes in ≤ 5 s, and cost linear in the node count
 * (compare the two means: the ratio should be near 10).
 *
 *   npx vitest bench --run bench/simulate.bench.ts
 */
import { bench, describe } from "vitest";
import { EXAMPLE_SPEC_YAML } from "../src/spec/example.js";
import { hamonStack } from "../src/simulate/_testing/hamon-inventory.js";
import { simulate } from "../src/simulate/simulate.js";
import { generatedNodes } from "./_generated-nodes.js";

const { inventory } = hamonStack(EXAMPLE_SPEC_YAML);
const options = { scenarios: { node: true, zone: true, drain: false, upgrade: false }, worstCase: false } as const;

describe("node and zone scenarios", () => {
  for (const count of [500, 5000]) {
    const nodes = generatedNodes(count);
    bench(`${count} nodes`, () => {
      const r = simulate(inventory, nodes, options);
      if (r.scenarios.length !== count + 3) throw new Error("wrong scenario count");
    }, { iterations: 5, warmupIterations: 1 });
  }
});

describe("everything (drains, upgrade, worst case too)", () => {
  for (const count of [500, 5000]) {
    const nodes = generatedNodes(count);
    bench(`${count} nodes`, () => {
      simulate(inventory, nodes);
    }, { iterations: 3, warmupIterations: 1 });
  }
});
