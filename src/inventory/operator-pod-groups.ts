/**
 * Operator custom resources → the pods their operators will create, with the operators' labels
 * and defaults:
 *
 * - Prometheus (monitoring.coreos.com/v1): one group per shard, `replicas` pods each; `replicas`
 *   and `shards` default to 1; pods carry `app.kubernetes.io/name: prometheus`,
 *   `app.kubernetes.io/managed-by: prometheus-operator`, `app.kubernetes.io/instance: <name>`,
 *   `operator.prometheus.io/name: <name>`, `operator.prometheus.io/shard: <i>`, `prometheus: <name>`
 *   on top of `podMetadata.labels` (prometheus-operator pkg/prometheus/statefulset.go,
 *   Documentation/api-reference/api.md PrometheusSpec).
 * - Alertmanager: `replicas` (default 1) pods labelled `app.kubernetes.io/name: alertmanager`,
 *   `alertmanager: <name>` (pkg/alertmanager/statefulset.go); config from the Secret
 *   `alertmanager-<name>` or `spec.configSecret`, key `alertmanager.yaml`.
 * - ThanosRuler: `replicas` (default 1) pods labelled `app.kubernetes.io/name: thanos-ruler`, `thanos-ruler: <name>`.
 * - CloudNativePG Cluster (postgresql.cnpg.io/v1): `instances` (default 1) pods labelled
 *   `cnpg.io/cluster: <name>`; anti-affinity from `spec.affinity` (enablePodAntiAffinity default
 *   true, podAntiAffinityType default `preferred`, topologyKey default `kubernetes.io/hostname`;
 *   cloudnative-pg.io/documentation/current/scheduling/); the operator creates the PDBs.
 */
import type { IAffinity, IPodTemplateSpec } from "kubernetes-models/v1";
import type { ComponentConfig, InventoryObject, MonitoringComponent, PodGroup } from "./model.js";
import type { ConfigIndex } from "./config-index.js";
import { claimSpec } from "./workload-pod-groups.js";
import { asCount, asRecord, asString, asStringMap, get, isRecord, type Json } from "./_util.js";

/** More Prometheus shards than any real deployment runs: expansion stops here. */
export const MAX_SHARDS = 1000;

export const OPERATOR_KINDS = new Set(["Prometheus", "Alertmanager", "ThanosRuler", "Cluster"]);

const PLACEMENT_FIELDS = [
  "affinity",
  "tolerations",
  "topologySpreadConstraints",
  "nodeSelector",
  "priorityClassName",
  "securityContext",
  "serviceAccountName",
] as const;

function placementOf(spec: Json): Json {
  const out: Json = {};
  for (const f of PLACEMENT_FIELDS) if (spec[f] !== undefined) out[f] = spec[f];
  return out;
}

function operatorImage(spec: Json, repo: string): string {
  const image = asString(spec.image);
  if (image) return image;
  const version = asString(spec.version);
  return version ? `${repo}:${version}` : repo;
}

function storageClaims(spec: Json, claimName: string): PodGroup["volumeClaims"] {
  const template = get(spec, "storage", "volumeClaimTemplate");
  if (!isRecord(template)) return [];
  return [{ name: claimName, ...claimSpec(asRecord(template.spec)) }];
}

const crConfig = (spec: Json, extra: Partial<ComponentConfig> = {}): ComponentConfig => ({
  flags: {},
  env: {},
  crSpec: spec,
  ...extra,
});

