/**
 * What the Prometheus Operator does by itself for its custom resources (monitoring.coreos.com):
 * the labels, containers, ports and governing Services of the pods it makes, and the defaults it
 * applies. Render, inventory, netpol and podsecurity read these; none writes its own copy.
 *
 * Sources: prometheus-operator pkg/prometheus/statefulset.go and pkg/prometheus/server/statefulset.go
 * (Prometheus), pkg/alertmanager/statefulset.go (Alertmanager), pkg/thanos/statefulset.go
 * (ThanosRuler), pkg/operator/defaults.go (images), Documentation/api-reference/api.md.
 */
import { mergeContainer } from "../k8s/container-merge.js";
import { asString, isRecord, type Json } from "../k8s/json.js";
import { DEFAULT_PORTS } from "./ports.js";

export const PROMETHEUS_OPERATOR_API_GROUP = "monitoring.coreos.com";

/** The CR kinds whose spec describes pods the operator creates. */
export const OPERATOR_POD_KINDS = ["Prometheus", "PrometheusAgent", "Alertmanager", "ThanosRuler"] as const;
export type OperatorPodKind = (typeof OPERATOR_POD_KINDS)[number];

/** `replicas` and `shards` of a CR when left out. */
export const DEFAULT_REPLICAS = 1;
export const DEFAULT_SHARDS = 1;

// ── Pod labels ──

/** The pod label holding a Prometheus pod's shard index (0-based). */
export const SHARD_LABEL = "operator.prometheus.io/shard";
/** The pod label holding the name of the Prometheus CR. */
export const OPERATOR_NAME_LABEL = "operator.prometheus.io/name";

/** Labels on every pod of shard `shard` of the Prometheus CR `name`, over `podMetadata.labels`. */
export function prometheusPodLabels(name: string, shard: number): Record<string, string> {
  return {
    "app.kubernetes.io/name": "prometheus",
    "app.kubernetes.io/managed-by": "prometheus-operator",
    "app.kubernetes.io/instance": name,
    [OPERATOR_NAME_LABEL]: name,
    [SHARD_LABEL]: String(shard),
    prometheus: name,
  };
}

/** Labels (a subset of prometheusPodLabels) that select every pod of the Prometheus CR `name`, all shards. */
export function prometheusPodSelector(name: string): Record<string, string> {
  return { "app.kubernetes.io/name": "prometheus", [OPERATOR_NAME_LABEL]: name };
}

/** Labels on every pod of the Alertmanager CR `name`, over `podMetadata.labels`. */
export function alertmanagerPodLabels(name: string): Record<string, string> {
  return {
    "app.kubernetes.io/name": "alertmanager",
    "app.kubernetes.io/managed-by": "prometheus-operator",
    "app.kubernetes.io/instance": name,
    alertmanager: name,
  };
}

/** Labels (a subset of alertmanagerPodLabels) that select every pod of the Alertmanager CR `name`. */
export function alertmanagerPodSelector(name: string): Record<string, string> {
  return { "app.kubernetes.io/name": "alertmanager", alertmanager: name };
}

/** Labels on every pod of the ThanosRuler CR `name`, over `podMetadata.labels`. */
export function thanosRulerPodLabels(name: string): Record<string, string> {
  return {
    "app.kubernetes.io/name": "thanos-ruler",
    "app.kubernetes.io/managed-by": "prometheus-operator",
    "app.kubernetes.io/instance": name,
    "thanos-ruler": name,
  };
}

/** Labels (a subset of thanosRulerPodLabels) that select every pod of the ThanosRuler CR `name`. */
export function thanosRulerPodSelector(name: string): Record<string, string> {
  return { "app.kubernetes.io/name": "thanos-ruler", "thanos-ruler": name };
}

/** `additionalLabelSelectors` of a Prometheus CR's topologySpreadConstraints (api.md, AdditionalLabelSelectors). */
export const SPREAD_ON_SHARD = "OnShard";
export const SPREAD_ON_RESOURCE = "OnResource";

/**
 * A Prometheus CR's `topologySpreadConstraints` as the operator writes them into the pods of one
 * shard: a constraint with `additionalLabelSelectors` gets the shard's selector labels
 * (`podLabels`, i.e. prometheusPodLabels) added to its labelSelector's matchLabels, all of them
 * for `OnShard`, all but the shard label for `OnResource`; the field itself is not a pod field
 * (pkg/prometheus/common.go MakeK8sTopologySpreadConstraint; added by PR #5967, before the v0.76 hamon requires).
 */
