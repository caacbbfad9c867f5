import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../spec/load.js";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { nodeClasses, nodesFromObjects, nodesFromSpec, nodesFromText, readNodesFile } from "./topology.js";
import { InputError } from "../errors.js";

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
      'pods.yaml:1: kind: found "Pod", expected Node, NodeList or List (kubectl get nodes -o yaml)',
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
    expect(() => nodesFromObjects([dup, dup], "d.yaml")).toThrow('node "n" again');
  });

  // Each case: a node file's text → the start of the one-line error (file:line where there is a line).
  it.each([
    ["an empty file", "", "n.yaml: found an empty file, expected at least one Node (kubectl get nodes -o yaml)"],
    ["only comments", "# no nodes\n", "n.yaml: found only comments, expected at least one Node"],
    [
      "an empty List",
      "apiVersion: v1\nkind: List\nitems: []\n",
      "n.yaml:1: found a List with no items, expected at least one Node",
    ],
    ["an empty NodeList", "kind: NodeList\nitems: []\n", "n.yaml:1: found a NodeList with no items"],
    ["a List without items", "kind: List\n", "n.yaml:1: items: found nothing, expected a list of Node objects"],
    [
      "an error message",
      'Error: the server doesn\'t have a resource type "nodes"\n',
      'n.yaml:1: found an error message ("Error: the server',
    ],
    [
      "a YAML syntax error",
      "kind: NodeList\nitems:\n - kind: Node\n   metadata: {name: a\n",
      "n.yaml:5: YAML syntax error: ",
    ],
    [
      "a node twice",
      "kind: Node\nmetadata: {name: a}\n---\nkind: Node\nmetadata: {name: a}\n",
      'n.yaml:4: found node "a" again (first at n.yaml:1)',
    ],
    [
      "a taint that is not a mapping",
      "kind: Node\nmetadata: {name: a}\nspec: {taints: [null]}\n",
      "n.yaml:1: spec.taints[0]: found null, expected a taint",
    ],
    [
      "a label that is a mapping",
      "kind: Node\nmetadata: {name: a, labels: {x: {y: z}}}\n",
      "n.yaml:1: metadata.labels.x: found a mapping, expected a label value",
    ],
    [
      "a quantity that is not one",
      "kind: Node\nmetadata: {name: a}\nstatus: {allocatable: {cpu: lots}}\n",
      'n.yaml:1: status.allocatable.cpu: found "lots", expected a quantity',
    ],
    ["metadata that is not a mapping", "kind: Node\nmetadata: 5\n", "n.yaml:1: metadata: found 5, expected a mapping"],
  ])("refuses %s with a located message", (_, text, message) => {
    let error: unknown;
    try {
      nodesFromText(text, "n.yaml");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message.startsWith(message), (error as Error).message).toBe(true);
  });

  it("locates each node of a List at its own line", () => {
    const text =
      "kind: NodeList\nitems:\n  - kind: Node\n    metadata: {name: a}\n  - kind: Pod\n    metadata: {name: b}\n";
    expect(() => nodesFromText(text, "n.yaml")).toThrow('n.yaml:5: kind: found "Pod"');
  });

  it("reads a PyYAML dump of 3,000 nodes whose label, taint and allocatable maps are shared anchors", () => {
    // PyYAML writes an object met twice once, with an anchor, and an alias for every reuse.
    const zones = ["a", "b", "c"];
    const header = "apiVersion: v1\nkind: List\nitems:\n";
    const nodes = Array.from({ length: 3000 }, (_, i) => {
      const zone = zones[i % 3]!;
      const first = i < 3;
      const labels = first
        ? `&z${zone}\n        topology.kubernetes.io/zone: ${zone}\n        kubernetes.io/os: linux`
        : `*z${zone}`;
      const taints = i === 0 ? "&t\n      - {key: pool, value: mon, effect: NoSchedule}" : "*t";
      const alloc = i === 0 ? "&r\n        cpu: 7910m\n        memory: 31482292Ki" : "*r";
      return `  - kind: Node\n    metadata:\n      name: node-${i}\n      labels: ${labels}\n    spec:\n      taints: ${taints}\n    status:\n      allocatable: ${alloc}\n      capacity: *r\n`;
    });
    const text = header + nodes.join("");
    expect((text.match(/\*\w+/g) ?? []).length).toBeGreaterThan(10_000);
    const read = nodesFromText(text, "pyyaml.yaml");
    expect(read).toHaveLength(3000);
    const last = read.find((n) => n.name === "node-2999")!;
    expect(last.labels["topology.kubernetes.io/zone"]).toBe("c");
    expect(last.taints).toEqual([{ key: "pool", value: "mon", effect: "NoSchedule" }]);
    expect(last.allocatable.cpu).toBeCloseTo(7.91);
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
