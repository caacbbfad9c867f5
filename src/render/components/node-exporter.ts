/**
 * node-exporter: one pod on every node, reading the host's /proc, /sys and filesystems.
 *
 * It needs the host: hostNetwork and hostPID (the node's interfaces and processes) and the host's
 * root filesystem read-only (github.com/prometheus/node_exporter README, "Docker"). Pod Security
 * "baseline" already forbids host namespaces and hostPath volumes, so its namespace is the one
 * place of the stack at level "privileged" (kubernetes.io/docs/concepts/security/pod-security-standards/,
 * Baseline: "Host Namespaces", "HostPath Volumes"). Inside that, the container is as narrow as it
 * can be: non-root, no privilege escalation, no capabilities, read-only root and host mounts.
 *
 * It tolerates every taint (`operator: Exists` with no key matches all,
 * kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/) so that no node goes
 * unwatched, and has its own PriorityClass so that a full node preempts ordinary pods for it
 * rather than leaving the node without metrics.
 */
import { Namespace, Service, ServiceAccount } from "kubernetes-models/v1";
import { DaemonSet } from "kubernetes-models/apps/v1";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { PriorityClass } from "kubernetes-models/scheduling.k8s.io/v1";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";
import type { Spec } from "../../spec/schema.js";
import type { ComponentRender, Manifest } from "../manifest.js";
import { NOBODY, restrictedContainerSecurity } from "../security.js";
import { componentLabels, selectorLabels, stackNames } from "../stack-facts.js";
import { NODE_EXPORTER } from "../../upstream/cluster-targets.js";
import { pinnedImage } from "../../upstream/versions.js";
import { COMPONENT_LABEL, IGNORE_ANNOTATION, IGNORE_REASON_ANNOTATION } from "../../vocabulary.js";
import { NAMESPACE_NAME_LABEL } from "../../k8s/well-known-labels.js";
import { features } from "../../spec/features.js";

/** Above ordinary workloads and the stack's own classes, below system-node-critical (2,000,001,000). */
export const NODE_EXPORTER_PRIORITY = { name: "hamon-node-exporter", value: 1_000_000 } as const;

/** The audit rules whose findings on node-exporter are true by design, and why. */
export const NODE_EXPORTER_BY_DESIGN = {
  rules: ["HAMON-PSS-001"],
  reason:
    "node-exporter reads the node itself: hostNetwork, hostPID and the host's root filesystem read-only, which Pod Security baseline forbids; its namespace is privileged for that alone",
} as const;

