/**
 * Test helpers: hamon's rendered stack as a NetworkCluster (pods from the rendered workloads and
 * Operator CRs, with the ports their operators give them), and `requiredFlows` expanded to
 * concrete endpoint-to-endpoint flows.
 */
import { renderedPods, type RenderedView } from "./rendered.js";
import type { FlowPeer, RequiredFlow } from "../../src/render/required-flows.js";
import { CLUSTER_DNS, CLUSTER_DNS_PORTS } from "../../src/upstream/cluster-dns.js";
import { CNPG_OPERATOR, INSTANCE_NAME_LABEL, instancePodLabels } from "../../src/upstream/cloudnative-pg.js";
import { COMPONENT_LABEL } from "../../src/vocabulary.js";
import type {
  ClusterPod,
  ContainerPort,
  Endpoint,
  Flow,
  NetworkCluster,
  NetworkPolicyObject,
} from "../../src/netpol/model.js";
import { operatorPodPorts } from "../../src/netpol/from-inventory.js";

/** Addresses outside the cluster: one IPv4, one IPv6 (hamon's "anywhere" rules carry both families). */
export const EXTERNAL_IPS = ["203.0.113.10", "2001:db8::10"];
/** A workload of some other team, for "any" peers: a source (an ingress controller) and a scrape target. */
export const ELSEWHERE_SOURCE: ClusterPod = {
  namespace: "ingress",
  name: "controller-0",
  labels: { app: "ingress" },
  ports: [],
};
export const ELSEWHERE_TARGET: ClusterPod = {
  namespace: "apps",
  name: "shop-0",
  labels: { app: "shop" },
  ports: [{ name: "metrics", containerPort: 8080 }],
};
/** Sample ports for flows whose ports are "any": HTTPS, the API server, a typical exporter. */
export const ANY_PORTS = [443, 6443, 8080, 9100];

export function hamonCluster(v: RenderedView): NetworkCluster {
  const ns = v.spec.namespace;
  const pods: ClusterPod[] = [];
  for (const p of renderedPods(v)) {
    const kind = p.owner.split("/")[0] as string;
    const written: ContainerPort[] = p.containers.flatMap((c) =>
      (c.ports ?? []).map((cp: ContainerPort) => ({ ...cp })),
    );
    const ports = [...written, ...operatorPodPorts(kind, p.pod)];
    // Two replicas where there are two or more, so that flows between peers of one component have two ends.
    for (let i = 0; i < Math.min(p.replicas ?? 1, 2); i++) {
      pods.push({
        namespace: p.namespace,
        name: `${p.owner.replace(/[/#]/g, "-").toLowerCase()}-${i}`,
        labels: p.labels,
        ports,
      });
    }
  }
  for (const c of v.byKind("Cluster")) {
    for (let i = 1; i <= Math.min(c.spec.instances, 2); i++) {
      pods.push({
        namespace: ns,
        name: `${c.metadata.name}-${i}`,
        labels: {
          ...c.spec.inheritedMetadata?.labels,
          ...instancePodLabels(c.metadata.name),
          [INSTANCE_NAME_LABEL]: `${c.metadata.name}-${i}`,
        },
        ports: operatorPodPorts("Cluster", c.spec),
      });
    }
  }
  pods.push(
    {
      namespace: CNPG_OPERATOR.namespace,
      name: "cnpg-controller-manager-0",
      labels: CNPG_OPERATOR.podLabels,
      ports: [{ name: "webhook-server", containerPort: CNPG_OPERATOR.webhookPort }],
    },
    {
      namespace: CLUSTER_DNS.namespace,
      name: "coredns-0",
      labels: CLUSTER_DNS.podLabels,
      ports: CLUSTER_DNS_PORTS,
    },
    ELSEWHERE_SOURCE,
    ELSEWHERE_TARGET,
  );
  // The ingress controller or Gateway proxy that grafana.ingress names, where it says it runs.
  const proxy = v.spec.grafana.ingress?.controller;
  if (proxy)
    pods.push({ namespace: proxy.namespace, name: "route-proxy-0", labels: { ...proxy.podLabels }, ports: [] });
  const policies = v.byKind("NetworkPolicy") as NetworkPolicyObject[];
  const namespaces = [...new Set(pods.map((p) => p.namespace))].map((name) => ({ name }));
  return { policies, pods, namespaces };
}

function endpoints(
  cluster: NetworkCluster,
  stackNs: string,
  peer: FlowPeer | { kind: "all-stack-pods" },
  role: "from" | "to",
): Endpoint[] {
  const pod = (p: ClusterPod): Endpoint => ({ kind: "pod", pod: p });
  const external = EXTERNAL_IPS.map((ip): Endpoint => ({ kind: "ip", ip }));
  switch (peer.kind) {
    case "component":
      return cluster.pods
        .filter((p) => p.namespace === stackNs && p.labels[COMPONENT_LABEL] === peer.component)
        .map(pod);
    case "all-stack-pods":
      return cluster.pods.filter((p) => p.namespace === stackNs).map(pod);
    case "namespace":
      return cluster.pods
        .filter(
          (p) => p.namespace === peer.namespace && Object.entries(peer.podLabels).every(([k, v]) => p.labels[k] === v),
        )
        .map(pod);
    case "external":
      return external;
    case "any":
      return [...external, pod(role === "from" ? ELSEWHERE_SOURCE : ELSEWHERE_TARGET)];
  }
}

export interface ExpandedFlow extends Flow {
  /** The required flow this comes from. */
  why: string;
}

/** Every (source, destination, port) that a required flow stands for; throws when a peer matches no endpoint. */
export function expandRequiredFlows(cluster: NetworkCluster, stackNs: string, flows: RequiredFlow[]): ExpandedFlow[] {
  const out: ExpandedFlow[] = [];
  for (const f of flows) {
    const froms = endpoints(cluster, stackNs, f.from, "from");
    const tos = endpoints(cluster, stackNs, f.to, "to");
    if (froms.length === 0 || tos.length === 0)
      throw new Error(
        `required flow "${f.why}" has no ${froms.length === 0 ? "source" : "destination"} pod in the rendered stack`,
      );
    const ports = f.ports ?? ANY_PORTS.map((port) => ({ port, protocol: "TCP" as const }));
    for (const from of froms) {
      for (const to of tos) {
        if (from.kind === "pod" && to.kind === "pod" && from.pod === to.pod) continue;
        for (const p of ports) out.push({ from, to, port: p.port, protocol: p.protocol, why: f.why });
      }
    }
  }
  return out;
}