function template(spec: Json, labels: Record<string, string>, containers: Json[]): IPodTemplateSpec {
  const annotations = asStringMap(get(spec, "podMetadata", "annotations"));
  return {
    metadata: { labels, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: { ...placementOf(spec), containers },
  } as unknown as IPodTemplateSpec;
}

export function operatorPodGroups(object: InventoryObject, index: ConfigIndex): PodGroup[] {
  const { kind, name, apiVersion } = object.ref;
  const namespace = object.ref.namespace ?? "default";
  const spec = asRecord(object.raw.spec);
  const base = (
    component: MonitoringComponent,
    id: string,
    replicas: number,
    t: IPodTemplateSpec,
    claims: PodGroup["volumeClaims"],
    config: ComponentConfig,
    mainContainer: string,
  ): PodGroup => ({
    id,
    owner: object,
    component,
    namespace,
    replicas,
    template: t,
    volumeClaims: claims,
    config,
    mainContainer,
  });
  const podLabels = asStringMap(get(spec, "podMetadata", "labels"));
  const resources = spec.resources;
  const mainContainer = (containerName: string, image: string): Json => ({
    name: containerName,
    image,
    ...(resources !== undefined ? { resources } : {}),
  });

  if (apiVersion.startsWith("monitoring.coreos.com/") && kind === "Prometheus") {
    // Expanded one group per shard; a count past MAX_SHARDS is not a real deployment (and would
    // exhaust memory), so expansion stops there.
    const shards = Math.min(MAX_SHARDS, Math.max(1, asCount(spec.shards) ?? 1));
    const replicas = asCount(spec.replicas) ?? 1;
    const containers = [mainContainer("prometheus", operatorImage(spec, "quay.io/prometheus/prometheus"))];
    if (isRecord(spec.thanos)) {
      const sidecarResources = spec.thanos.resources;
      containers.push({
        name: "thanos-sidecar",
        image: operatorImage(spec.thanos, "quay.io/thanos/thanos"),
        args: ["sidecar"],
        ...(sidecarResources !== undefined ? { resources: sidecarResources } : {}),
      });
    }
    const groups: PodGroup[] = [];
    for (let shard = 0; shard < shards; shard++) {
      const labels = {
        ...podLabels,
        "app.kubernetes.io/name": "prometheus",
        "app.kubernetes.io/managed-by": "prometheus-operator",
        "app.kubernetes.io/instance": name,
        "operator.prometheus.io/name": name,
        "operator.prometheus.io/shard": String(shard),
        prometheus: name,
      };
      const g = base(
        "prometheus",
        `${namespace}/Prometheus/${name}#shard-${shard}`,
        replicas,
        template(spec, labels, containers),
        storageClaims(spec, `prometheus-${name}-db`),
        crConfig(spec),
        "prometheus",
      );
      g.shard = shard;
      groups.push(g);
    }
    return groups;
  }
  if (apiVersion.startsWith("monitoring.coreos.com/") && kind === "Alertmanager") {
    const labels = {
      ...podLabels,
      "app.kubernetes.io/name": "alertmanager",
      "app.kubernetes.io/managed-by": "prometheus-operator",
      "app.kubernetes.io/instance": name,
      alertmanager: name,
    };
    const secretName = asString(spec.configSecret) || `alertmanager-${name}`;
    const text = index.data("Secret", namespace, secretName)?.["alertmanager.yaml"];
    const alertmanagerYaml = text === undefined ? undefined : index.yaml(text);
    const config = crConfig(spec, alertmanagerYaml ? { alertmanagerYaml } : {});
    const containers = [mainContainer("alertmanager", operatorImage(spec, "quay.io/prometheus/alertmanager"))];
    return [
      base(
        "alertmanager",
        `${namespace}/Alertmanager/${name}`,
        asCount(spec.replicas) ?? 1,
        template(spec, labels, containers),
        storageClaims(spec, `alertmanager-${name}-db`),
        config,
        "alertmanager",
      ),
    ];
  }
  if (apiVersion.startsWith("monitoring.coreos.com/") && kind === "ThanosRuler") {
    const labels = {
      ...podLabels,
      "app.kubernetes.io/name": "thanos-ruler",
      "app.kubernetes.io/managed-by": "prometheus-operator",
      "app.kubernetes.io/instance": name,
      "thanos-ruler": name,
    };
    const containers = [mainContainer("thanos-ruler", operatorImage(spec, "quay.io/thanos/thanos"))];
    return [
      base(
        "thanos-ruler",
        `${namespace}/ThanosRuler/${name}`,
        asCount(spec.replicas) ?? 1,
        template(spec, labels, containers),
        storageClaims(spec, `thanos-ruler-${name}-data`),
        crConfig(spec),
        "thanos-ruler",
      ),
    ];
  }
  if (apiVersion.startsWith("postgresql.cnpg.io/") && kind === "Cluster") {
    const inherited = asStringMap(get(spec, "inheritedMetadata", "labels"));
    const labels = { ...inherited, "cnpg.io/cluster": name, "cnpg.io/podRole": "instance" };
    const a = asRecord(spec.affinity);
    const topologyKey = asString(a.topologyKey) || "kubernetes.io/hostname";
    const term = { topologyKey, labelSelector: { matchLabels: { "cnpg.io/cluster": name } } };
    const affinity: IAffinity = {};
    if (a.enablePodAntiAffinity !== false) {
      affinity.podAntiAffinity =
        a.podAntiAffinityType === "required"
          ? { requiredDuringSchedulingIgnoredDuringExecution: [term] }
          : { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] };
    }
    if (isRecord(a.nodeAffinity)) affinity.nodeAffinity = a.nodeAffinity as IAffinity["nodeAffinity"];
    const t = {
      metadata: { labels },
      spec: {
        ...(Object.keys(affinity).length ? { affinity } : {}),
        ...(a.tolerations !== undefined ? { tolerations: a.tolerations } : {}),
        ...(a.nodeSelector !== undefined ? { nodeSelector: a.nodeSelector } : {}),
        ...(spec.priorityClassName !== undefined ? { priorityClassName: spec.priorityClassName } : {}),
        containers: [
          {
            name: "postgres",
            image: asString(spec.imageName) ?? "ghcr.io/cloudnative-pg/postgresql",
            ...(resources !== undefined ? { resources } : {}),
          },
        ],
      },
    } as IPodTemplateSpec;
    const storage = asRecord(spec.storage);
    const claim = {
      name: `${name}-data`,
      ...(asString(storage.storageClass) !== undefined ? { storageClassName: storage.storageClass as string } : {}),
      ...(asString(storage.size) !== undefined ? { storage: storage.size as string } : {}),
    };
    const g = base(
      "postgresql",
      `${namespace}/Cluster/${name}`,
      asCount(spec.instances) ?? 1,
      t,
      [claim],
      crConfig(spec),
      "postgres",
    );
    if (spec.enablePDB !== false) g.operatorManagedPdb = true;
    return [g];
  }
  return [];
}
