/**
 * hamon's own names, once: the components of the stack, the label that names a pod's component,
 * and the annotations that suppress audit findings. Render writes them, the inventory, audit and
 * simulator read them.
 */

/**
 * The components of the stack, in the order every output lists them. Render folders, inventory
 * recognition and the simulator's availability model all speak of these names. The Thanos Ruler
 * is rendered only when Prometheus is sharded (render/components/thanos-ruler.ts).
 */
export const STACK_COMPONENTS = [
  "prometheus",
  "alertmanager",
  "thanos-ruler",
  "thanos-query",
  "thanos-query-frontend",
  "thanos-store",
  "thanos-compact",
  "grafana",
  "postgresql",
  "redis",
] as const;

export type StackComponent = (typeof STACK_COMPONENTS)[number];

/**
 * What the stack renders to watch the cluster rather than itself: the two exporters and the
 * monitors of the cluster's own endpoints (kubelet, API server, CoreDNS). They are not HA
 * components of the stack: the simulator's availability model does not speak of them.
 */
export const CLUSTER_TARGET_COMPONENTS = ["node-exporter", "kube-state-metrics", "cluster-monitors"] as const;

export type ClusterTargetComponent = (typeof CLUSTER_TARGET_COMPONENTS)[number];

/** The label every hamon pod carries, naming its component (one of STACK_COMPONENTS) for audit and simulation. */
export const COMPONENT_LABEL = "hamon.io/component";

/**
 * The label a PrometheusRule carries when its rules need the whole view: they aggregate across
 * targets, which one Prometheus shard only sees a slice of. With `prometheus.shards` > 1 the
 * Thanos Ruler evaluates exactly the PrometheusRules with this label, through Thanos Query, and
 * the shards evaluate every other one; unsharded, the one Prometheus evaluates all. An author
 * only sets `metadata.labels: { ...WHOLE_VIEW_RULES }`.
 */
export const RULE_SCOPE_LABEL = "hamon.io/rule-scope";
export const WHOLE_VIEW_RULE_SCOPE = "whole-view";
export const WHOLE_VIEW_RULES: Readonly<Record<string, string>> = { [RULE_SCOPE_LABEL]: WHOLE_VIEW_RULE_SCOPE };

/** Annotation on any object: the audit rule ids suppressed on it, comma or space separated. */
export const IGNORE_ANNOTATION = "hamon.io/ignore";
/** Annotation beside IGNORE_ANNOTATION: why, shown with `hamon audit --verbose`. */
export const IGNORE_REASON_ANNOTATION = "hamon.io/ignore-reason";

/**
 * Receiver names hamon's Alertmanager routing owns: `default` (no integrations, when the spec has
 * no alerting section), `null` (Watchdog without a heartbeat), `heartbeat` (the dead man's switch).
 * The spec refuses them as names of the user's receivers.
 */
export const DEFAULT_RECEIVER = "default";
export const NULL_RECEIVER = "null";
export const HEARTBEAT_RECEIVER = "heartbeat";
export const RESERVED_RECEIVERS = [DEFAULT_RECEIVER, NULL_RECEIVER, HEARTBEAT_RECEIVER] as const;

/**
 * Annotation on an Ingress or HTTPRoute: the namespace of the pods that proxy its traffic (the
 * ingress controller, the Gateway's data plane). Nothing in the Kubernetes objects says where a
 * controller runs, so hamon writes it on its own routes and the audit's flow analysis reads it:
 * users reach the route's backend from those pods. You may add it to your own routes too.
 */
export const PROXY_NAMESPACE_ANNOTATION = "hamon.io/proxy-namespace";
/** Beside PROXY_NAMESPACE_ANNOTATION: those pods' labels, `key=value` comma separated; absent or empty: every pod there. */
export const PROXY_POD_LABELS_ANNOTATION = "hamon.io/proxy-pod-labels";
