/**
 * Where a pod may run and how replicas spread: the HA scaffolding shared by every component.
 *
 * - Required anti-affinity per node (`kubernetes.io/hostname`): two replicas on one node die
 *   together, so this is a hard rule.
 * - Zone spread, a `topologySpreadConstraint` on the zone, required or preferred per component
 *   (the spec's `zoneSpread`; zoneSpreadConstraint below says what each costs).
 * - With the dedicated pool and PriorityClasses (phase 4, spec/features.ts): the pool's
 *   nodeSelector and toleration, and a PriorityClass.
 */
import type { IAffinity, IToleration, ITopologySpreadConstraint } from "kubernetes-models/v1";
import type { Spec, ZoneSpread } from "../spec/schema.js";
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
  // With sharded Prometheus it evaluates the whole-view alerts: part of the alerting path.
  "thanos-ruler": { priority: "critical", oneReplicaPer: "node" },
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
 * The spec's zone spread choice of a component with replicas to spread; undefined for singletons
 * (the Compactor, Redis) and PostgreSQL, whose instances CloudNativePG keeps one per zone with
 * required anti-affinity (COMPONENT_PLACEMENT).
 */
export function zoneSpreadOf(spec: Spec, component: StackComponent): ZoneSpread | undefined {
  switch (component) {
    case "prometheus":
      return spec.prometheus.zoneSpread;
    case "alertmanager":
      return spec.alertmanager.zoneSpread;
    case "thanos-ruler":
      return spec.thanos.ruler.zoneSpread;
    case "thanos-query":
      return spec.thanos.query.zoneSpread;
    case "thanos-query-frontend":
      return spec.thanos.queryFrontend.zoneSpread;
    case "thanos-store":
      return spec.thanos.store.zoneSpread;
    case "grafana":
      return spec.grafana.zoneSpread;
    default:
      return undefined;
  }
}

/**
 * The zone spread of one set of replicas (kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/).
 *
 * `required` (whenUnsatisfiable: DoNotSchedule, maxSkew 1): with 3 zones and 2 replicas the
 * scheduler never puts the second replica in the first one's zone, whatever the scores. For a
 * component whose data sits on a zonal volume (Prometheus, Alertmanager, Ruler, Store) this costs
 * nothing: after a zone loss its pod cannot move anyway (the volume pins it to that zone), so the
 * only pods a hard rule could leave Pending are pods that could not run elsewhere either. For a
 * stateless component the price is Pending pods when the zone the rule demands is full, where a
 * soft rule would have put them in a fuller zone; hence `preferred` (ScheduleAnyway) by default
 * for those.
 *
 * With the required rule:
 * - `minDomains: 2` (stable since Kubernetes 1.30, MinDomainsInPodTopologySpread): while fewer
 *   than 2 zones have eligible nodes the global minimum counts as 0, so at most one replica per
 *   zone is placed and the rest stay Pending (a cluster autoscaler then adds nodes in another
 *   zone) instead of all landing in the only zone that exists yet (same page, "minDomains").
 *   Left out with one zone in the spec: there is nowhere else to go.
 * - `nodeTaintsPolicy: Honor` (beta and on by default since 1.26, NodeInclusionPolicyInPodTopologySpread):
 *   only nodes whose taints the pod tolerates count as domains. The nodes of a lost zone carry
 *   `node.kubernetes.io/unreachable:NoSchedule` (kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/#taint-nodes-by-condition),
 *   so the lost zone stops counting with a minimum of 0 and replacements may go to the zones left;
 *   tainted nodes the stack never runs on (control planes, other pools) do not count either.
 *   The simulator leaves a lost zone's nodes out of every domain in the same way.
 */
export function zoneSpreadConstraint(
  spec: Spec,
  choice: ZoneSpread,
  matchLabels: Record<string, string>,
): ITopologySpreadConstraint {
  const base = { maxSkew: 1, topologyKey: ZONE_LABEL, labelSelector: { matchLabels: { ...matchLabels } } };
  if (choice === "preferred") return { ...base, whenUnsatisfiable: "ScheduleAnyway" };
  return {
    ...base,
    whenUnsatisfiable: "DoNotSchedule",
    ...(spec.cluster.zones.length >= 2 ? { minDomains: 2 } : {}),
    nodeTaintsPolicy: "Honor",
  };
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
  const zoneSpread = zoneSpreadOf(spec, component);
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
        }
      : {}),
    ...(oneReplicaPer && zoneSpread
      ? { topologySpreadConstraints: [zoneSpreadConstraint(spec, zoneSpread, matchLabels)] }
      : {}),
    ...dedicatedPool(spec),
    ...(priority ? { priorityClassName: priority } : {}),
  };
}
