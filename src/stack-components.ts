/**
 * The nine components of the stack, in the order every output lists them. Render folders,
 * inventory recognition and the simulator's availability model all speak of these names.
 */
export const STACK_COMPONENTS = [
  "prometheus",
  "alertmanager",
  "thanos-query",
  "thanos-query-frontend",
  "thanos-store",
  "thanos-compact",
  "grafana",
  "postgresql",
  "redis",
] as const;

export type StackComponent = (typeof STACK_COMPONENTS)[number];
