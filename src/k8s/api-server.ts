/**
 * The ports pods reach the Kubernetes API server on: NetworkPolicies are enforced after the
 * `kubernetes` Service's address is translated, so a pod is seen reaching kube-apiserver's own
 * secure port: 443 on managed clusters (GKE, EKS, AKS), 6443 on kubeadm (its default
 * `--secure-port`; kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/).
 */
export const KUBERNETES_API_PORTS = [443, 6443] as const;
