import { describe, expect, it } from "vitest";
import type { Inventory, InventoryObject, PodGroup } from "../inventory/model.js";
import { evaluateFlow } from "./evaluate-flow.js";
import { networkClusterFromInventory } from "./from-inventory.js";

const object = (kind: string, name: string, raw: Record<string, unknown>, namespace?: string): InventoryObject => ({
  ref: { apiVersion: "v1", kind, name, ...(namespace ? { namespace } : {}) },
  source: { file: "x.yaml", line: 1 },
  raw,
  suppressed: { rules: [] },
});

const group = (
  owner: InventoryObject,
  labels: Record<string, string>,
  spec: Record<string, unknown>,
  crSpec?: Record<string, unknown>,
): PodGroup => ({
  id: `${owner.ref.namespace}/${owner.ref.kind}/${owner.ref.name}`,
  owner,
  component: "other",
  namespace: owner.ref.namespace ?? "default",
  replicas: 2,
  template: { metadata: { labels }, spec: spec as never },
  volumeClaims: [],
  config: { flags: {}, env: {}, ...(crSpec ? { crSpec } : {}) },
});

describe("networkClusterFromInventory", () => {
  const am = object("Alertmanager", "main", {}, "mon");
  const web = object("Deployment", "web", {}, "shop");
  const ns = object("Namespace", "mon", { metadata: { name: "mon", labels: { team: "platform" } } });
  const policy = object(
    "NetworkPolicy",
    "am",
    {
      metadata: { name: "am", namespace: "mon" },
      spec: {
        podSelector: { matchLabels: { app: "am" } },
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "shop" } } }],
            ports: [{ port: "web" }],
          },
        ],
      },
    },
    "mon",
  );
  const inventory: Inventory = {
    objects: [am, web, ns, policy],
    podGroups: [
      group(am, { app: "am" }, { containers: [] }, { replicas: 2 }),
      group(
        web,
        { app: "web" },
        {
          containers: [{ name: "web", ports: [{ name: "http", containerPort: 8080 }] }],
          initContainers: [
            { name: "proxy", restartPolicy: "Always", ports: [{ name: "proxy", containerPort: 15001 }] },
            { name: "migrate", ports: [{ name: "never", containerPort: 1 }] },
          ],
        },
      ),
    ],
    pdbs: [],
    services: [],
    networkPolicies: [policy],
    storageClasses: [],
    priorityClasses: [],
  };
  const c = networkClusterFromInventory(inventory);

  it("makes one pod per group, with written ports, sidecar ports, and the operator's ports", () => {
    expect(c.pods.map((p) => [p.name, p.ports.map((x) => x.name)])).toEqual([
      ["mon/Alertmanager/main", ["web", "mesh-tcp", "mesh-udp", "reloader-web"]],
      ["shop/Deployment/web", ["http", "proxy"]],
    ]);
    expect(c.namespaces).toEqual([
      { name: "mon", labels: { team: "platform" }, labelsKnown: true },
      { name: "shop", labelsKnown: false },
    ]);
    expect(c.policies).toHaveLength(1);
  });

  it("evaluates flows between groups, named operator ports included", () => {
    const [amPod, webPod] = c.pods;
    expect(
      evaluateFlow(c, { from: { kind: "pod", pod: webPod! }, to: { kind: "pod", pod: amPod! }, port: 9093 }).allowed,
    ).toBe(true);
    expect(
      evaluateFlow(c, { from: { kind: "pod", pod: webPod! }, to: { kind: "pod", pod: amPod! }, port: 9094 }).allowed,
    ).toBe(false);
    // A flow from a group to itself: two replicas of it.
    expect(
      evaluateFlow(c, { from: { kind: "pod", pod: amPod! }, to: { kind: "pod", pod: amPod! }, port: 9093 }).allowed,
    ).toBe(false);
  });
});