export function shardTopologySpread(constraints: unknown, podLabels: Record<string, string>): unknown {
  if (!Array.isArray(constraints)) return constraints;
  return constraints.map((c: unknown) => {
    if (!isRecord(c) || c.additionalLabelSelectors === undefined) return c;
    const { additionalLabelSelectors: mode, ...core } = c;
    const selector = isRecord(core.labelSelector) ? core.labelSelector : {};
    const matchLabels = isRecord(selector.matchLabels) ? { ...selector.matchLabels } : {};
    for (const [k, v] of Object.entries(podLabels)) {
      if (mode === SPREAD_ON_RESOURCE && k === SHARD_LABEL) continue;
      matchLabels[k] = v;
    }
    return { ...core, labelSelector: { ...selector, matchLabels } };
  });
}

// ── Containers ──

/** The container each kind's component runs in. */
export const MAIN_CONTAINER = {
  Prometheus: "prometheus",
  PrometheusAgent: "prometheus",
  Alertmanager: "alertmanager",
  ThanosRuler: "thanos-ruler",
} as const satisfies Record<OperatorPodKind, string>;

/** The Thanos sidecar the operator adds to Prometheus pods when `spec.thanos` is set. */
export const THANOS_SIDECAR_CONTAINER = "thanos-sidecar";

/** Every container the operator generates, by kind, init containers included: what a same-named container in the CR patches. */
export const GENERATED_CONTAINERS: Record<OperatorPodKind, readonly string[]> = {
  Prometheus: [MAIN_CONTAINER.Prometheus, "config-reloader", THANOS_SIDECAR_CONTAINER, "init-config-reloader"],
  PrometheusAgent: [MAIN_CONTAINER.PrometheusAgent, "config-reloader", "init-config-reloader"],
  Alertmanager: [MAIN_CONTAINER.Alertmanager, "config-reloader", "init-config-reloader"],
  ThanosRuler: [MAIN_CONTAINER.ThanosRuler, "config-reloader"],
};

/**
 * The containers of a CR's pods: each generated container patched by the `spec.containers` entry
 * of the same name (strategic merge), then the CR's other containers appended in their order
 * (api.md, PrometheusSpec `containers`: "Containers described here modify an operator generated
 * container if they share the same name and modifications are done via a strategic merge patch";
 * pkg/k8sutil/k8sutil.go MergePatchContainers).
 */
export function mergeCrContainers(generated: Json[], crContainers: unknown): Json[] {
  const patches = Array.isArray(crContainers) ? crContainers.filter(isRecord) : [];
  const byName = new Map(patches.map((c) => [c.name, c]));
  const merged = generated.map((g) => {
    const patch = byName.get(g.name);
    return patch ? mergeContainer(g, patch) : g;
  });
  const generatedNames = new Set(generated.map((g) => g.name));
  return [...merged, ...patches.filter((c) => !generatedNames.has(c.name))];
}

/**
 * The container securityContext the operator sets on the containers it generates; runAsNonRoot
 * and seccompProfile are left to the pod (the CR's `securityContext`).
 */
export const GENERATED_CONTAINER_SECURITY = { allowPrivilegeEscalation: false, dropCapabilities: ["ALL"] } as const;

/** The projects' own images, which the operator runs when the CR sets no `image` (`<image>:<version>` when it sets `version`). */
export const DEFAULT_IMAGES = {
  prometheus: "quay.io/prometheus/prometheus",
  alertmanager: "quay.io/prometheus/alertmanager",
  thanos: "quay.io/thanos/thanos",
} as const;

// ── Names ──

/** The StatefulSet of one Prometheus shard; its pods are `<StatefulSet>-<ordinal>`. */
export const prometheusStatefulSet = (name: string, shard: number): string =>
  shard > 0 ? `prometheus-${name}-shard-${shard}` : `prometheus-${name}`;
/** The StatefulSet of an Alertmanager; its pods are `<StatefulSet>-<ordinal>`. */
export const alertmanagerStatefulSet = (name: string): string => `alertmanager-${name}`;
/** The StatefulSet of a ThanosRuler (pkg/thanos/operator.go, prefixedName); its pods are `<StatefulSet>-<ordinal>`. */
export const thanosRulerStatefulSet = (name: string): string => `thanos-ruler-${name}`;

// ── Storage and configuration ──

/** The volumeClaimTemplate name of `spec.storage.volumeClaimTemplate`, by kind. */
export const STORAGE_CLAIM_NAME = {
  Prometheus: (name: string) => `prometheus-${name}-db`,
  Alertmanager: (name: string) => `alertmanager-${name}-db`,
  ThanosRuler: (name: string) => `thanos-ruler-${name}-data`,
} as const;

/**
 * True when a CR's data lives on a PersistentVolumeClaim: `spec.storage.volumeClaimTemplate`. The
 * API reference's StorageSpec: "If neither `emptyDir` nor `volumeClaimTemplate` is specified, then
 * by default an EmptyDir will be used"; `ephemeral` is a generic ephemeral volume, deleted with the pod.
 */
