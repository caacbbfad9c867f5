/**
 * PostgreSQL for Grafana as a CloudNativePG `Cluster`: one primary and streaming replicas, one
 * instance per zone (required anti-affinity on the zone key), so that CloudNativePG can promote a
 * replica in a surviving zone when the primary's zone is lost
 * (cloudnative-pg.io/documentation/current/replication/, .../scheduling/). The operator renders
 * its own PodDisruptionBudgets for primary and replicas. With `backup` set, WAL archiving and
 * scheduled base backups go to object storage (postgresql-backup.ts).
 */
import { Cluster } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster";
import { PodMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor";
import type { Spec } from "../../spec/schema.js";
import type { StackSizing } from "../../sizing/size-stack.js";
import type { ComponentRender } from "../manifest.js";
import { COMPONENT_PLACEMENT, DOMAIN_TOPOLOGY_KEY, dedicatedPool, priorityClassName } from "../scheduling.js";
import { componentLabels, stackNames } from "../stack-facts.js";
import { CLUSTER_LABEL, DEFAULT_IMAGE } from "../../upstream/cloudnative-pg.js";
import { podResources } from "./resources.js";
import { COMPONENT_LABEL } from "../../vocabulary.js";
import { backupObjects, backupPlugin, restoreBootstrap } from "./postgresql-backup.js";

export function renderPostgresql(spec: Spec, sizing: StackSizing): ComponentRender {
  const db = spec.grafana.database;
  if (db.type !== "cloudnativepg") return { component: "postgresql", objects: [] };
  const names = stackNames(spec);
  const name = names.postgresCluster;
  const ns = names.namespace;
  const labels = componentLabels("postgresql", name);
  const pool = dedicatedPool(spec);
  const placement = COMPONENT_PLACEMENT.postgresql;
  const priority = priorityClassName(spec, placement.priority);
  const app = { database: "grafana", owner: "grafana" };
  const restore = restoreBootstrap(name, db.backup, app);
  return {
    component: "postgresql",
    objects: [
      new Cluster({
        metadata: { name, namespace: ns, labels },
        spec: {
          instances: db.instances,
          imageName: `${DEFAULT_IMAGE}:${db.imageTag}`,
          inheritedMetadata: { labels: { [COMPONENT_LABEL]: "postgresql" } },
          bootstrap: restore?.bootstrap ?? { initdb: app },
          ...(restore ? { externalClusters: restore.externalClusters } : {}),
          storage: { size: db.storageSize.toBytesString(), storageClass: spec.storage.className },
          resources: podResources(sizing.postgres.resources),
          primaryUpdateStrategy: "unsupervised",
          affinity: {
            enablePodAntiAffinity: true,
            podAntiAffinityType: "required",
            topologyKey: DOMAIN_TOPOLOGY_KEY[placement.oneReplicaPer],
            ...(pool.nodeSelector ? { nodeSelector: pool.nodeSelector } : {}),
            ...(pool.tolerations ? { tolerations: pool.tolerations } : {}),
          },
          ...(priority ? { priorityClassName: priority } : {}),
          ...(db.backup ? { plugins: [backupPlugin(name, db.backup)] } : {}),
        },
      }),
      new PodMonitor({
        metadata: { name, namespace: ns, labels },
        spec: {
          selector: { matchLabels: { [CLUSTER_LABEL]: name } },
          podMetricsEndpoints: [{ port: "metrics" }],
        },
      }),
      ...(db.backup ? backupObjects({ cluster: name, namespace: ns, labels, backup: db.backup }) : []),
    ],
  };
}
