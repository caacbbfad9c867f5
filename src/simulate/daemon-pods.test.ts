/**
 * DaemonSets in the simulator (daemon-pods.ts): hand-made cases, each expected placement worked
 * out by hand from the DaemonSet controller's rules (kubernetes.io/docs/concepts/workloads/controllers/daemonset/,
 * "How Daemon Pods are scheduled"), then compared with what simulate() does.
 */
import { describe, expect, it } from "vitest";
import { group, inventory, node } from "../../test/support/inventory-builder.js";
import { placedOn, status } from "../../test/support/hand-made-cases.js";
import { COMPONENT_LABEL } from "../vocabulary.js";
import { simulate } from "./simulate.js";
import { simulationVerdict } from "./verdict.js";
import type { Taint } from "./model.js";

const exporter = (spec: Parameters<typeof group>[0]["spec"] = {}, cpu = "100m") =>
  group({
    name: "node-exporter",
    kind: "DaemonSet",
    component: "other",
    replicas: 1,
    labels: { [COMPONENT_LABEL]: "node-exporter" },
    cpu,
    spec,
  });
const dedicated: Taint = { key: "dedicated", value: "gpu", effect: "NoSchedule" };

describe("where the DaemonSet controller puts one pod each", () => {
  it("on every node whose labels match and whose taints it tolerates, cordoned nodes included", () => {
    const nodes = [
      node("a-1", "a"),
      node("a-2", "a", { taints: [dedicated] }),
      node("b-1", "b", { unschedulable: true }),
      node("b-2", "b", { labels: { disk: "hdd" } }),
      // Only a pod on the host's network gets the controller's network-unavailable toleration.
      node("c-1", "c", { taints: [{ key: "node.kubernetes.io/network-unavailable", effect: "NoSchedule" }] }),
    ];
    const plain = simulate(inventory({ podGroups: [exporter()] }), nodes);
    expect(placedOn(plain)).toEqual({
      "node-exporter@a-1": "a-1",
      "node-exporter@b-1": "b-1",
      "node-exporter@b-2": "b-2",
    });
    const tolerant = simulate(
      inventory({ podGroups: [exporter({ hostNetwork: true, tolerations: [{ operator: "Exists" }] })] }),
      nodes,
    );
    expect(Object.keys(placedOn(tolerant))).toHaveLength(5);
    const hddOnly = simulate(inventory({ podGroups: [exporter({ nodeSelector: { disk: "hdd" } })] }), nodes);
    expect(placedOn(hddOnly)).toEqual({ "node-exporter@b-2": "b-2" });
  });

  it("takes its share of each node before the scheduler places anything else", () => {
    // 1 CPU per node, 600m for the daemon: a 500m pod fits nowhere once the daemons run, though
    // it would fit on an empty node.
    const nodes = [node("a-1", "a", { cpu: 1 }), node("b-1", "b", { cpu: 1 })];
    const web = group({ name: "web", component: "grafana", replicas: 1, labels: { app: "web" }, cpu: "500m" });
    const r = simulate(inventory({ podGroups: [web, exporter({}, "600m")] }), nodes);
    expect(placedOn(r)).toEqual({ "node-exporter@a-1": "a-1", "node-exporter@b-1": "b-1", "web-0": null });
  });

  it("leaves a daemon pod Pending where it does not fit: that node is not watched, an error", () => {
    const nodes = [node("a-1", "a", { cpu: 4 }), node("b-1", "b", { cpu: 0.5 })];
    const r = simulate(inventory({ podGroups: [exporter({}, "1")] }), nodes);
    const pending = r.placement.find((p) => p.node === null)!;
    expect(pending.pod).toBe("node-exporter@b-1");
    expect(pending.unschedulable?.[0]?.rejectedBy[0]?.reason).toBe("Insufficient cpu");
    const s = status(r, "node:a-1", "node-exporter");
    expect(s.status).toBe("degraded");
    expect(s.reason).toContain("1 of 2 eligible nodes without its pod");
    expect(simulationVerdict(r).findings[0]).toEqual({
      level: "error",
      text: "node-exporter@b-1 (node-exporter) cannot be scheduled",
    });
  });
});

describe("what losing a node does to a DaemonSet", () => {
  const nodes = [node("a-1", "a"), node("a-2", "a"), node("b-1", "b")];
  const r = simulate(inventory({ podGroups: [exporter()] }), nodes);

  it("takes exactly its own pod, which is no loss: the node it watched is gone too", () => {
    for (const id of ["node:a-1", "zone:a", "drain:a-1", "upgrade:all-nodes"]) {
      const s = status(r, id, "node-exporter");
      expect(s, id).toEqual({
        component: "node-exporter",
        status: "ok",
        reason: "one pod on each of 3 eligible nodes",
      });
    }
    expect(simulationVerdict(r).level).toBe("ok");
  });

  it("gives the same result with and without the shortcut for nodes that hold only daemons", () => {
    const slow = simulate(inventory({ podGroups: [exporter()] }), nodes, { shortcutIdleNodes: false });
    expect(slow).toEqual(r);
  });

  it("has no worst case: the controller, not the scheduler, chooses its nodes", () => {
    expect(r.worstCase).toEqual([]);
  });
});

describe("kube-state-metrics counts like any replicated component", () => {
  const ksm = (replicas: number) =>
    group({
      name: "kube-state-metrics",
      kind: "Deployment",
      component: "other",
      replicas,
      labels: { app: "ksm" },
      spec: { containers: [{ name: "ksm", image: "registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0" }] },
    });
  const nodes = [node("a-1", "a"), node("b-1", "b")];

  it("one replica: down with its node, an error of the verdict", () => {
    const r = simulate(inventory({ podGroups: [ksm(1)] }), nodes);
    const where = r.placement[0]!.node!;
    expect(status(r, `node:${where}`, "kube-state-metrics").status).toBe("down");
    expect(simulationVerdict(r).level).toBe("error");
  });

  it("two replicas on two nodes: degraded only", () => {
    const r = simulate(inventory({ podGroups: [ksm(2)] }), nodes);
    expect(status(r, "node:a-1", "kube-state-metrics").status).toBe("degraded");
    expect(r.worstCase.map((w) => w.component)).toEqual(["kube-state-metrics"]);
  });
});
