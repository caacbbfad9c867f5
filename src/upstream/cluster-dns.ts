/**
 * Cluster DNS as kubeadm, EKS, GKE and AKS install it: CoreDNS (or kube-dns) pods labelled
 * `k8s-app: kube-dns` in `kube-system`, serving port 53 over UDP and TCP (TCP for answers too
 * large for UDP, RFC 7766) (kubernetes.io/docs/tasks/administer-cluster/dns-custom-nameservers/).
 */
export const CLUSTER_DNS = {
  namespace: "kube-system",
  podLabels: { "k8s-app": "kube-dns" },
  port: 53,
} as const;

/** The container ports of a cluster DNS pod. */
export const CLUSTER_DNS_PORTS = [
  { name: "dns", containerPort: CLUSTER_DNS.port, protocol: "UDP" as const },
  { name: "dns-tcp", containerPort: CLUSTER_DNS.port, protocol: "TCP" as const },
];
