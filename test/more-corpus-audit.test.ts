/**
 * The audit on two more real third-party stacks (../shared/corpus/README.md): kube-prometheus
 * release-0.11 and carlosedp's cluster-monitoring. Every expected finding is listed with why it is
 * right, from the manifests themselves; the test fails on any finding missing or any extra one.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadManifestInputs } from "../src/inventory/load-manifest-inputs.js";
import { readInventory } from "../src/inventory/read-inventory.js";
import { runAudit } from "../src/audit/run-audit.js";

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), "../../shared/corpus");

type Expected = [rule: string, severity: string, kind: string, name: string, why: string];

const PSS_RESTRICTED_CR =
  "the Prometheus Operator's generated pods set no seccompProfile and the CR's securityContext sets none (restricted requires RuntimeDefault or Localhost)";

const KUBE_PROMETHEUS_0_11: Expected[] = [
  ["HAMON-HA-001", "error", "Deployment", "grafana", "grafana-deployment.yaml: replicas: 1"],
  [
    "HAMON-GRAFANA-001",
    "warning",
    "Deployment",
    "grafana",
    "grafana.ini has no [database]: SQLite on an emptyDir; warning at 1 replica",
  ],
  ["HAMON-SCHED-003", "warning", "Deployment", "grafana", "no priorityClassName anywhere in the release"],
  ["HAMON-SCHED-003", "warning", "Prometheus", "k8s", "no priorityClassName on the CR"],
  ["HAMON-SCHED-003", "warning", "Alertmanager", "main", "no priorityClassName on the CR"],
  [
    "HAMON-SCHED-001",
    "warning",
    "Prometheus",
    "k8s",
    "replicas: 2 and no affinity in the CR (anti-affinity is an optional addon)",
  ],
  ["HAMON-SCHED-001", "warning", "Alertmanager", "main", "replicas: 3 and no affinity in the CR"],
  [
    "HAMON-SCHED-004",
    "warning",
    "Prometheus",
    "k8s",
    "no topologySpreadConstraints nor zone anti-affinity: both replicas may share a zone",
  ],
  ["HAMON-SCHED-004", "warning", "Alertmanager", "main", "as for Prometheus"],
  [
    "HAMON-STORAGE-002",
    "warning",
    "Prometheus",
    "k8s",
    "no spec.storage: the operator mounts an emptyDir; warning with 2 replicas",
  ],
  [
    "HAMON-STORAGE-002",
    "warning",
    "Alertmanager",
    "main",
    "no spec.storage: silences and notification log on an emptyDir",
  ],
  [
    "HAMON-NETPOL-001",
    "error",
    "NetworkPolicy",
    "grafana",
    "grafana-networkPolicy.yaml admits only Prometheus on 3000: users cannot reach Grafana",
  ],
  [
    "HAMON-NETPOL-001",
    "error",
    "NetworkPolicy",
    "prometheus-k8s",
    "prometheus-networkPolicy.yaml admits Prometheus and Grafana, not prometheus-adapter, which queries it (fixed upstream in kube-prometheus PR #1982)",
  ],
  [
    "HAMON-NETPOL-003",
    "warning",
    "Namespace",
    "monitoring",
    "policies select only some workloads; no default deny for the namespace",
  ],
  [
    "HAMON-PSS-001",
    "error",
    "DaemonSet",
    "node-exporter",
    "hostNetwork, hostPID, hostPath, hostPort, SYS_TIME: a host exporter, baseline by design",
  ],
  ["HAMON-PSS-002", "warning", "DaemonSet", "node-exporter", "no seccompProfile"],
  ["HAMON-PSS-002", "warning", "Prometheus", "k8s", PSS_RESTRICTED_CR],
  ["HAMON-PSS-002", "warning", "Alertmanager", "main", PSS_RESTRICTED_CR],
  ["HAMON-PSS-002", "warning", "Deployment", "grafana", "no seccompProfile"],
  ["HAMON-PSS-002", "warning", "Deployment", "blackbox-exporter", "no seccompProfile, among others"],
  [
    "HAMON-PSS-002",
    "warning",
    "Deployment",
    "kube-state-metrics",
    "runAsNonRoot and seccompProfile unset, among others",
  ],
  ["HAMON-PSS-002", "warning", "Deployment", "prometheus-adapter", "runAsNonRoot and seccompProfile unset"],
  ["HAMON-PSS-002", "warning", "Deployment", "prometheus-operator", "seccompProfile unset"],
];

const CLUSTER_MONITORING: Expected[] = [
  ["HAMON-HA-001", "error", "Prometheus", "k8s", "prometheus-prometheus.yaml: replicas: 1"],
  ["HAMON-HA-001", "error", "Alertmanager", "main", "alertmanager-alertmanager.yaml: replicas: 1"],
  ["HAMON-HA-001", "error", "Deployment", "grafana", "grafana-deployment.yaml: replicas: 1"],
  [
    "HAMON-STORAGE-002",
    "error",
    "Prometheus",
    "k8s",
    "no spec.storage: its 15d of TSDB on an emptyDir, and no other replica (error at 1 replica)",
  ],
  ["HAMON-STORAGE-002", "error", "Alertmanager", "main", "no spec.storage and one replica: silences lost with the pod"],
  [
    "HAMON-GRAFANA-001",
    "warning",
    "Deployment",
    "grafana",
    "grafana.ini has no [database]: SQLite on an emptyDir; warning at 1 replica",
  ],
  ["HAMON-SCHED-003", "warning", "Prometheus", "k8s", "no priorityClassName"],
  ["HAMON-SCHED-003", "warning", "Alertmanager", "main", "no priorityClassName"],
  ["HAMON-SCHED-003", "warning", "Deployment", "grafana", "no priorityClassName"],
  ["HAMON-NETPOL-003", "warning", "Namespace", "monitoring", "no NetworkPolicy at all in the stack"],
  [
    "HAMON-PSS-001",
    "error",
    "DaemonSet",
    "node-exporter",
    "hostNetwork and hostPath /proc, /sys, /: a host exporter, baseline by design",
  ],
  ["HAMON-PSS-002", "warning", "DaemonSet", "node-exporter", "allowPrivilegeEscalation and seccompProfile unset"],
  ["HAMON-PSS-002", "warning", "Prometheus", "k8s", PSS_RESTRICTED_CR],
  ["HAMON-PSS-002", "warning", "Alertmanager", "main", PSS_RESTRICTED_CR],
  ["HAMON-PSS-002", "warning", "Deployment", "grafana", "allowPrivilegeEscalation and seccompProfile unset"],
  [
    "HAMON-PSS-002",
    "warning",
    "Deployment",
    "kube-state-metrics",
    "allowPrivilegeEscalation and seccompProfile unset on its containers",
  ],
  ["HAMON-PSS-002", "warning", "Deployment", "prometheus-adapter", "allowPrivilegeEscalation and seccompProfile unset"],
  [
    "HAMON-PSS-002",
    "warning",
    "Deployment",
    "prometheus-operator",
    "allowPrivilegeEscalation and seccompProfile unset",
  ],
];

const key = (f: { rule: string; severity: string; kind: string; name: string }) =>
  `${f.rule} ${f.severity} ${f.kind}/${f.name}`;

describe.each([
  ["kube-prometheus-0.11", KUBE_PROMETHEUS_0_11],
  ["cluster-monitoring", CLUSTER_MONITORING],
] as const)("audit of %s", (folder, expected) => {
  const path = resolve(CORPUS, folder);
  it.skipIf(!existsSync(path))("finds exactly the expected findings, each justified", async () => {
    const result = runAudit(readInventory(await loadManifestInputs([path])));
    expect(result.ruleErrors).toEqual([]);
    const got = result.findings.map((f) => key({ ...f, kind: f.object.kind, name: f.object.name })).sort();
    const want = expected.map(([rule, severity, kind, name]) => key({ rule, severity, kind, name })).sort();
    expect(got).toEqual(want);
  });
});
