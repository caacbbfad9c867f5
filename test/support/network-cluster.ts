/** Test helpers: small clusters written by hand. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import type {
  ClusterNamespace,
  ClusterPod,
  ContainerPort,
  Endpoint,
  NetworkCluster,
  NetworkPolicyObject,
} from "../../src/netpol/model.js";

export function pod(
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
  ports: ContainerPort[] = [],
): ClusterPod {
  return { namespace, name, labels, ports };
}

export const at = (p: ClusterPod): Endpoint => ({ kind: "pod", pod: p });
export const ip = (address: string): Endpoint => ({ kind: "ip", ip: address });

/** Every document of a YAML text, as NetworkPolicy objects. */
export function policies(yamlText: string): NetworkPolicyObject[] {
  return parseAllDocuments(yamlText)
    .map((d) => d.toJS() as NetworkPolicyObject | null)
    .filter((d): d is NetworkPolicyObject => d !== null);
}

export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/netpol/${name}`, import.meta.url)), "utf8");
}

export function cluster(
  ps: NetworkPolicyObject[],
  pods: ClusterPod[],
  namespaces: ClusterNamespace[] = [],
): NetworkCluster {
  return { policies: ps, pods, namespaces };
}
