/**
 * Label keys that Kubernetes itself sets or defines, once for the whole project
 * (kubernetes.io/docs/reference/labels-annotations-taints/).
 */

/** The zone of a node, set by the cloud provider or the kubelet. */
export const ZONE_LABEL = "topology.kubernetes.io/zone";
/** The zone label before 1.17, deprecated but still read by kube-scheduler's VolumeZone plugin and by old manifests. */
export const LEGACY_ZONE_LABEL = "failure-domain.beta.kubernetes.io/zone";
/** Both zone keys: a topology key of either spreads or separates by zone. */
export const ZONE_LABELS: ReadonlySet<string> = new Set([ZONE_LABEL, LEGACY_ZONE_LABEL]);
/** The node's name as the kubelet reports it: the topology key "per node". */
export const HOSTNAME_LABEL = "kubernetes.io/hostname";
/** The kubelet labels every node with its operating system and architecture (Go's runtime.GOOS and GOARCH). */
export const OS_LABEL = "kubernetes.io/os";
export const ARCH_LABEL = "kubernetes.io/arch";
/** Set by the API server on every Namespace to its name (since 1.21), so that a namespaceSelector can name one. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
