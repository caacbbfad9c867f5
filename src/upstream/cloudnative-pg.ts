/**
 * What CloudNativePG does by itself for a `Cluster` (postgresql.cnpg.io/v1): the labels and ports
 * of its instance pods, the Services, Secret and PodDisruptionBudgets it creates, its scheduling
 * defaults, and where its operator runs. Render, inventory, netpol and simulate read these.
 */
import { HOSTNAME_LABEL } from "../k8s/well-known-labels.js";
import { DEFAULT_PORTS } from "./ports.js";
import type { GeneratedPort, ImplicitService } from "./prometheus-operator.js";

export const CLOUDNATIVE_PG_API_GROUP = "postgresql.cnpg.io";

/** `instances` when left out. */
export const DEFAULT_INSTANCES = 1;

/** The pod label naming the Cluster an instance belongs to (cloudnative-pg.io/documentation/current/labels_annotations/). */
export const CLUSTER_LABEL = "cnpg.io/cluster";
/** The pod label naming the instance (`<cluster>-<n>`). */
export const INSTANCE_NAME_LABEL = "cnpg.io/instanceName";

/** Instance `n` (from 1) of the Cluster `name`: its pod and PVC names. */
export const instanceName = (name: string, n: number): string => `${name}-${n}`;

/** Labels on every instance pod of the Cluster `name`, over `inheritedMetadata.labels`. */
export function instancePodLabels(name: string): Record<string, string> {
  return { [CLUSTER_LABEL]: name, "cnpg.io/podRole": "instance" };
}

/** The container PostgreSQL runs in, and its image when `imageName` is unset. */
export const POSTGRES_CONTAINER = "postgres";
export const DEFAULT_IMAGE = "ghcr.io/cloudnative-pg/postgresql";

/** Instance manager endpoints (cloudnative-pg.io/documentation/current/monitoring/, .../instance_manager/). */
export const CNPG_PORTS = { postgres: DEFAULT_PORTS.postgres, status: 8000, metrics: 9187 } as const;

/** Container ports of an instance pod. */
export const INSTANCE_PORTS: readonly GeneratedPort[] = [
  { name: "postgresql", containerPort: CNPG_PORTS.postgres },
  { name: "metrics", containerPort: CNPG_PORTS.metrics },
  { name: "status", containerPort: CNPG_PORTS.status },
];

/**
 * Pod anti-affinity when `spec.affinity` leaves it unset: on, preferred, per node
 * (cloudnative-pg.io/documentation/current/scheduling/).
 */
export const AFFINITY_DEFAULTS = {
  enablePodAntiAffinity: true,
  podAntiAffinityType: "preferred",
  topologyKey: HOSTNAME_LABEL,
} as const;

/** The operator creates PodDisruptionBudgets for the instances unless `spec.enablePDB: false` (cloudnative-pg.io/documentation/current/kubernetes_upgrade/). */
export const createsDisruptionBudgets = (spec: Record<string, unknown>): boolean => spec.enablePDB !== false;

/** The Services of every Cluster: read-write (the primary), read-only (replicas), read (any). */
export type ServiceRole = "rw" | "ro" | "r";
export const SERVICE_ROLES: readonly ServiceRole[] = ["rw", "ro", "r"];
export const clusterService = (name: string, role: ServiceRole): string => `${name}-${role}`;

/**
 * The Services a Cluster `name` gets on 5432 (cloudnative-pg.io/documentation/current/service_management/).
 * The primary moves on failover, so each of them stands for every instance.
 */
export function clusterServices(name: string): ImplicitService[] {
  return SERVICE_ROLES.map((role) => ({
    name: clusterService(name, role),
    selector: { [CLUSTER_LABEL]: name },
    ports: [{ name: "postgres", port: CNPG_PORTS.postgres, targetPort: CNPG_PORTS.postgres, protocol: "TCP" }],
    madeBy: "made by CloudNativePG for every Cluster (cloudnative-pg.io/documentation/current/service_management/)",
  }));
}

/** The Secret with the application user's credentials, `username` and `password` (cloudnative-pg.io/documentation/current/applications/#secrets). */
export const appUserSecret = (name: string): string => `${name}-app`;

/**
 * Where the operator runs in its default installation, and its pods' labels
 * (cloudnative-pg.io/documentation/current/installation_upgrade/); its webhook server listens on 9443.
 */
export const CNPG_OPERATOR = {
  namespace: "cnpg-system",
  podLabels: { "app.kubernetes.io/name": "cloudnative-pg" },
  webhookPort: 9443,
} as const;
