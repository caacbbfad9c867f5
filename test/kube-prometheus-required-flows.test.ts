/**
 * The flows kube-prometheus' own configuration asks for (../shared/corpus/kube-prometheus,
 * setup/ included), judged against its NetworkPolicies, with the result explained:
 * - Grafana → Prometheus (its provisioned datasource, a Secret), prometheus-adapter → Prometheus
 *   (its --prometheus-url flag), Prometheus → Alertmanager (the CR's alerting.alertmanagers, port
 *   web), Alertmanager gossip (3 replicas, TCP and UDP 9094), every scrape of the 8 ServiceMonitors
 *   that select Services of the corpus, the API server for Prometheus and for every pod whose
 *   ServiceAccount RBAC grants permissions to (the operator, kube-state-metrics, the adapter, and
 *   the kube-rbac-proxy sidecars of blackbox-exporter and node-exporter), DNS for every pod but
 *   node-exporter (host network, dnsPolicy left at Default: the node's resolver): all allowed —
 *   every policy allows all egress, and ingress from Prometheus to every exporter;
 * - users cannot reach Grafana: its policy admits only Prometheus on 3000 (the one blocked need,
 *   a row per IP family);
 * - with node-exporter's API flow (kube-rbac-proxy's TokenReviews) every allow rule is used;
 * - the namespace has no default deny either way.
 * The alertmanager-main Secret's receivers have no integration, so no notification flow is needed.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadManifestInputs } from "../src/inventory/load-manifest-inputs.js";
import { readInventory } from "../src/inventory/read-inventory.js";
import {
  analyzeFlows,
  requiredFlowMatrix,
  type FlowAnalysis,
  type RequiredFlowRow,
} from "../src/netpol/required/flow-analysis.js";

const CORPUS = fileURLToPath(new URL("../../shared/corpus/kube-prometheus", import.meta.url));
const present = existsSync(CORPUS);
if (!present)
  console.warn(
    `kube-prometheus required-flows test skipped: ${CORPUS} is absent (the shared corpus is not part of a clone)`,
  );

describe.skipIf(!present)("kube-prometheus: required flows against its NetworkPolicies", () => {
  let a: FlowAnalysis | undefined;
  let rows: RequiredFlowRow[] = [];
  beforeAll(async () => {
    a = analyzeFlows(readInventory(await loadManifestInputs([CORPUS])));
    rows = requiredFlowMatrix(a);
  });
  const pairs = (filter: (r: RequiredFlowRow) => boolean) =>
    [...new Set(rows.filter(filter).map((r) => `${r.from} → ${r.to} ${r.port}`))].sort();

  it("derives the flows its configuration asks for", () => {
    expect(
      pairs(
        (r) =>
          !r.why.startsWith("scrape") && !r.why.startsWith("name resolution") && !r.why.startsWith("Kubernetes API"),
      ),
    ).toEqual([
      "Alertmanager monitoring/main → Alertmanager monitoring/main (another replica) TCP/9094",
      "Alertmanager monitoring/main → Alertmanager monitoring/main (another replica) UDP/9094",
      "Deployment monitoring/grafana → Prometheus monitoring/k8s TCP/web",
      "Deployment monitoring/prometheus-adapter → Prometheus monitoring/k8s TCP/web",
      "Prometheus monitoring/k8s → Alertmanager monitoring/main TCP/web",
      "users (outside the cluster) over IPv6 → Deployment monitoring/grafana TCP/3000",
      "users (outside the cluster) → Deployment monitoring/grafana TCP/3000",
    ]);
    expect(new Set(rows.filter((r) => r.why.startsWith("Kubernetes API")).map((r) => r.from))).toEqual(
      new Set([
        "Prometheus monitoring/k8s",
        "Deployment monitoring/prometheus-operator",
        "Deployment monitoring/kube-state-metrics",
        "Deployment monitoring/prometheus-adapter",
        "Deployment monitoring/blackbox-exporter",
        "DaemonSet monitoring/node-exporter",
      ]),
    );
    const dnsClients = new Set(rows.filter((r) => r.why.startsWith("name resolution")).map((r) => r.from));
    expect(dnsClients.has("DaemonSet monitoring/node-exporter")).toBe(false);
    expect(dnsClients.size).toBe(7);
    const scraped = new Set(
      rows.filter((r) => r.why.startsWith("scrape")).map((r) => r.to.replace(" (another replica)", "")),
    );
    // Its 8 scraped workloads, and the cluster's own endpoints its kubelet and CoreDNS monitors
    // point at (the API server's scrape merges into the Kubernetes API flows above).
    expect(scraped.size).toBe(11);
    for (const end of ["every node's address", "every node's address over IPv6", "kube-system/cluster DNS (assumed)"])
      expect(scraped.has(end), end).toBe(true);
  });

  it("blocks exactly one need: users to Grafana, whose policy admits only Prometheus", () => {
    expect(a?.blocked.map((j) => `${j.flow.why} [${rows.find((r) => r.why === j.flow.why)?.blocked}]`)).toEqual([
      "users: Deployment monitoring/grafana serves [server] http_port = 3000 [ingress of Deployment monitoring/grafana is isolated by monitoring/grafana and no rule of it allows it]",
      "users: Deployment monitoring/grafana serves [server] http_port = 3000 [ingress of Deployment monitoring/grafana is isolated by monitoring/grafana and no rule of it allows it]",
    ]);
    expect(new Set(a?.blocked.map((j) => j.flow.anyOf)).size).toBe(1);
  });

  it("uses every allow rule, and has no default deny", () => {
    expect(a?.unused).toEqual([]);
    expect(a?.withoutDefaultDeny).toEqual([{ namespace: "monitoring", missing: ["Ingress", "Egress"], pods: 8 }]);
  });

  it("has 58 concrete flows: 56 allowed, the 2 IP families of the users' flow blocked", () => {
    expect([rows.length, rows.filter((r) => r.allowed).length]).toEqual([58, 56]);
  });
});