export const crStorageIsPersistent = (spec: Record<string, unknown>): boolean =>
  isRecord(spec.storage) && isRecord(spec.storage.volumeClaimTemplate);

/** The Secret an Alertmanager CR reads its configuration from when `spec.configSecret` is unset, and the key (Documentation/user-guides/alerting.md). */
export const alertmanagerConfigSecret = (name: string): string => `alertmanager-${name}`;
export const ALERTMANAGER_CONFIG_KEY = "alertmanager.yaml";

/**
 * Where the Alertmanager container sees a Secret listed in the CR's `spec.secrets`: "mounted into
 * /etc/alertmanager/secrets/<secret-name> in the 'alertmanager' container"
 * (Documentation/api-reference/api.md, AlertmanagerSpec.secrets; pkg/alertmanager/statefulset.go,
 * secretsDir). Each key is a file there.
 */
export const alertmanagerSecretFile = (secret: string, key: string): string =>
  `/etc/alertmanager/secrets/${secret}/${key}`;

/** `replicaExternalLabelName` when left out: each Prometheus replica's external label (PrometheusSpec). */
export const PROMETHEUS_REPLICA_LABEL = "prometheus_replica";
/** The external label the operator gives each ThanosRuler replica. */
export const THANOS_RULER_REPLICA_LABEL = "thanos_ruler_replica";

// ── Ports and Services ──

/** A container port of a generated container. */
export interface GeneratedPort {
  name: string;
  containerPort: number;
  protocol?: "TCP" | "UDP";
}

/** The config-reloader sidecar's web port. */
const RELOADER: GeneratedPort = { name: "reloader-web", containerPort: 8080 };

/**
 * `spec.listenLocal: true`: the component listens on the loopback address only, and the operator
 * then declares no `web` container port for it (api.md, PrometheusSpec / AlertmanagerSpec /
 * ThanosRulerSpec `listenLocal`: "listen on loopback, so that it does not bind against the Pod IP";
 * pkg/prometheus/server/statefulset.go, pkg/alertmanager/statefulset.go and pkg/thanos/statefulset.go
 * add the `web` port only when ListenLocal is false). Another container (e.g. a kube-rbac-proxy in
 * `spec.containers`) then serves the pod's web port.
 */
export const listensLocally = (crSpec: Record<string, unknown> | undefined): boolean => crSpec?.listenLocal === true;

/** Container ports of the pods of a CR, which no manifest shows (`spec.thanos` adds the sidecar's; `listenLocal` removes `web`). */
export function generatedPodPorts(kind: string, crSpec: Record<string, unknown> | undefined): GeneratedPort[] {
  const ports = allGeneratedPodPorts(kind, crSpec);
  return listensLocally(crSpec) ? ports.filter((p) => p.name !== "web") : ports;
}

function allGeneratedPodPorts(kind: string, crSpec: Record<string, unknown> | undefined): GeneratedPort[] {
  switch (kind) {
    case "Prometheus":
      return [
        { name: "web", containerPort: DEFAULT_PORTS.prometheusWeb },
        ...(crSpec?.thanos
          ? [
              { name: "grpc", containerPort: DEFAULT_PORTS.thanosGrpc },
              { name: "http", containerPort: DEFAULT_PORTS.thanosHttp },
            ]
          : []),
        RELOADER,
      ];
    case "PrometheusAgent":
      return [{ name: "web", containerPort: DEFAULT_PORTS.prometheusWeb }, RELOADER];
    case "Alertmanager":
      return [
        { name: "web", containerPort: DEFAULT_PORTS.alertmanagerWeb },
        { name: "mesh-tcp", containerPort: DEFAULT_PORTS.alertmanagerCluster },
        { name: "mesh-udp", containerPort: DEFAULT_PORTS.alertmanagerCluster, protocol: "UDP" },
        RELOADER,
      ];
    case "ThanosRuler":
      return [
        { name: "grpc", containerPort: DEFAULT_PORTS.thanosGrpc },
        { name: "web", containerPort: DEFAULT_PORTS.thanosHttp },
      ];
    default:
      return [];
  }
}

/** A Service an operator creates that no manifest shows. */
export interface ImplicitService {
  name: string;
  selector: Record<string, string>;
  ports: Array<{ name: string; port: number; targetPort: number | string; protocol: "TCP" | "UDP" }>;
  /** Who makes it, with the source. */
  madeBy: string;
}

/** The headless Service the operator creates per namespace for every Prometheus, the governing Service of its pods. */
export const PROMETHEUS_GOVERNING_SERVICE = "prometheus-operated";
/** The same for every Alertmanager, through which the operator wires `--cluster.peer`. */
export const ALERTMANAGER_GOVERNING_SERVICE = "alertmanager-operated";
export const THANOS_RULER_GOVERNING_SERVICE = "thanos-ruler-operated";

