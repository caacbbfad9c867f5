/**
 * The evaluator's view of an inventory (src/inventory/model.ts): one pod per PodGroup (every
 * replica of a group has the same labels and ports, so one stands for all, and a flow from a group
 * to itself stands for a flow between two of its replicas), the namespaces with their labels,
 * and the NetworkPolicies as written.
 */
import type { IContainer } from "kubernetes-models/v1";
import type { Inventory, PodGroup } from "../inventory/model.js";
import type { ClusterNamespace, ClusterPod, ContainerPort, NetworkCluster, NetworkPolicyObject } from "./model.js";
import { INSTANCE_PORTS } from "../upstream/cloudnative-pg.js";
import { generatedPodPorts } from "../upstream/prometheus-operator.js";

/**
 * Ports of the containers that serve: regular containers and sidecar init containers
 * (`restartPolicy: Always`, kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/),
 * plus what an operator adds to the pods of its CRs when the template does not show it.
 */
export function podGroupPorts(group: PodGroup): ContainerPort[] {
  const spec = group.template.spec;
  // Lists of records only: the inventory holds any YAML, and the audit answers on any input.
  const records = <T>(v: unknown): T[] =>
    Array.isArray(v) ? v.filter((x) => typeof x === "object" && x !== null && !Array.isArray(x)) : [];
  const serving: Array<Partial<IContainer>> = [
    ...records<Partial<IContainer>>(spec?.containers),
    ...records<Partial<IContainer>>(spec?.initContainers).filter((c) => c.restartPolicy === "Always"),
  ];
  // The main container: the component's, else the first one written.
  const main = group.mainContainer ?? serving[0]?.name;
  const written: ContainerPort[] = serving.flatMap((c) =>
    records<NonNullable<IContainer["ports"]>[number]>(c.ports).map((p) => ({
      containerPort: p.containerPort,
      ...(p.name ? { name: p.name } : {}),
      ...(p.protocol ? { protocol: p.protocol } : {}),
      ...(c.name !== main ? { sidecar: true } : {}),
    })),
  );
  const names = new Set(written.map((p) => p.name));
  const sidecarPorts = operatorSidecarPorts(group.owner.ref.kind);
  const added = operatorPodPorts(group.owner.ref.kind, group.config.crSpec)
    .filter((p) => !names.has(p.name))
    .map((p) => (sidecarPorts.has(p.name ?? "") ? { ...p, sidecar: true } : p));
  return [...written, ...added];
}

/**
 * Ports of the Prometheus Operator's generated sidecars, not of the component itself: the
 * config-reloader's `reloader-web`, and on a Prometheus the Thanos sidecar's `grpc` and `http`
 * (src/upstream/prometheus-operator.ts generatedPodPorts).
 */
const operatorSidecarPorts = (kind: string): Set<string> =>
  new Set(kind === "Prometheus" ? ["reloader-web", "grpc", "http"] : ["reloader-web"]);

/** Container ports that operators put on the pods of a CR, which no manifest shows: named ports in policies and monitors resolve against them. */
export function operatorPodPorts(kind: string, crSpec: Record<string, unknown> | undefined): ContainerPort[] {
  return kind === "Cluster" ? [...INSTANCE_PORTS] : generatedPodPorts(kind, crSpec);
}

export function podOfGroup(group: PodGroup): ClusterPod {
  return {
    name: group.id,
    namespace: group.namespace,
    labels: group.template.metadata?.labels ?? {},
    ports: podGroupPorts(group),
    ...(group.template.spec?.hostNetwork === true ? { hostNetwork: true } : {}),
  };
}

export function networkClusterFromInventory(inventory: Inventory): NetworkCluster {
  const pods = inventory.podGroups.map(podOfGroup);
  const declared: ClusterNamespace[] = inventory.objects
    .filter((o) => o.ref.kind === "Namespace")
    .map((o) => ({
      name: o.ref.name,
      labels: (o.raw.metadata as { labels?: Record<string, string> } | undefined)?.labels ?? {},
      labelsKnown: true,
    }));
  const seen = new Set(declared.map((n) => n.name));
  const implied = [...new Set(pods.map((p) => p.namespace))]
    .filter((n) => !seen.has(n))
    .map((name) => ({ name, labelsKnown: false }));
  return {
    policies: inventory.networkPolicies.map((o) => o.raw as NetworkPolicyObject),
    pods,
    namespaces: [...declared, ...implied],
  };
}
