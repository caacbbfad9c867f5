/**
 * What a cluster DNS name resolves to (Kubernetes DNS-based service discovery specification,
 * github.com/kubernetes/dns/blob/master/docs/specification.md; kubernetes.io/docs/concepts/services-networking/dns-pod-service/):
 * `<svc>.<ns>.svc.<zone>` (A) and `_<port>._<proto>.<svc>.<ns>.svc.<zone>` (SRV). For a Service with a
 * cluster IP both give the one virtual IP (the SRV target is the Service name itself); only a
 * headless Service (`clusterIP: None`) answers with one record per ready pod.
 */
import { get } from "./json.js";

/** What this module reads of a Service object (an inventory object has this shape). */
interface ServiceObject {
  ref: { name: string; namespace?: string };
  raw: Record<string, unknown>;
}

export interface ServiceName {
  service: string;
  namespace: string;
}

/**
 * The Service a host names: `svc`, `svc.ns`, `svc.ns.svc[.zone]`, with any `scheme://`, `_port._proto.`
 * SRV prefix, path or port removed; undefined for an IP address or a name outside the cluster.
 */
export function serviceOfHost(address: string, defaultNamespace: string): ServiceName | undefined {
  const host = address
    .trim()
    .replace(/^[a-z+]+:\/\//, "")
    .replace(/[/:].*$/, "")
    .replace(/^(_[^.]+\.)+/, "");
  if (host === "" || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return undefined;
  const parts = host.split(".");
  if (parts.length === 1) return { service: parts[0]!, namespace: defaultNamespace };
  if (parts.length === 2 || parts[2] === "svc") return { service: parts[0]!, namespace: parts[1]! };
  return undefined;
}

/** A Service in the input with a cluster IP (not headless, not ExternalName): DNS gives its one virtual IP. */
export function clusterIpServiceNamed<S extends ServiceObject>(
  services: readonly S[],
  ref: ServiceName,
): S | undefined {
  return services.find(
    (s) =>
      s.ref.name === ref.service &&
      (s.ref.namespace ?? "default") === ref.namespace &&
      get(s.raw, "spec", "clusterIP") !== "None" &&
      get(s.raw, "spec", "type") !== "ExternalName",
  );
}