/**
 * The governing Service of a CR's pods: `prometheus-operated` (`web` 9090, or `spec.portName`,
 * plus `grpc` 10901 → the sidecar's `grpc` when `spec.thanos` is set; makeStatefulSetService in
 * pkg/prometheus/server/statefulset.go), `alertmanager-operated` (`web` 9093, `tcp-mesh` 9094/TCP,
 * `udp-mesh` 9094/UDP; pkg/alertmanager/statefulset.go), `thanos-ruler-operated` (`web` 10902,
 * `grpc` 10901; pkg/thanos/statefulset.go). One per namespace, whatever the number of CRs.
 */
export function governingService(kind: string, crSpec: Record<string, unknown>): ImplicitService | undefined {
  switch (kind) {
    case "Prometheus": {
      const web = asString(crSpec.portName) || "web";
      return {
        name: PROMETHEUS_GOVERNING_SERVICE,
        selector: { "app.kubernetes.io/name": "prometheus" },
        ports: [
          { name: web, port: DEFAULT_PORTS.prometheusWeb, targetPort: web, protocol: "TCP" },
          ...(isRecord(crSpec.thanos)
            ? [{ name: "grpc", port: DEFAULT_PORTS.thanosGrpc, targetPort: "grpc", protocol: "TCP" as const }]
            : []),
        ],
        madeBy: "made by the Prometheus Operator for every Prometheus (pkg/prometheus/server/statefulset.go)",
      };
    }
    case "Alertmanager":
      return {
        name: ALERTMANAGER_GOVERNING_SERVICE,
        selector: { "app.kubernetes.io/name": "alertmanager" },
        ports: [
          { name: "web", port: DEFAULT_PORTS.alertmanagerWeb, targetPort: "web", protocol: "TCP" },
          { name: "tcp-mesh", port: DEFAULT_PORTS.alertmanagerCluster, targetPort: "mesh-tcp", protocol: "TCP" },
          { name: "udp-mesh", port: DEFAULT_PORTS.alertmanagerCluster, targetPort: "mesh-udp", protocol: "UDP" },
        ],
        madeBy: "made by the Prometheus Operator for every Alertmanager (pkg/alertmanager/statefulset.go)",
      };
    case "ThanosRuler":
      return {
        name: THANOS_RULER_GOVERNING_SERVICE,
        selector: { "app.kubernetes.io/name": "thanos-ruler" },
        ports: [
          { name: "web", port: DEFAULT_PORTS.thanosHttp, targetPort: "web", protocol: "TCP" },
          { name: "grpc", port: DEFAULT_PORTS.thanosGrpc, targetPort: "grpc", protocol: "TCP" },
        ],
        madeBy: "made by the Prometheus Operator for every ThanosRuler (pkg/thanos/statefulset.go)",
      };
    default:
      return undefined;
  }
}

// ── Alerting ──

/**
 * Where a Prometheus CR's alerts go besides `alerting.alertmanagers[]`. Each `alertmanagers[]` entry names an
 * Endpoints object (API reference, AlertmanagerEndpoints: "Name of the Endpoints object in the namespace"):
 * the operator writes a `kubernetes_sd_configs` job of role endpoints (or endpointslice) that keeps that
 * Service's endpoints (pkg/prometheus/promcfg.go, generateAlertmanagerConfig), i.e. every ready pod, headless
 * Service or not; it is never one load-balanced address. `additionalAlertManagerConfigs` is a key of a Secret
 * holding a YAML list of prometheus.yml `alertmanager_config` entries, appended as written.
 */
export function additionalAlertmanagerConfigsRef(
  crSpec: Record<string, unknown>,
): { secret: string; key: string } | undefined {
  const ref = crSpec.additionalAlertManagerConfigs;
  if (!isRecord(ref)) return undefined;
  const secret = asString(ref.name);
  const key = asString(ref.key);
  return secret && key ? { secret, key } : undefined;
}

/**
 * The `--alertmanagers.url` values the operator gives a ThanosRuler's `thanos rule`: one per `alertmanagersUrl`
 * entry, none when `alertmanagersConfig` is set (it takes precedence) (pkg/thanos/statefulset.go; API reference,
 * ThanosRulerSpec).
 */
export function thanosRulerAlertmanagerUrls(crSpec: Record<string, unknown>): string[] {
  if (isRecord(crSpec.alertmanagersConfig)) return [];
  return Array.isArray(crSpec.alertmanagersUrl) ? crSpec.alertmanagersUrl.filter((u) => typeof u === "string") : [];
}
