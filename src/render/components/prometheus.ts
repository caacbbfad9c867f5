/**
 * Prometheus via the Prometheus Operator: an HA pair (or more) per hashmod shard, a distinct
 * replica external label, the Thanos sidecar shipping blocks to object storage, and alerts sent
 * to every Alertmanager pod.
 */
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { ClusterRole } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole";
import { ClusterRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding";
import { Prometheus } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Prometheus";
import type { Spec } from "../../spec/schema.js";
import type { StackSizing } from "../../sizing/size-stack.js";
import { oneAtATimePdb, serviceMonitor } from "./common-objects.js";
import type { ComponentRender, Manifest } from "../manifest.js";
import { podPlacement } from "../scheduling.js";
import { NOBODY, restrictedPodSecurity } from "../security.js";
import { componentLabels, REPLICA_LABEL, selectorLabels, stackNames } from "../stack-facts.js";
import { prometheusPodSelector, SHARD_LABEL, SPREAD_ON_SHARD } from "../../upstream/prometheus-operator.js";
import { podResources } from "./resources.js";
import { operatorVolumeClaim } from "./volume-claim.js";
import { COMPONENT_LABEL, RULE_SCOPE_LABEL, WHOLE_VIEW_RULE_SCOPE } from "../../vocabulary.js";
import { hasThanosRuler } from "./thanos-ruler.js";
import { DEFAULT_PORTS } from "../../upstream/ports.js";
import { features } from "../../spec/features.js";
import { prometheusByteSize } from "../../sizing/retention-size.js";

/** A label selector: `{}` (everything) when there are no labels. */
const matchLabels = (labels: Record<string, string>) =>
  Object.keys(labels).length > 0 ? { matchLabels: { ...labels } } : {};

export function renderPrometheus(spec: Spec, sizing: StackSizing): ComponentRender {
  const names = stackNames(spec);
  const name = names.prometheus;
  const ns = names.namespace;
  const labels = componentLabels("prometheus", name);
  const selector = prometheusPodSelector(name);
  const serviceAccount = `prometheus-${name}`;
  const withThanos = features(spec).thanos;
  const { shards } = sizing.prometheus;
  const placement = podPlacement(spec, "prometheus", selector);

  const objects: Manifest[] = [
    new ServiceAccount({ metadata: { name: serviceAccount, namespace: ns, labels } }),
    // Service discovery needs to read targets cluster-wide
    // (prometheus-operator Documentation/platform/rbac.md).
    new ClusterRole({
      metadata: { name: `hamon-prometheus-${ns}`, labels },
      rules: [
        {
          apiGroups: [""],
          resources: ["nodes", "nodes/metrics", "services", "endpoints", "pods"],
          verbs: ["get", "list", "watch"],
        },
        { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["get", "list", "watch"] },
        { apiGroups: [""], resources: ["configmaps"], verbs: ["get"] },
        { nonResourceURLs: ["/metrics"], verbs: ["get"] },
      ],
    }),
    new ClusterRoleBinding({
      metadata: { name: `hamon-prometheus-${ns}`, labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: `hamon-prometheus-${ns}` },
      subjects: [{ kind: "ServiceAccount", name: serviceAccount, namespace: ns }],
    }),
    new Prometheus({
      metadata: { name, namespace: ns, labels },
      spec: {
        version: spec.prometheus.version,
        replicas: spec.prometheus.replicas,
        shards,
        // Each replica gets a distinct value of this label; Thanos Query and the Compactor
        // deduplicate on it (thanos.io/tip/components/query.md#deduplication).
        replicaExternalLabelName: REPLICA_LABEL,
        externalLabels: { cluster: spec.cluster.name },
        scrapeInterval: spec.workload.scrapeInterval.toString(),
        evaluationInterval: spec.workload.scrapeInterval.toString(),
        retention: spec.workload.localRetention.toString(),
        // Whichever of time and size retention is reached first applies: a disk that fills faster
        // than sized loses its oldest blocks instead of stopping both replicas (sizing/constants.ts
        // RETENTION_SIZE_FRACTION).
        retentionSize: prometheusByteSize(sizing.prometheus.retentionSize),
        walCompression: true,
        serviceAccountName: serviceAccount,
        podMetadata: { labels: { [COMPONENT_LABEL]: "prometheus" } },
        // Scrape what the spec selects (every namespace's monitors by default); hamon's own
        // monitors carry the labels asked for (render/monitor-selection.ts).
        serviceMonitorSelector: matchLabels(spec.targets.serviceMonitors.labels),
        serviceMonitorNamespaceSelector: matchLabels(spec.targets.serviceMonitors.namespaceLabels),
        podMonitorSelector: matchLabels(spec.targets.podMonitors.labels),
        podMonitorNamespaceSelector: matchLabels(spec.targets.podMonitors.namespaceLabels),
        // Sharded, each shard evaluates the rules that are not whole-view (NotIn also matches a
        // PrometheusRule without the label); the Thanos Ruler evaluates the others through Query.
        ruleSelector: hasThanosRuler(spec, sizing)
          ? { matchExpressions: [{ key: RULE_SCOPE_LABEL, operator: "NotIn", values: [WHOLE_VIEW_RULE_SCOPE] }] }
          : {},
        ruleNamespaceSelector: {},
        // The operator resolves this Service's endpoints, so every Prometheus sends every alert
        // to every Alertmanager pod, never through one load-balanced address
        // (prometheus.io/docs/alerting/latest/alertmanager/#high-availability). API v2: the only
        // one Prometheus 3 and Alertmanager ≥ 0.28 speak, and 2.42/0.25 speak it too (docs/versions.md).
        alerting: {
          alertmanagers: [{ namespace: ns, name: names.alertmanagerOperatedService, port: "web", apiVersion: "v2" }],
        },
        resources: podResources(sizing.prometheus.resources),
        storage: { volumeClaimTemplate: operatorVolumeClaim(spec.storage.className, sizing.prometheus.storage) },
        ...(withThanos
          ? {
              // With objectStorageConfig set, the operator also pins min/max block duration to
              // 2h so that the sidecar uploads every block (prometheus-operator
              // Documentation/platform/thanos.md).
              thanos: {
                version: spec.thanos.version,
                objectStorageConfig: { name: spec.objectStorage.secretName, key: spec.objectStorage.secretKey },
                resources: podResources(sizing.thanosSidecar.resources),
              },
            }
          : {}),
        securityContext: restrictedPodSecurity(NOBODY),
        ...placement,
        // One CR holds every shard: the operator adds each shard's labels to the zone spread's
        // selector, so that each shard's pair is spread, not all Prometheus pods together
        // (upstream/prometheus-operator.ts shardTopologySpread). Anti-affinity stays over all
        // shards: no node runs two Prometheus pods.
        ...(placement.topologySpreadConstraints
          ? {
              topologySpreadConstraints: placement.topologySpreadConstraints.map((c) => ({
                ...c,
                additionalLabelSelectors: SPREAD_ON_SHARD,
              })),
            }
          : {}),
      },
    }),
    new Service({
      metadata: { name: "prometheus", namespace: ns, labels },
      spec: {
        selector,
        ports: [
          { name: "web", port: DEFAULT_PORTS.prometheusWeb, targetPort: "web" },
          ...(withThanos ? [{ name: "sidecar-http", port: DEFAULT_PORTS.thanosHttp, targetPort: "http" }] : []),
        ],
      },
    }),
    serviceMonitor({ name: "prometheus", namespace: ns, labels }, selectorLabels("prometheus", name), [
      "web",
      ...(withThanos ? ["sidecar-http"] : []),
    ]),
  ];
  // One PDB per shard: a drain may take one replica of each shard at once, never a whole shard.
  for (let shard = 0; shard < shards; shard++) {
    objects.push(
      oneAtATimePdb(
        { name: shards === 1 ? `prometheus-${name}` : `prometheus-${name}-shard-${shard}`, namespace: ns, labels },
        { ...selector, [SHARD_LABEL]: String(shard) },
      ),
    );
  }
  return { component: "prometheus", objects };
}
