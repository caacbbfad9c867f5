/**
 * kube-state-metrics: the state of Kubernetes objects (pods, deployments, nodes, …) as metrics.
 *
 * HA without doubling every series: two replicas, each serving every object (kube-state-metrics
 * README, "High Availability": at least 2 replicas, anti-affinity, a PDB), scraped as one target.
 * The ServiceMonitor rewrites each endpoint's address to the Service's and drops the pod's
 * identity, so both endpoints become the same target (same labels, same URL), which Prometheus
 * scrapes once (prometheus scrape/scrape.go, scrapePool.sync: "This might be a duplicated
 * target"); the Service routes each scrape to a ready replica. One replica lost: the next scrape
 * reaches the other, no series changes. Its sharding (`--shard/--total-shards`, or the StatefulSet
 * auto-sharding of docs/horizontal-sharding) splits objects between instances for scale, not for
 * availability: a lost shard loses its objects' series until it restarts. docs/ha-design.md has the
 * decision.
 */
import { Service, ServiceAccount } from "kubernetes-models/v1";
import { Deployment } from "kubernetes-models/apps/v1";
import { ClusterRole, ClusterRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";
import type { Spec } from "../../spec/schema.js";
import type { ComponentRender, Manifest } from "../manifest.js";
import { dedicatedPool, DOMAIN_TOPOLOGY_KEY, priorityClassName } from "../scheduling.js";
import { NOBODY, restrictedContainerSecurity, restrictedPodSecurity } from "../security.js";
import { componentLabels, selectorLabels, stackNames } from "../stack-facts.js";
import { oneAtATimePdb } from "./common-objects.js";
import { KUBE_STATE_METRICS } from "../../upstream/cluster-targets.js";
import { pinnedImage } from "../../upstream/versions.js";
import { ZONE_LABEL } from "../../k8s/well-known-labels.js";

export const KUBE_STATE_METRICS_REPLICAS = 2;

/**
 * The objects it reports on, each with the API group to list and watch it in. Secrets and
 * ConfigMaps are left out: reading every Secret of the cluster is more than monitoring needs.
 * Resource names: kube-state-metrics docs/developer/cli-arguments.md, `--resources`.
 */
const RESOURCES: ReadonlyArray<{ group: string; resource: string; flag: string }> = [
  { group: "certificates.k8s.io", resource: "certificatesigningrequests", flag: "certificatesigningrequests" },
  { group: "batch", resource: "cronjobs", flag: "cronjobs" },
  { group: "apps", resource: "daemonsets", flag: "daemonsets" },
  { group: "apps", resource: "deployments", flag: "deployments" },
  { group: "discovery.k8s.io", resource: "endpointslices", flag: "endpointslices" },
  { group: "autoscaling", resource: "horizontalpodautoscalers", flag: "horizontalpodautoscalers" },
  { group: "networking.k8s.io", resource: "ingresses", flag: "ingresses" },
  { group: "batch", resource: "jobs", flag: "jobs" },
  { group: "coordination.k8s.io", resource: "leases", flag: "leases" },
  { group: "", resource: "limitranges", flag: "limitranges" },
  { group: "", resource: "namespaces", flag: "namespaces" },
  { group: "networking.k8s.io", resource: "networkpolicies", flag: "networkpolicies" },
  { group: "", resource: "nodes", flag: "nodes" },
  { group: "", resource: "persistentvolumeclaims", flag: "persistentvolumeclaims" },
  { group: "", resource: "persistentvolumes", flag: "persistentvolumes" },
  { group: "policy", resource: "poddisruptionbudgets", flag: "poddisruptionbudgets" },
  { group: "", resource: "pods", flag: "pods" },
  { group: "apps", resource: "replicasets", flag: "replicasets" },
  { group: "", resource: "replicationcontrollers", flag: "replicationcontrollers" },
  { group: "", resource: "resourcequotas", flag: "resourcequotas" },
  { group: "", resource: "services", flag: "services" },
  { group: "apps", resource: "statefulsets", flag: "statefulsets" },
  { group: "storage.k8s.io", resource: "storageclasses", flag: "storageclasses" },
  { group: "storage.k8s.io", resource: "volumeattachments", flag: "volumeattachments" },
];

/** The ClusterRole's rules: list and watch each resource, grouped by API group in a stable order. */
function readRules() {
  const groups = [...new Set(RESOURCES.map((r) => r.group))].sort();
  return groups.map((group) => ({
    apiGroups: [group],
    resources: RESOURCES.filter((r) => r.group === group)
      .map((r) => r.resource)
      .sort(),
    verbs: ["list", "watch"],
  }));
}

export function renderKubeStateMetrics(spec: Spec): ComponentRender {
  const names = stackNames(spec);
  const ns = names.namespace;
  const name = names.kubeStateMetrics;
  const labels = componentLabels("kube-state-metrics", name);
  const selector = selectorLabels("kube-state-metrics", name);
  const role = `hamon-kube-state-metrics-${ns}`;
  const priority = priorityClassName(spec, "high");
  const serviceAddress = `${name}.${ns}.svc:${KUBE_STATE_METRICS.port}`;
  const objects: Manifest[] = [
    new ServiceAccount({ metadata: { name, namespace: ns, labels } }),
    new ClusterRole({ metadata: { name: role, labels }, rules: readRules() }),
    new ClusterRoleBinding({
      metadata: { name: role, labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
      subjects: [{ kind: "ServiceAccount", name, namespace: ns }],
    }),
    new Deployment({
      metadata: { name, namespace: ns, labels },
      spec: {
        replicas: KUBE_STATE_METRICS_REPLICAS,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: name,
            securityContext: restrictedPodSecurity(NOBODY),
            affinity: {
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                  { topologyKey: DOMAIN_TOPOLOGY_KEY.node, labelSelector: { matchLabels: selector } },
                ],
              },
            },
            topologySpreadConstraints: [
              {
                maxSkew: 1,
                topologyKey: ZONE_LABEL,
                whenUnsatisfiable: "ScheduleAnyway",
                labelSelector: { matchLabels: selector },
              },
            ],
            ...dedicatedPool(spec),
            ...(priority ? { priorityClassName: priority } : {}),
            containers: [
              {
                name: "kube-state-metrics",
                image: pinnedImage("kubeStateMetrics"),
                args: [
                  `--port=${KUBE_STATE_METRICS.port}`,
                  `--telemetry-port=${KUBE_STATE_METRICS.telemetryPort}`,
                  `--resources=${RESOURCES.map((r) => r.flag).join(",")}`,
                ],
                ports: [
                  { name: "http-metrics", containerPort: KUBE_STATE_METRICS.port },
                  { name: "telemetry", containerPort: KUBE_STATE_METRICS.telemetryPort },
                ],
                // /livez and /readyz on the metrics port (kube-state-metrics examples/standard/deployment.yaml).
                livenessProbe: { httpGet: { path: "/livez", port: "http-metrics" }, periodSeconds: 10 },
                readinessProbe: { httpGet: { path: "/readyz", port: "telemetry" }, periodSeconds: 5 },
                resources: { requests: { cpu: "100m", memory: "190Mi" }, limits: { memory: "512Mi" } },
                securityContext: restrictedContainerSecurity(),
              },
            ],
          },
        },
      },
    }),
    oneAtATimePdb({ name, namespace: ns, labels }, selector),
    new Service({
      metadata: { name, namespace: ns, labels },
      spec: {
        selector,
        ports: [
          { name: "http-metrics", port: KUBE_STATE_METRICS.port, targetPort: "http-metrics" },
          { name: "telemetry", port: KUBE_STATE_METRICS.telemetryPort, targetPort: "telemetry" },
        ],
      },
    }),
    new ServiceMonitor({
      metadata: { name, namespace: ns, labels },
      spec: {
        selector: { matchLabels: selector },
        endpoints: [
          {
            port: "http-metrics",
            // Objects' own labels (namespace, pod, container) win over the target's.
            honorLabels: true,
            // Every endpoint becomes the one Service address, without the pod's identity: one
            // target, scraped once, whichever replica answers (see the header).
            relabelings: [
              { targetLabel: "__address__", replacement: serviceAddress, action: "replace" },
              { targetLabel: "instance", replacement: name, action: "replace" },
              { regex: "pod|container|endpoint", action: "labeldrop" },
            ],
          },
          // Its own health, per replica.
          { port: "telemetry" },
        ],
      },
    }),
  ];
  return { component: "kube-state-metrics", objects };
}
