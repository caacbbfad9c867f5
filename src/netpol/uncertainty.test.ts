/**
 * What a verdict cannot know: hostNetwork ends (network-policies/#networkpolicy-and-hostnetwork-pods:
 * "NetworkPolicy behaviour for hostNetwork pods is undefined") and namespace labels that the input
 * does not show.
 */
import { describe, expect, it } from "vitest";
import { evaluateFlow } from "./evaluate-flow.js";
import type { ClusterNamespace, ClusterPod } from "./model.js";
import { at, cluster, pod, policies } from "../../test/support/network-cluster.js";

const exporter: ClusterPod = {
  ...pod("mon", "node-exporter", { app: "node-exporter" }, [{ name: "m", containerPort: 9100 }]),
  hostNetwork: true,
};
const podNetExporter = pod("mon", "exporter", { app: "node-exporter" }, [{ name: "m", containerPort: 9100 }]);
const prom = pod("mon", "prom", { app: "prometheus" });
const adapter = pod("apps", "adapter", { app: "adapter" });
const target = pod("mon", "target", { app: "target" }, [{ name: "web", containerPort: 9090 }]);

const denyAllIngress = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny, namespace: mon }
spec: { podSelector: {}, policyTypes: [Ingress] }
`;
const admitTeamMetrics = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: admit, namespace: mon }
spec:
  podSelector: { matchLabels: { app: target } }
  policyTypes: [Ingress]
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: metrics } } }] }]
`;

describe("flow doubts", () => {
  it("names a hostNetwork destination as uncertain, and a pod-network one not", () => {
    const pods = [exporter, podNetExporter, prom];
    const c = cluster(policies(denyAllIngress), pods, [{ name: "mon", labelsKnown: true }]);
    const onHost = evaluateFlow(c, { from: at(prom), to: at(exporter), port: 9100 });
    expect(onHost.allowed).toBe(false);
    expect(onHost.uncertain.join(" ")).toMatch(/destination uses the host network/);
    const onPodNetwork = evaluateFlow(c, { from: at(prom), to: at(podNetExporter), port: 9100 });
    expect(onPodNetwork.allowed).toBe(false);
    expect(onPodNetwork.uncertain).toEqual([]);
  });

  it("names the namespace label assumption only when the Namespace object is missing", () => {
    const flow = { from: at(adapter), to: at(target), port: 9090 };
    const run = (apps: ClusterNamespace) =>
      evaluateFlow(
        cluster(policies(admitTeamMetrics), [adapter, target], [{ name: "mon", labelsKnown: true }, apps]),
        flow,
      );
    const unknown = run({ name: "apps", labelsKnown: false });
    expect(unknown.allowed).toBe(false);
    expect(unknown.uncertain.join(" ")).toMatch(/no Namespace object for apps: this assumes apps lacks those labels/);
    expect(run({ name: "apps", labels: { team: "apps" }, labelsKnown: true }).uncertain).toEqual([]);
    expect(run({ name: "apps", labels: { team: "metrics" }, labelsKnown: true }).allowed).toBe(true);
  });
});
