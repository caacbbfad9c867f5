/**
 * Where a pod may run and how replicas spread: the HA scaffolding shared by every component.
 *
 * - Required anti-affinity per node (`kubernetes.io/hostname`): two replicas on one node die
 *   together, so this is a hard rule.
 * - Zone spread as a soft `topologySpreadConstraint` (ScheduleAnyway): hard zone rules would
 *   leave pods Pending when a zone is lost and capacity remains elsewhere
 *   (kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/).
 * - With the dedicated pool and PriorityClasses (phase 4, spec/features.ts): the pool's
 *   nodeSelector and toleration, and a PriorityClass.
 */
import type { IAffinity, IToleration, ITopologySpreadConstraint } from "kubernetes-models/v1";
import type { Spec } from "../spec/schema.js";
import type { StackComponent } from "../vocabulary.js";
import { HOSTNAME_LABEL, ZONE_LABEL } from "../k8s/well-known-labels.js";
import { features } from "../spec/features.js";

export const PRIORITY_CRITICAL = "hamon-monitoring-critical";
export const PRIORITY_HIGH = "hamon-monitoring";

export type PriorityTier = "critical" | "high";

export interface PodPlacement {
  affinity?: IAffinity;
  topologySpreadConstraints?: ITopologySpreadConstraint[];
  nodeSelector?: Record<string, string>;
  tolerations?: IToleration[];
  priorityClassName?: string;
}

/** How a component's pods are placed: the PriorityClass tier, and the domain no two replicas may share. */
export interface ComponentPlacement {
  priority: PriorityTier;
  /** Required pod anti-affinity per node or per zone; null for singletons (the Compactor, Redis): nothing to spread. */
  oneReplicaPer: "node" | "zone" | null;
}

/**
 * The placement of every component, once: the renderer writes it into each pod template and the
 * spec's feasibility check (src/pipeline/feasibility.ts) counts nodes and zones against it.
 * The alerting path (Prometheus, Alertmanager) outranks the rest. PostgreSQL instances are one per
 * zone so that CloudNativePG can promote a replica in a surviving zone.
 */
export const COMPONENT_PLACEMENT = {
  prometheus: { priority: "critical", oneReplicaPer: "node" },
  alertmanager: { priority: "critical", oneReplicaPer: "node" },
  "thanos-query": { priority: "high", oneReplicaPer: "node" },
  "thanos-query-frontend": { priority: "high", oneReplicaPer: "node" },
  "thanos-store": { priority: "high", oneReplicaPer: "node" },
  "thanos-compact": { priority: "high", oneReplicaPer: null },
  grafana: { priority: "high", oneReplicaPer: "node" },
  postgresql: { priority: "high", oneReplicaPer: "zone" },
  redis: { priority: "high", oneReplicaPer: null },
} as const satisfies Record<StackComponent, ComponentPlacement>;

/** The topology key of each spread domain. */
export const DOMAIN_TOPOLOGY_KEY = { node: HOSTNAME_LABEL, zone: ZONE_LABEL } as const;

export function dedicatedPool(spec: Spec): Pick<PodPlacement, "nodeSelector" | "tolerations"> {
  if (!features(spec).dedicatedPool) return {};
  const taint = spec.nodePool.taint;
  return {
    nodeSelector: { ...spec.nodePool.labels },
    ...(taint
      ? { tolerations: [{ key: taint.key, operator: "Equal", value: taint.value, effect: taint.effect }] }
      : {}),
  };
}

export function priorityClassName(spec: Spec, tier: PriorityTier): string | undefined {
  if (!features(spec).priorityClasses) return undefined;
  return tier === "critical" ? PRIORITY_CRITICAL : PRIORITY_HIGH;
}

/**
 * The placement fields of a component's pod template. `replicaSelector`: the labels that select
 * the pods that must not share a domain (the replicas of one set).
 */
export function podPlacement(
  spec: Spec,
  component: StackComponent,
  replicaSelector: Record<string, string>,
): PodPlacement {
  const { oneReplicaPer, priority: tier } = COMPONENT_PLACEMENT[component];
  const matchLabels = { ...replicaSelector };
  const priority = priorityClassName(spec, tier);
  return {
    ...(oneReplicaPer
      ? {
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { topologyKey: DOMAIN_TOPOLOGY_KEY[oneReplicaPer], labelSelector: { matchLabels } },
              ],
            },
          },
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: ZONE_LABEL,
              whenUnsatisfiable: "ScheduleAnyway",
              labelSelector: { matchLabels },
            },
          ],
        }
      : {}),
    ...dedicatedPool(spec),
    ...(priority ? { priorityClassName: priority } : {}),
  };
}
