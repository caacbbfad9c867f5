/**
 * Redis for Grafana's remote cache: a single instance.
 *
 * Grafana's remote cache client connects to one address: its connection string takes `addr`,
 * `password`, `db`, `pool_size` and `ssl` and builds a single go-redis client
 * (grafana pkg/infra/remotecache/redis_storage.go, parseRedisConnStr + redis.NewClient); there is
 * no Sentinel or Cluster mode to fail over to. Replicas behind one Service would each hold a
 * different cache, so one pod it is: no persistence (it is a cache), a fast restart, and the
 * README states the limit. Losing it degrades Grafana; sessions and dashboards live in PostgreSQL.
 */
import { Service } from "kubernetes-models/v1/Service";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import type { Spec } from "../../spec/schema.js";
import type { StackSizing } from "../../sizing/size-stack.js";
import { serviceMonitor } from "./common-objects.js";
import type { ComponentRender } from "../manifest.js";
import { podPlacement } from "../scheduling.js";
import { REDIS_UID, restrictedContainerSecurity, restrictedPodSecurity } from "../security.js";
import { componentLabels, selectorLabels, stackNames } from "../stack-facts.js";
import { podResources } from "./resources.js";
import { DEFAULT_PORTS } from "../../upstream/ports.js";
import { pinnedImage, VERSIONS } from "../../upstream/versions.js";

export function renderRedis(spec: Spec, sizing: StackSizing): ComponentRender {
  const names = stackNames(spec);
  const name = names.redis;
  const ns = names.namespace;
  const labels = componentLabels("redis", name);
  const selector = selectorLabels("redis", name);
  const password = {
    name: "REDIS_PASSWORD",
    valueFrom: { secretKeyRef: { name: spec.grafana.redis.secretName, key: "password" } },
  };
  const maxMemoryBytes = Math.floor(sizing.redis.resources.memory.value * 0.75);
  return {
    component: "redis",
    objects: [
      new Deployment({
        metadata: { name, namespace: ns, labels },
        spec: {
          replicas: 1,
          // Never two caches at once.
          strategy: { type: "Recreate" },
          selector: { matchLabels: selector },
          template: {
            metadata: { labels },
            spec: {
              automountServiceAccountToken: false,
              securityContext: restrictedPodSecurity(REDIS_UID),
              ...podPlacement(spec, "redis", selector),
              containers: [
                {
                  name: "redis",
                  image: `${VERSIONS.redis.image}:${spec.grafana.redis.version}`,
                  args: [
                    "--requirepass",
                    "$(REDIS_PASSWORD)",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--maxmemory",
                    String(maxMemoryBytes),
                    "--maxmemory-policy",
                    "allkeys-lru",
                  ],
                  env: [password],
                  ports: [{ name: "redis", containerPort: DEFAULT_PORTS.redis }],
                  readinessProbe: { tcpSocket: { port: "redis" }, periodSeconds: 5 },
                  livenessProbe: { tcpSocket: { port: "redis" }, periodSeconds: 10, failureThreshold: 6 },
                  resources: podResources(sizing.redis.resources),
                  securityContext: restrictedContainerSecurity(),
                  volumeMounts: [{ name: "data", mountPath: "/data" }],
                },
                {
                  name: "exporter",
                  image: pinnedImage("redisExporter"),
                  env: [password, { name: "REDIS_ADDR", value: `redis://localhost:${DEFAULT_PORTS.redis}` }],
                  ports: [{ name: "metrics", containerPort: DEFAULT_PORTS.redisExporter }],
                  resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "64Mi" } },
                  securityContext: restrictedContainerSecurity(),
                },
              ],
              volumes: [{ name: "data", emptyDir: {} }],
            },
          },
        },
      }),
      new Service({
        metadata: { name, namespace: ns, labels },
        spec: {
          selector,
          ports: [
            { name: "redis", port: DEFAULT_PORTS.redis, targetPort: "redis" },
            { name: "metrics", port: DEFAULT_PORTS.redisExporter, targetPort: "metrics" },
          ],
        },
      }),
      serviceMonitor({ name, namespace: ns, labels }, selector, ["metrics"]),
    ],
  };
}
