/**
 * The audit on a real third-party stack: prometheus-operator/kube-prometheus (manifests/ at the
 * commit named in ../shared/corpus/README.md). Every expected finding is listed with why it is
 * right; the test fails on any finding missing or any extra one.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadManifestInputs } from "../src/inventory/load-manifest-inputs.js";
import { readInventory } from "../src/inventory/read-inventory.js";
import { runAudit } from "../src/audit/run-audit.js";

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), "../../shared/corpus/kube-prometheus");
const present = existsSync(CORPUS);
if (!present)
  console.warn(
    `skipping the kube-prometheus corpus test: ${CORPUS} is absent (it lives beside the repository, in ../shared/corpus)`,
  );

/** rule, object kind/name, severity — and why each is a correct finding. */
const EXPECTED: Array<{ rule: string; kind: string; name: string; severity: string; why: string }> = [
  {
    rule: "HAMON-HA-001",
    kind: "Deployment",
    name: "grafana",
    severity: "error",
    why: "grafana-deployment.yaml sets replicas: 1: a drain or node loss takes every dashboard down.",
  },
  {
    rule: "HAMON-GRAFANA-001",
    kind: "Deployment",
    name: "grafana",
    severity: "warning",
    why: "grafana-config.yaml's grafana.ini has only [date_formats]: [database] stays the default sqlite3, and /var/lib/grafana is the emptyDir grafana-storage; warning (not error) because there is one replica.",
  },
  {
    rule: "HAMON-SCHED-001",
    kind: "Prometheus",
    name: "k8s",
    severity: "warning",
    why: "2 replicas and no affinity in the CR (anti-affinity is an optional addon in kube-prometheus): only the scheduler's default spreading keeps them apart.",
  },
  {
    rule: "HAMON-SCHED-001",
    kind: "Alertmanager",
    name: "main",
    severity: "warning",
    why: "3 replicas, same as above.",
  },
  {
    rule: "HAMON-SCHED-003",
    kind: "Prometheus",
    name: "k8s",
    severity: "warning",
    why: "No priorityClassName on the CR, and kube-prometheus defines no PriorityClass.",
  },
  {
    rule: "HAMON-SCHED-003",
    kind: "Alertmanager",
    name: "main",
    severity: "warning",
    why: "No priorityClassName on the CR.",
  },
  {
    rule: "HAMON-SCHED-003",
    kind: "Deployment",
    name: "grafana",
    severity: "warning",
    why: "No priorityClassName in the pod template.",
  },
  {
    rule: "HAMON-SCHED-004",
    kind: "Prometheus",
    name: "k8s",
    severity: "warning",
    why: "2 replicas and no affinity or topologySpreadConstraints in the CR: nothing names the zone, both can run in one.",
  },
  {
    rule: "HAMON-SCHED-004",
    kind: "Alertmanager",
    name: "main",
    severity: "warning",
    why: "3 replicas, same as above.",
  },
  {
    rule: "HAMON-STORAGE-002",
    kind: "Prometheus",
    name: "k8s",
    severity: "warning",
    why: "prometheus-prometheus.yaml has no spec.storage, so the operator gives each replica an emptyDir (API reference, StorageSpec); warning because the second replica keeps the history.",
  },
  {
    rule: "HAMON-STORAGE-002",
    kind: "Alertmanager",
    name: "main",
    severity: "warning",
    why: "alertmanager-alertmanager.yaml has no spec.storage either: an emptyDir, silences and notification log lost on reschedule; warning because the 3 peers gossip them back.",
  },
  {
    rule: "HAMON-NETPOL-001",
    kind: "NetworkPolicy",
    name: "grafana",
    severity: "error",
    why: "Users (from outside the cluster, on Grafana's http_port 3000) cannot reach Grafana: grafana-networkPolicy.yaml isolates its ingress and admits only app.kubernetes.io/name=prometheus. kube-prometheus expects you to add your own policy (or to port-forward, which comes from the node). Every other flow its configuration asks for is allowed: every policy allows all egress.",
  },
  {
    rule: "HAMON-NETPOL-003",
    kind: "Namespace",
    name: "monitoring",
    severity: "warning",
    why: "monitoring (setup/) has 8 workloads and no default deny either way: each pod is isolated only by its own policy.",
  },
  {
    rule: "HAMON-PSS-001",
    kind: "DaemonSet",
    name: "node-exporter",
    severity: "error",
    why: "node-exporter reads the host by design: hostNetwork, hostPID, hostPath / and /sys, hostPort 9100, SYS_TIME added. Run it in a namespace labelled privileged and suppress with a reason.",
  },
  {
    rule: "HAMON-PSS-002",
    kind: "DaemonSet",
    name: "node-exporter",
    severity: "warning",
    why: "Besides its baseline violations, its first container sets no seccomp profile (nor does the pod).",
  },
  {
    rule: "HAMON-PSS-002",
    kind: "Prometheus",
    name: "k8s",
    severity: "warning",
    why: "The CR's securityContext sets runAsNonRoot but no seccompProfile, and the operator's containers set none.",
  },
  {
    rule: "HAMON-PSS-002",
    kind: "Alertmanager",
    name: "main",
    severity: "warning",
    why: "Same as the Prometheus CR.",
  },
  {
    rule: "HAMON-PSS-002",
    kind: "Deployment",
    name: "blackbox-exporter",
    severity: "warning",
    why: "A seccomp profile on its kube-rbac-proxy container only, not on its first two containers nor the pod.",
  },
];

describe.skipIf(!present)("audit of kube-prometheus", () => {
  // Created only when the suite runs: a skipped suite's body is still collected.
  const inventoryOnce = present ? loadManifestInputs([CORPUS]).then(readInventory) : new Promise<never>(() => {});

  it("finds exactly the expected findings", async () => {
    const inventory = await inventoryOnce;
    const result = runAudit(inventory);
    expect(result.ruleErrors).toEqual([]);
    const got = result.findings
      .map((f) => ({ rule: f.rule, kind: f.object.kind, name: f.object.name, severity: f.severity }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const want = EXPECTED.map(({ why: _why, ...f }) => f).sort((a, b) =>
      JSON.stringify(a).localeCompare(JSON.stringify(b)),
    );
    expect(got).toEqual(want);
  });

  it("reads what a careful reader sees in it", async () => {
    const inventory = await inventoryOnce;
    const byId = new Map(inventory.podGroups.map((g) => [g.id, g]));
    // Operator CRs expanded with the operator's defaults and labels.
    expect(byId.get("monitoring/Prometheus/k8s#shard-0")?.replicas).toBe(2);
    expect(byId.get("monitoring/Alertmanager/main")?.replicas).toBe(3);
    expect(byId.get("monitoring/Deployment/grafana")?.component).toBe("grafana");
    // Its PDBs select the operator's pods through the podMetadata labels.
    const pdb = (name: string) => inventory.pdbs.find((p) => p.object.ref.name === name)?.selects;
    expect(pdb("prometheus-k8s")).toEqual(["monitoring/Prometheus/k8s#shard-0"]);
    expect(pdb("alertmanager-main")).toEqual(["monitoring/Alertmanager/main"]);
    // The Alertmanager config lives in the Secret alertmanager-main (stringData).
    expect(byId.get("monitoring/Alertmanager/main")?.config.alertmanagerYaml?.route).toBeDefined();
  });
});
