/**
 * kube-prometheus (../shared/corpus, read-only) simulated on an ordinary 3-zone cluster of 6
 * nodes: what breaks, and why, worked out from its manifests.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SimulationResult } from "../src/simulate/model.js";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadManifestInputs } from "../src/inventory/load-manifest-inputs.js";
import { readInventory } from "../src/inventory/read-inventory.js";
import { simulate } from "../src/simulate/simulate.js";
import { readNodesFile } from "../src/simulate/topology.js";
import { simulationVerdict } from "../src/simulate/verdict.js";
import { REPO } from "./support/run-cli.js";

const CORPUS = join(REPO, "..", "shared", "corpus", "kube-prometheus");
const present = existsSync(CORPUS);
if (!present) console.warn(`skipping kube-prometheus simulation: ${CORPUS} is absent (a fresh clone has no ../shared)`);

describe.skipIf(!present)("kube-prometheus on 3 zones × 2 nodes", () => {
  let result: SimulationResult;
  beforeAll(async () => {
    const inventory = readInventory(await loadManifestInputs([CORPUS]));
    result = simulate(inventory, readNodesFile(join(REPO, "test/fixtures/simulate/three-zone-nodes.yaml")));
  });
  const status = (kind: string, target: string, component: string) =>
    result.scenarios
      .find((s) => s.kind === kind && s.target === target)
      ?.components.find((c) => c.component === component);

  it("places every pod, and node-exporter's DaemonSet on each of the 6 nodes", () => {
    expect(result.placement.filter((p) => p.node === null)).toEqual([]);
    expect(result.placement.map((p) => p.component).filter((c) => c === "prometheus")).toHaveLength(2);
    expect(result.placement.filter((p) => p.component === "alertmanager")).toHaveLength(3);
    // nodeExporter-daemonset.yaml: `nodeSelector: kubernetes.io/os: linux` (every node of the
    // fixture has it) and `tolerations: [{operator: Exists}]`, so the controller makes one pod per node.
    const daemon = result.placement.filter((p) => p.perNode);
    expect(daemon.map((p) => p.component)).toEqual(Array(6).fill("node-exporter"));
    expect(new Set(daemon.map((p) => p.node)).size).toBe(6);
  });

  it("loses node-exporter with no node: each node's own pod goes with it, no loss", () => {
    for (const s of result.scenarios)
      expect(s.components.find((c) => c.component === "node-exporter")?.status, s.id).toBe("ok");
  });

  it("loses kube-state-metrics with its one node and its zone: kubeStateMetrics-deployment.yaml has 1 replica", () => {
    const ksm = result.placement.find((p) => p.component === "kube-state-metrics")!;
    expect(result.placement.filter((p) => p.component === "kube-state-metrics")).toHaveLength(1);
    expect(status("node", ksm.node!, "kube-state-metrics")?.status).toBe("down");
    expect(status("zone", ksm.zone!, "kube-state-metrics")?.status).toBe("down");
  });

  it("loses Grafana with its one node and its one zone: 1 replica, no HA", () => {
    const grafana = result.placement.find((p) => p.component === "grafana")!;
    expect(status("node", grafana.node!, "grafana")?.status).toBe("down");
    expect(status("zone", grafana.zone!, "grafana")?.status).toBe("down");
    expect(simulationVerdict(result).level).toBe("error");
  });

  it("keeps Prometheus and Alertmanager up through any single loss, degraded only: 2 and 3 replicas on distinct nodes here", () => {
    for (const s of result.scenarios.filter((x) => x.kind === "node" || x.kind === "zone")) {
      for (const c of s.components.filter((x) => x.component === "prometheus" || x.component === "alertmanager")) {
        expect(c.status, `${s.id} ${c.component}`).not.toBe("down");
      }
    }
  });

  it("guarantees none of it: without pod anti-affinity every replica may land on one node", () => {
    for (const component of ["prometheus", "alertmanager"] as const) {
      const worst = result.worstCase.find((w) => w.component === component)!;
      expect(worst.verdict, component).toBe("not-guaranteed");
      expect(worst.sameNode, component).not.toBeNull();
    }
  });
});
