/**
 * A generated `kubectl get nodes` list for the simulator benchmark: `count` nodes spread over
 * three zones, labelled and tainted as hamon's example node pool, each 8 CPU / 32 GiB.
 */
import { nodesFromObjects } from "../src/simulate/topology.js";
import type { SimNode } from "../src/simulate/model.js";

export const BENCH_ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

export function generatedNodes(count: number): SimNode[] {
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
