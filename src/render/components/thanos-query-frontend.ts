/**
 * Thanos Query Frontend: splits range queries by day and caches responses in front of Query
 * (thanos.io/tip/components/query-frontend.md). The cache is in memory, per replica: a lost
 * replica costs cache hits, never answers.
 */
import { Service } from "kubernetes-models/v1/Service";
import type { Spec } from "../../spec/schema.js";
import type { StackSizing } from "../../sizing/size-stack.js";
import { oneAtATimePdb, serviceMonitor } from "./common-objects.js";
import type { ComponentRender } from "../manifest.js";
import { componentLabels, selectorLabels, stackNames } from "../stack-facts.js";
import { HTTP_ADDRESS, replicatedThanosDeployment } from "./thanos-pod.js";
import { DEFAULT_PORTS } from "../../upstream/ports.js";

/** Response cache: the IN-MEMORY type of thanos.io/tip/components/query-frontend.md#in-memory. */
export const RESPONSE_CACHE_CONFIG = { type: "IN-MEMORY", config: { max_size: "512MB", validity: "0s" } };

export function renderThanosQueryFrontend(spec: Spec, sizing: StackSizing): ComponentRender {
  const names = stackNames(spec);
  const name = names.thanosQueryFrontend;
  const ns = names.namespace;
  const labels = componentLabels("thanos-query-frontend", name);
  const selector = selectorLabels("thanos-query-frontend", name);
  const args = [
    "query-frontend",
    HTTP_ADDRESS,
    `--query-frontend.downstream-url=http://${names.serviceDns(names.thanosQuery)}:${DEFAULT_PORTS.thanosHttp}`,
    "--query-range.split-interval=24h",
    "--query-frontend.compress-responses",
    // JSON is YAML: one line, as a flag value should be.
    `--query-range.response-cache-config=${JSON.stringify(RESPONSE_CACHE_CONFIG)}`,
  ];
  return {
    component: "thanos-query-frontend",
    objects: [
      replicatedThanosDeployment(spec, {
        component: "thanos-query-frontend",
        name,
        namespace: ns,
        labels,
        selector,
        replicas: spec.thanos.queryFrontend.replicas,
        args,
        resources: sizing.thanosQueryFrontend.resources,
        grpc: false,
      }),
      new Service({
        metadata: { name, namespace: ns, labels },
        spec: { selector, ports: [{ name: "http", port: DEFAULT_PORTS.thanosHttp, targetPort: "http" }] },
      }),
      oneAtATimePdb({ name, namespace: ns, labels }, selector),
      serviceMonitor({ name, namespace: ns, labels }, selector, ["http"]),
    ],
  };
}
