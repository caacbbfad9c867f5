/**
 * The Thanos Ruler, an HA pair via the Prometheus Operator's ThanosRuler CR, rendered only when
 * Prometheus is sharded. Each shard scrapes a hashmod slice of the targets, so a rule that
 * aggregates across targets sees part of the data on any one shard; the operator's API reference
 * answers this with Thanos Ruler (PrometheusSpec `shards`: "To query globally, use either Thanos
 * sidecar + querier for query federation and Thanos Ruler for rules").
 *
 * - It evaluates the PrometheusRules labelled WHOLE_VIEW_RULES through Thanos Query, which
 *   deduplicates the HA pairs and merges every shard; the shards evaluate every other rule.
 * - Each replica gets the external label `thanos_ruler_replica` = its pod name, and the operator
 *   drops it from the alerts (`--alert.label-drop`), so the Alertmanagers deduplicate the pair's
 *   alerts (prometheus-operator pkg/thanos/statefulset.go; API reference, ThanosRulerSpec
 *   `labels` and `alertDropLabels`; thanos.io/tip/components/rule.md#ruler-ha). hamon sets no
 *   other external label: older operators add the replica label only when `labels` is empty.
 * - Alerts go to every Alertmanager pod: `dnssrv+` on the operator's headless
 *   alertmanager-operated Service resolves one address per pod (thanos.io/tip/components/rule.md,
 *   `--alertmanagers.url`), as the Prometheus CR's `alerting` does through its Endpoints.
 * - Its results go to object storage like a Prometheus sidecar's blocks, and Thanos Query reads
 *   the recent ones over its StoreAPI (thanos-ruler-operated, `grpc`).
 */
import { Service } from "kubernetes-models/v1/Service";
import { ThanosRuler } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ThanosRuler";
import type { Spec } from "../../spec/schema.js";
import type { StackSizing } from "../../sizing/size-stack.js";
import { oneAtATimePdb, serviceMonitor } from "./common-objects.js";
import type { ComponentRender } from "../manifest.js";
import { podPlacement } from "../scheduling.js";
import { NOBODY, restrictedPodSecurity } from "../security.js";
import { componentLabels, REPLICA_LABEL, selectorLabels, stackNames } from "../stack-facts.js";
import { THANOS_RULER_REPLICA_LABEL, thanosRulerPodSelector } from "../../upstream/prometheus-operator.js";
import { podResources } from "./resources.js";
import { operatorVolumeClaim } from "./volume-claim.js";
import { COMPONENT_LABEL, WHOLE_VIEW_RULES } from "../../vocabulary.js";
import { DEFAULT_PORTS } from "../../upstream/ports.js";
import { features } from "../../spec/features.js";

/** True when the stack has a Thanos Ruler: Thanos is on and Prometheus has more than one shard. */
export function hasThanosRuler(spec: Spec, sizing: StackSizing): boolean {
  return features(spec).thanos && sizing.prometheus.shards > 1;
}

/**
 * The replica labels of the stack's HA sources, on which Query and the Compactor deduplicate:
 * Prometheus', and the Ruler's when there is one.
 */
export function replicaLabels(spec: Spec, sizing: StackSizing): string[] {
  return [REPLICA_LABEL, ...(hasThanosRuler(spec, sizing) ? [THANOS_RULER_REPLICA_LABEL] : [])];
}

/** Where the Ruler sends queries: Thanos Query's `http` port, found by DNS SRV on its Service. */
export function rulerQueryEndpoint(spec: Spec): string {
  const names = stackNames(spec);
  return `dnssrv+_http._tcp.${names.serviceDns(names.thanosQuery)}`;
}

/** Where the Ruler sends alerts: every pod behind the operator's headless Alertmanager Service. */
export function rulerAlertmanagersUrl(spec: Spec): string {
  const names = stackNames(spec);
  return `dnssrv+http://_web._tcp.${names.serviceDns(names.alertmanagerOperatedService)}`;
}

export function renderThanosRuler(spec: Spec, sizing: StackSizing): ComponentRender {
  const names = stackNames(spec);
  const name = names.thanosRuler;
  const ns = names.namespace;
  const labels = componentLabels("thanos-ruler", name);
  const selector = thanosRulerPodSelector(name);
  return {
    component: "thanos-ruler",
    objects: [
      new ThanosRuler({
        metadata: { name, namespace: ns, labels },
        spec: {
          version: spec.thanos.version,
          replicas: spec.thanos.ruler.replicas,
          podMetadata: { labels: { [COMPONENT_LABEL]: "thanos-ruler" } },
          evaluationInterval: spec.workload.scrapeInterval.toString(),
          ruleSelector: { matchLabels: { ...WHOLE_VIEW_RULES } },
          ruleNamespaceSelector: {},
          queryEndpoints: [rulerQueryEndpoint(spec)],
          alertmanagersUrl: [rulerAlertmanagersUrl(spec)],
          objectStorageConfig: { name: spec.objectStorage.secretName, key: spec.objectStorage.secretKey },
          resources: podResources(sizing.thanosRuler.resources),
          storage: { volumeClaimTemplate: operatorVolumeClaim(spec.storage.className, sizing.thanosRuler.storage) },
          securityContext: restrictedPodSecurity(NOBODY),
          ...podPlacement(spec, "thanos-ruler", selector),
        },
      }),
      new Service({
        metadata: { name: "thanos-ruler", namespace: ns, labels },
        spec: { selector, ports: [{ name: "web", port: DEFAULT_PORTS.thanosHttp, targetPort: "web" }] },
      }),
      oneAtATimePdb({ name: `thanos-ruler-${name}`, namespace: ns, labels }, selector),
      serviceMonitor({ name: "thanos-ruler", namespace: ns, labels }, selectorLabels("thanos-ruler", name), ["web"]),
    ],
  };
}
