import { describe, expect, it } from "vitest";
import { describeEndpoint, sideText } from "./describe.js";
import { evaluateFlow } from "./evaluate-flow.js";
import { at, cluster, ip, pod, policies } from "../../test/support/network-cluster.js";

const prom = pod("mon", "prom-0", { app: "prom" });
const am = pod("mon", "am-0", { app: "am" }, [{ name: "web", containerPort: 9093 }]);
const c = cluster(
  policies(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: am, namespace: mon }
spec:
  podSelector: { matchLabels: { app: am } }
  ingress: [{ from: [{ podSelector: { matchLabels: { app: prom } } }], ports: [{ port: web }] }]
`),
  [prom, am],
);

describe("sideText", () => {
  it("names each side's allowing rules, or why it does not isolate, or that it blocks", () => {
    const allowed = evaluateFlow(c, { from: at(prom), to: at(am), port: 9093 });
    expect([describeEndpoint(at(prom)), sideText(allowed.egress), sideText(allowed.ingress)]).toEqual([
      "pod mon/prom-0",
      "not isolated",
      "mon/am ingress[0].from[0]",
    ]);
    const blocked = evaluateFlow(c, { from: ip("198.51.100.1"), to: at(am), port: "web" });
    expect([describeEndpoint(ip("198.51.100.1")), sideText(blocked.egress), sideText(blocked.ingress)]).toEqual([
      "address 198.51.100.1",
      "outside the cluster",
      "BLOCKED",
    ]);
    expect(blocked.summary).toBe(
      "no policy selecting destination pod mon/am-0 allows ingress from address 198.51.100.1 on TCP/9093 (web) (isolated for ingress by mon/am)",
    );
  });
});
