import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../spec/load.js";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { nodeClasses, nodesFromObjects, nodesFromSpec, nodesFromText, readNodesFile } from "./topology.js";

const fixture = resolve(dirname(fileURLToPath(import.meta.url)), "../../test/fixtures/simulate/nodes.yaml");

describe("nodes from the spec", () => {
  it("makes nodesPerZone nodes in each zone with the pool's labels, taint and capacity", () => {
    const spec = loadSpec(EXAMPLE_SPEC_YAML.replace("nodesPerZone: 2", "nodesPerZone: 3"), "hamon.yaml").spec;
    const nodes = nodesFromSpec(spec);
    expect(nodes.map((n) => n.name)).toEqual(spec.cluster.zones.flatMap((z) => [1, 2, 3].map((i) => `${z}-${i}`)));
    const n = nodes[4]!;
    expect(n.labels).toEqual({
      "kubernetes.io/os": "linux",
      "kubernetes.io/arch": "amd64",
      "hamon.io/pool": "monitoring",
      "kubernetes.io/hostname": n.name,
      "topology.kubernetes.io/zone": "eu-west-1b",
    });
    expect(n.taints).toEqual([{ key: "hamon.io/dedicated", value: "monitoring", effect: "NoSchedule" }]);
    expect(n.allocatable).toEqual({ cpu: 8, memory: 32 * 2 ** 30, pods: 110 });
  });

  it("has no taint when the spec says null, or before phase 4 (no dedicated pool yet)", () => {
    const spec = loadSpec(EXAMPLE_SPEC_YAML.replace(/taint: \{[^}]*\}/, "taint: null"), "hamon.yaml").spec;
    expect(nodesFromSpec(spec).every((n) => n.taints.length === 0)).toBe(true);
    const phase3 = loadSpec(EXAMPLE_SPEC_YAML.replace("phase: 4 ", "phase: 3 "), "hamon.yaml").spec;
    expect(nodesFromSpec(phase3).every((n) => n.taints.length === 0)).toBe(true);
  });
});

describe("nodes from kubectl get nodes -o yaml", () => {
  it("reads labels, taints, allocatable and unschedulable", () => {
    const [a, b] = readNodesFile(fixture);
    expect(a).toEqual({
      name: "ip-10-0-1-10.eu-west-1.compute.internal",
      labels: {
        "kubernetes.io/hostname": "ip-10-0-1-10.eu-west-1.compute.internal",
        "topology.kubernetes.io/zone": "eu-west-1a",
        "node.kubernetes.io/instance-type": "m6i.2xlarge",
        "hamon.io/pool": "monitoring",
      },
      taints: [{ key: "hamon.io/dedicated", value: "monitoring", effect: "NoSchedule" }],
      allocatable: { cpu: 7.91, memory: 31482292 * 1024, pods: 58 },
      unschedulable: false,
    });
    expect(b!.unschedulable).toBe(true);
    expect(b!.labels["kubernetes.io/hostname"]).toBe(b!.name);
    expect(b!.allocatable.pods).toBe(110);
  });

  it("accepts a NodeList, a bare Node and several documents", () => {
    const text = readFileSync(fixture, "utf8");
    const list = nodesFromText(text.replace("kind: List", "kind: NodeList"), "x.yaml");
    expect(list).toHaveLength(2);
    const node = {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "n1" },
      status: { allocatable: { cpu: "2", memory: "1Gi" } },
    };
    expect(nodesFromObjects([node, { ...node, metadata: { name: "n0" } }]).map((n) => n.name)).toEqual(["n0", "n1"]);
  });

  it("names the place and what was expected when the input is not a node list", () => {
    expect(() => nodesFromText("kind: Pod\nmetadata: {name: x}\n", "pods.yaml")).toThrow(
      'pods.yaml.kind: found "Pod", expected Node, NodeList or List (kubectl get nodes -o yaml)',
    );
    expect(() =>
      nodesFromObjects(
        [
          {
            kind: "List",
            items: [{ kind: "Node", metadata: { name: "n" }, spec: { taints: [{ key: "k", effect: "Sometimes" }] } }],
          },
        ],
        "n.yaml",
      ),
    ).toThrow("n.yaml.items[0].spec.taints[0].effect");
    expect(() => nodesFromText("kind: [\n", "bad.yaml")).toThrow(/^bad\.yaml:\d+/);
    const dup = { kind: "Node", metadata: { name: "n" } };
    expect(() => nodesFromObjects([dup, dup], "d.yaml")).toThrow('node "n" twice');
  });
});

describe("node classes", () => {
  it("groups nodes that look the same to the pods, ignoring the hostname and unrelated labels", () => {
    const node = (name: string, zone: string, extra: Record<string, string> = {}) => ({
      kind: "Node",
      metadata: { name, labels: { "topology.kubernetes.io/zone": zone, "instance-id": name, ...extra } },
      status: { allocatable: { cpu: "2", memory: "4Gi" } },
    });
    const bigger = { ...node("a2", "a"), status: { allocatable: { cpu: "2", memory: "5Gi" } } };
    const nodes = nodesFromObjects([node("a1", "a"), bigger, node("a3", "a", { pool: "x" }), node("b1", "b")]);
    const classes = nodeClasses(nodes, new Set(["topology.kubernetes.io/zone", "kubernetes.io/hostname", "pool"]));
    expect([...classes.classOf]).toEqual([0, 0, 1, 2]);
    expect(classes.sizes).toEqual([2, 1, 1]);
    // The worst case tries the largest node of each class.
    expect(classes.largest).toEqual([1, 2, 3]);
  });
});
