/**
 * What a spec's rollout phase turns on, decided once: every stage asks `features(spec).thanos`
 * rather than comparing `spec.phase` itself, so that, for example, "phase 4 means a dedicated
 * tainted node pool" is one decision that render and simulate both read.
 *
 * 1: Prometheus HA pair(s) and the Alertmanager cluster; 2: + Thanos; 3: + Grafana HA with its
 * database (and Redis when the spec enables it); 4: + NetworkPolicies, the dedicated node pool and PriorityClasses.
 */
import type { Spec } from "./schema.js";
import type { StackComponent } from "../vocabulary.js";

export interface Features {
  /** Thanos: the sidecar beside each Prometheus, Query, Query Frontend, Store Gateway and Compactor (phase ≥ 2). */
  thanos: boolean;
  /** Grafana HA with its database (phase ≥ 3). */
  grafana: boolean;
  /** Redis as Grafana's remote cache (Grafana, and `grafana.redis.enabled`); otherwise the cache lives in the database. */
  redis: boolean;
  /** Grafana's database is a CloudNativePG Cluster rendered with the stack (Grafana, and `database.type: cloudnativepg`). */
  cloudNativePg: boolean;
  /** Default deny plus one allow policy per component (phase 4). */
  networkPolicies: boolean;
  /** The stack selects the spec's node pool and tolerates its taint, which the pool's nodes carry (phase 4). */
  dedicatedPool: boolean;
  /** The stack's PriorityClasses, set on every pod (phase 4). */
  priorityClasses: boolean;
  /** The components rendered, in STACK_COMPONENTS order. */
  components: StackComponent[];
}

export function features(spec: Spec): Features {
  const thanos = spec.phase >= 2;
  const grafana = spec.phase >= 3;
  const cloudNativePg = grafana && spec.grafana.database.type === "cloudnativepg";
  const redis = grafana && spec.grafana.redis.enabled;
  const components: StackComponent[] = [
    "prometheus",
    "alertmanager",
    ...(thanos ? (["thanos-query", "thanos-query-frontend", "thanos-store", "thanos-compact"] as const) : []),
    ...(grafana ? (["grafana"] as const) : []),
    ...(cloudNativePg ? (["postgresql"] as const) : []),
    ...(redis ? (["redis"] as const) : []),
  ];
  return {
    thanos,
    grafana,
    cloudNativePg,
    redis,
    networkPolicies: spec.phase >= 4,
    dedicatedPool: spec.phase >= 4,
    priorityClasses: spec.phase >= 4,
    components,
  };
}
