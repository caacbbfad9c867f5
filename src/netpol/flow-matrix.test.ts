import { describe, expect, it } from "vitest";
import { flowMatrix } from "./flow-matrix.js";
import { at, cluster, ip, pod, policies } from "./_testing/cluster.js";

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

describe("flowMatrix", () => {
  it("gives one row per flow with each side's allowing rules, or the reason it is blocked", () => {
    expect(
      flowMatrix(c, [
        { from: at(prom), to: at(am), port: 9093 },
        { from: ip("198.51.100.1"), to: at(am), port: "web" },
      ]),
    ).toEqual([
      {
        from: "pod mon/prom-0",
        to: "pod mon/am-0",
        port: "TCP/9093",
        allowed: true,
        egress: "not isolated",
        ingress: "mon/am ingress[0].from[0]",
      },
      {
        from: "address 198.51.100.1",
        to: "pod mon/am-0",
        port: "TCP/web",
        allowed: false,
        egress: "outside the cluster",
        ingress: "BLOCKED",
        reason:
          "no policy selecting destination pod mon/am-0 allows ingress from address 198.51.100.1 on TCP/9093 (web) (isolated for ingress by mon/am)",
      },
    ]);
  });
});
