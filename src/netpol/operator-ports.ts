/**
 * Container ports that operators put on the pods they make, which no manifest shows: named
 * ports in NetworkPolicies (and monitors) resolve against them.
 * - prometheus-operator (pkg/prometheus/statefulset.go, pkg/alertmanager/statefulset.go,
 *   pkg/thanos/statefulset.go): Prometheus `web` 9090, the Thanos sidecar `grpc` 10901 and
 *   `http` 10902 when `spec.thanos` is set, config-reloader `reloader-web` 8080; Alertmanager
 *   `web` 9093 and `mesh-tcp`/`mesh-udp` 9094; ThanosRuler `grpc` 10901 and `web` 10902.
 * - CloudNativePG instances (cloudnative-pg.io/documentation/current/monitoring/ and
 *   .../instance_manager/): `postgresql` 5432, `metrics` 9187, `status` 8000.
 */
import type { ContainerPort } from "./model.js";

const RELOADER: ContainerPort = { name: "reloader-web", containerPort: 8080 };

export function operatorPodPorts(kind: string, crSpec: Record<string, unknown> | undefined): ContainerPort[] {
  switch (kind) {
    case "Prometheus":
      return [
        { name: "web", containerPort: 9090 },
        ...(crSpec?.thanos
          ? [
              { name: "grpc", containerPort: 10901 },
              { name: "http", containerPort: 10902 },
            ]
          : []),
        RELOADER,
      ];
    case "PrometheusAgent":
      return [{ name: "web", containerPort: 9090 }, RELOADER];
    case "Alertmanager":
      return [
        { name: "web", containerPort: 9093 },
        { name: "mesh-tcp", containerPort: 9094 },
        { name: "mesh-udp", containerPort: 9094, protocol: "UDP" },
        RELOADER,
      ];
    case "ThanosRuler":
      return [
        { name: "grpc", containerPort: 10901 },
        { name: "web", containerPort: 10902 },
      ];
    case "Cluster":
      return [
        { name: "postgresql", containerPort: 5432 },
        { name: "metrics", containerPort: 9187 },
        { name: "status", containerPort: 8000 },
      ];
    default:
      return [];
  }
}