export function renderNodeExporter(spec: Spec): ComponentRender {
  const names = stackNames(spec);
  const ns = names.nodeExporterNamespace;
  const name = names.nodeExporter;
  const labels = componentLabels("node-exporter", name);
  const selector = selectorLabels("node-exporter", name);
  const port = NODE_EXPORTER.port;
  const objects: Manifest[] = [
    new Namespace({
      metadata: {
        name: ns,
        labels: {
          ...labels,
          // The least level that admits host namespaces and hostPath volumes (see the header).
          "pod-security.kubernetes.io/enforce": "privileged",
          "pod-security.kubernetes.io/audit": "privileged",
          "pod-security.kubernetes.io/warn": "privileged",
        },
      },
    }),
    new PriorityClass({
      metadata: { name: NODE_EXPORTER_PRIORITY.name, labels },
      value: NODE_EXPORTER_PRIORITY.value,
      globalDefault: false,
      description: "hamon: node-exporter, one per node. Preempts ordinary workloads so that every node is watched.",
    }),
    new ServiceAccount({ metadata: { name, namespace: ns, labels }, automountServiceAccountToken: false }),
    new DaemonSet({
      metadata: {
        name,
        namespace: ns,
        labels,
        annotations: {
          [IGNORE_ANNOTATION]: NODE_EXPORTER_BY_DESIGN.rules.join(","),
          [IGNORE_REASON_ANNOTATION]: NODE_EXPORTER_BY_DESIGN.reason,
        },
      },
      spec: {
        selector: { matchLabels: selector },
        // One node at a time loses its exporter during an upgrade.
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: name,
            automountServiceAccountToken: false,
            hostNetwork: true,
            hostPID: true,
            // It resolves no names: the node's own resolver, no flow to cluster DNS
            // (kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy).
            dnsPolicy: "Default",
            priorityClassName: NODE_EXPORTER_PRIORITY.name,
            tolerations: [{ operator: "Exists" }],
            securityContext: {
              runAsNonRoot: true,
              runAsUser: NOBODY,
              runAsGroup: NOBODY,
              seccompProfile: { type: "RuntimeDefault" },
            },
            containers: [
              {
                name: "node-exporter",
                image: pinnedImage("nodeExporter"),
                args: [
                  `--web.listen-address=:${port}`,
                  `--path.rootfs=${NODE_EXPORTER.hostRootMount}`,
                  // Container and kubelet mounts are not the node's filesystems (kube-prometheus
                  // manifests/nodeExporter-daemonset.yaml excludes the same).
                  "--collector.filesystem.mount-points-exclude=^/(dev|proc|sys|run/k3s/containerd/.+|var/lib/docker/.+|var/lib/kubelet/pods/.+)($|/)",
                ],
                // With hostNetwork, the container port is the node's port (hostPort must equal it).
                ports: [{ name: "metrics", containerPort: port, hostPort: port, protocol: "TCP" }],
                readinessProbe: { httpGet: { path: "/", port: "metrics" }, periodSeconds: 10 },
                livenessProbe: { httpGet: { path: "/", port: "metrics" }, periodSeconds: 20, failureThreshold: 6 },
                resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "180Mi" } },
                securityContext: restrictedContainerSecurity(),
                volumeMounts: [
                  {
                    name: "root",
                    mountPath: NODE_EXPORTER.hostRootMount,
                    readOnly: true,
                    // Filesystems the host mounts later (new volumes) appear in the container.
                    mountPropagation: "HostToContainer",
                  },
                ],
              },
            ],
            volumes: [{ name: "root", hostPath: { path: "/" } }],
          },
        },
      },
    }),
    // Headless: Prometheus scrapes each endpoint (each node), never a load-balanced address.
    new Service({
      metadata: { name, namespace: ns, labels },
      spec: { clusterIP: "None", selector, ports: [{ name: "metrics", port, targetPort: "metrics" }] },
    }),
    new ServiceMonitor({
      metadata: { name, namespace: ns, labels },
      spec: {
        selector: { matchLabels: selector },
        endpoints: [
          {
            port: "metrics",
            // The node's name as `instance`, not its IP:port, so that node alerts and dashboards
            // join with kube-state-metrics' `node` label.
            relabelings: [{ sourceLabels: ["__meta_kubernetes_pod_node_name"], targetLabel: "instance" }],
          },
        ],
      },
    }),
  ];
  if (features(spec).networkPolicies) {
    // Nothing in, nothing out, but Prometheus' scrapes: node-exporter calls no one (it has no
    // token either). With hostNetwork the pod is the node's address, and whether a CNI enforces
    // policies there varies (kubernetes.io/docs/concepts/services-networking/network-policies/,
    // "NetworkPolicies and hostNetwork pods"): these state the intent where it does.
    objects.push(
      new NetworkPolicy({
        metadata: { name: "default-deny", namespace: ns, labels },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
      }),
      new NetworkPolicy({
        metadata: { name: "allow-prometheus-scrape", namespace: ns, labels },
        spec: {
          podSelector: { matchLabels: selector },
          policyTypes: ["Ingress"],
          ingress: [
            {
              from: [
                {
                  namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: names.namespace } },
                  podSelector: { matchLabels: { [COMPONENT_LABEL]: "prometheus" } },
                },
              ],
              ports: [{ port, protocol: "TCP" }],
            },
          ],
        },
      }),
    );
  }
  return { component: "node-exporter", objects };
}
