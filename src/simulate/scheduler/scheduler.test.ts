import { describe, expect, it } from "vitest";
import { group, inventory, node } from "../../../test/support/inventory-builder.js";
import { ClusterState } from "../cluster-state.js";
import { expandPods } from "../pods.js";
import { schedulePod } from "./scheduler.js";
import { toleratesTaint } from "./taint-toleration.js";

function firstPod(spec: Parameters<typeof group>[0]["spec"], cpu?: string) {
  return expandPods(
    inventory({ podGroups: [group({ name: "x", replicas: 1, labels: { app: "x" }, spec, ...(cpu ? { cpu } : {}) })] }),
    [],
  )[0]!;
}

describe("scheduler", () => {
  it("follows a preferred node affinity over the name tie-break", () => {
    const pod = firstPod({
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 50, preference: { matchExpressions: [{ key: "disk", operator: "In", values: ["ssd"] }] } },
          ],
        },
      },
    });
    const nodes = [node("a", "z"), node("b", "z", { labels: { disk: "ssd" } })];
    expect(schedulePod(pod, ClusterState.empty(nodes))).toEqual({ node: 1 });
  });

  it("rejects by required node affinity, Gt on a numeric label, and matchFields on the name", () => {
    const pod = firstPod({
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: "gen", operator: "Gt", values: ["5"] }] },
              { matchFields: [{ key: "metadata.name", operator: "In", values: ["c"] }] },
            ],
          },
        },
      },
    });
    const nodes = [node("a", "z", { labels: { gen: "4" } }), node("b", "z", { labels: { gen: "6" } }), node("c", "z")];
    const state = ClusterState.empty(nodes);
    state.bind(firstPod(undefined, "4"), 1);
    // b has gen 6 but its CPU is taken: c, by name.
    expect(schedulePod(pod, state, { candidates: [0, 1, 2] })).toEqual({ node: 2 });
    const outcome = schedulePod(pod, ClusterState.empty([nodes[0]!]));
    expect(outcome).toEqual({
      node: null,
      rejections: [{ node: 0, plugin: "NodeAffinity", reason: "node(s) didn't match Pod's node affinity/selector" }],
    });
  });

  it("keeps pods off cordoned nodes unless they tolerate node.kubernetes.io/unschedulable", () => {
    const nodes = [node("a", "z", { unschedulable: true })];
    expect(schedulePod(firstPod(undefined), ClusterState.empty(nodes))).toMatchObject({
      node: null,
      rejections: [{ plugin: "NodeUnschedulable" }],
    });
    const tolerant = firstPod({
      tolerations: [{ key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" }],
    });
    expect(schedulePod(tolerant, ClusterState.empty(nodes))).toEqual({ node: 0 });
  });

  it("counts every pod against the node's pod capacity", () => {
    const nodes = [node("a", "z", { pods: 1 })];
    const state = ClusterState.empty(nodes);
    state.bind(firstPod(undefined), 0);
    const other = expandPods(inventory({ podGroups: [group({ name: "y", replicas: 1, labels: {} })] }), nodes)[0]!;
    expect(schedulePod(other, state)).toMatchObject({ node: null, rejections: [{ reason: "Too many pods" }] });
  });

  it("matches tolerations as core/v1 ToleratesTaint does", () => {
    const taint = { key: "k", value: "v", effect: "NoSchedule" as const };
    expect(toleratesTaint({ key: "k", operator: "Equal", value: "v" }, taint)).toBe(true);
    expect(toleratesTaint({ key: "k", operator: "Equal", value: "w" }, taint)).toBe(false);
    expect(toleratesTaint({ key: "k", operator: "Exists", effect: "NoExecute" }, taint)).toBe(false);
    expect(toleratesTaint({ operator: "Exists" }, taint)).toBe(true);
    expect(toleratesTaint({ key: "k" }, { key: "k", effect: "NoSchedule" })).toBe(true);
  });

  it("honours spec.nodeName", () => {
    const nodes = [node("a", "z"), node("b", "z")];
    expect(schedulePod(firstPod({ nodeName: "b" }), ClusterState.empty(nodes))).toEqual({ node: 1 });
    expect(schedulePod(firstPod({ nodeName: "c" }), ClusterState.empty(nodes))).toMatchObject({
      node: null,
      rejections: [{ plugin: "NodeName" }, { plugin: "NodeName" }],
    });
  });
});
