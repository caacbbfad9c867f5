/**
 * Where a pod may run and how replicas spread: the HA scaffolding shared by every component.
 *
 * - Required anti-affinity per node (`kubernetes.io/hostname`): two replicas on one node die
 *   together, so this is a hard rule.
 * - Zone spread as a soft `topologySpreadConstraint` (ScheduleAnyway): hard zone rules would
 *   leave pods Pending when a zone is lost and capacity remains elsewhere
 *   (kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/).
 * - Phase 4: the dedicated node pool (nodeSelector + toleration) and a PriorityClass.
 */
import type { IAffinity, IToleration, ITopologySpreadConstraint } from "kubernetes-models/v1";
import type { Spec } from "../spec/schema.js";
import { HOSTNAME_LABEL, ZONE_LABEL } from "../k8s/well-known-labels.js";

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

export interface PlacementOptions {
  /** Labels that select the pods that must not share a node (the replicas of one set). */
  replicaSelector: Record<string, string>;
  priority: PriorityTier;
  /** false for singletons (the Compactor, Redis): nothing to spread. */
  replicated: boolean;
}

export function dedicatedPool(spec: Spec): Pick<PodPlacement, "nodeSelector" | "tolerations"> {
  if (spec.phase < 4) return {};
  const taint = spec.nodePool.taint;
  return {
    nodeSelector: { ...spec.nodePool.labels },
    ...(taint
      ? { tolerations: [{ key: taint.key, operator: "Equal", value: taint.value, effect: taint.effect }] }
      : {}),
  };
}

export function priorityClassName(spec: Spec, tier: PriorityTier): string | undefined {
  if (spec.phase < 4) return undefined;
  return tier === "critical" ? PRIORITY_CRITICAL : PRIORITY_HIGH;
}

export function podPlacement(spec: Spec, options: PlacementOptions): PodPlacement {
  const matchLabels = { ...options.replicaSelector };
  const priority = priorityClassName(spec, options.priority);
  return {
    ...(options.replicated
      ? {
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { topologyKey: HOSTNAME_LABEL, labelSelector: { matchLabels } },
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
