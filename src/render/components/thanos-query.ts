/**
 * Thanos Query: fans out to every StoreAPI (the Prometheus sidecars and the Store Gateways),
 * found by DNS SRV on their headless Services, and deduplicates the HA replicas on the replica
 * label that the Prometheus CR sets (thanos.io/tip/components/query.md#deduplication).
 */
import { Service } from "kubernetes-models/v1/Service";
import type { Spec } from "../../spec/schema.js";
import type { StackSizing } from "../../sizing/size-stack.js";
import { oneAtATimePdb, serviceMonitor } from "./common-objects.js";
import type { ComponentRender } from "../manifest.js";
import { componentLabels, selectorLabels, stackNames } from "../stack-facts.js";
import { GRPC_ADDRESS, HTTP_ADDRESS, replicatedThanosDeployment } from "./thanos-pod.js";
import { DEFAULT_PORTS } from "../../upstream/ports.js";
import { hasThanosRuler, replicaLabels } from "./thanos-ruler.js";

/**
 * The StoreAPI endpoints Query is given: `dnssrv+` resolves every pod behind a headless Service's
 * named port. With a Thanos Ruler, its pods too (their rule results not yet in the bucket).
 */
export function thanosQueryEndpoints(spec: Spec, sizing: StackSizing): string[] {
  const names = stackNames(spec);
  return [
    `dnssrv+_grpc._tcp.${names.serviceDns(names.prometheusOperatedService)}`,
    `dnssrv+_grpc._tcp.${names.serviceDns(names.thanosStore)}`,
    ...(hasThanosRuler(spec, sizing)
      ? [`dnssrv+_grpc._tcp.${names.serviceDns(names.thanosRulerOperatedService)}`]
      : []),
  ];
}

export function renderThanosQuery(spec: Spec, sizing: StackSizing): ComponentRender {
  const names = stackNames(spec);
  const name = names.thanosQuery;
  const ns = names.namespace;
  const labels = componentLabels("thanos-query", name);
  const selector = selectorLabels("thanos-query", name);
  const args = [
    "query",
    HTTP_ADDRESS,
    GRPC_ADDRESS,
    ...replicaLabels(spec, sizing).map((l) => `--query.replica-label=${l}`),
    "--query.auto-downsampling",
    // `--endpoint`, not `--store`: Thanos 0.38 removed the latter (docs/versions.md).
    ...thanosQueryEndpoints(spec, sizing).map((e) => `--endpoint=${e}`),
  ];
  return {
    component: "thanos-query",
    objects: [
      replicatedThanosDeployment(spec, {
        component: "thanos-query",
        name,
        namespace: ns,
        labels,
        selector,
        replicas: spec.thanos.query.replicas,
        args,
        resources: sizing.thanosQuery.resources,
        grpc: true,
      }),
      new Service({
        metadata: { name, namespace: ns, labels },
        spec: {
          selector,
          ports: [
            { name: "http", port: DEFAULT_PORTS.thanosHttp, targetPort: "http" },
            { name: "grpc", port: DEFAULT_PORTS.thanosGrpc, targetPort: "grpc" },
          ],
        },
      }),
      oneAtATimePdb({ name, namespace: ns, labels }, selector),
      serviceMonitor({ name, namespace: ns, labels }, selector, ["http"]),
    ],
  };
}
