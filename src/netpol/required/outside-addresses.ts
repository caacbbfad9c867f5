/**
 * Addresses that stand for the places outside the cluster the stack talks to. NetworkPolicies
 * can only name outside addresses by ipBlock, and the manifests do not say which addresses an
 * object store or the API server will have, so each is represented by one public documentation
 * address (RFC 5737): a policy that allows it through `0.0.0.0/0` (or any range containing it)
 * is taken to allow the real one. A policy narrowed to the provider's real range is reported
 * blocked: suppress the finding with `hamon.io/ignore` and a reason.
 *
 * The API server: NetworkPolicies are enforced after a Service address is translated, so a pod
 * reaching `kubernetes.default.svc:443` is seen reaching the API server's own address and port,
 * which is outside the pod network (kubernetes.io/docs/concepts/services-networking/network-policies/,
 * "Targeting a Namespace by its name" and the note on the API server), on 443 (managed clusters:
 * GKE, EKS, AKS) or 6443 (kubeadm's default --secure-port).
 */
export const OUTSIDE = {
  kubernetesApi: { ip: "192.0.2.1", ip6: "2001:db8::1", label: "the Kubernetes API server" },
  /** The nodes' own addresses (the kubelet): outside the pod network, like the API server. */
  nodes: { ip: "192.0.2.2", ip6: "2001:db8::2", label: "every node's address" },
  objectStorage: { ip: "203.0.113.10", ip6: "2001:db8::10", label: "object storage (outside the cluster)" },
  users: { ip: "198.51.100.10", ip6: "2001:db8::100", label: "users (outside the cluster)" },
  internet: { ip: "203.0.113.20", ip6: "2001:db8::20", label: "outside the cluster" },
} as const;

/**
 * A place outside the cluster may be reached over IPv4 or IPv6 (dual-stack clusters,
 * kubernetes.io/docs/concepts/services-networking/dual-stack/): each outside flow is required
 * once per family, as alternatives. This is the IPv6 stand-in of an IPv4 one.
 */
export function ipv6Counterpart(ip: string): string | undefined {
  return Object.values(OUTSIDE).find((o) => o.ip === ip)?.ip6;
}

export function outsideLabel(ip: string, host?: string): string {
  const v6 = Object.values(OUTSIDE).find((o) => o.ip6 === ip);
  const known = Object.values(OUTSIDE).find((o) => o.ip === ip) ?? v6;
  const family = v6 ? ", IPv6" : "";
  if (host) return `${host} (outside the cluster${family})`;
  return known ? `${known.label}${v6 ? " over IPv6" : ""}` : `address ${ip}`;
}
