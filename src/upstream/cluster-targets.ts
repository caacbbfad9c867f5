/**
 * The cluster's own metrics endpoints and the exporters that expose the rest, as upstream ships
 * them (their images: src/upstream/versions.ts): node-exporter, kube-state-metrics, the kubelet (with cAdvisor and probes), the API server
 * and CoreDNS. Render writes monitors from these; the flows and PREREQUISITES.md speak of them.
 */

/**
 * node-exporter: `--web.listen-address` default `:9100` (node_exporter --help); it reads the
 * host's /proc, /sys and root filesystem, so it runs with hostNetwork, hostPID and the host's `/`
 * mounted read-only at `--path.rootfs` (github.com/prometheus/node_exporter README, "Docker").
 */
export const NODE_EXPORTER = {
  port: 9100,
  /** Where the host's root filesystem is mounted in the container, read-only. */
  hostRootMount: "/host/root",
} as const;

/**
 * kube-state-metrics: the object metrics on `--port` 8080 and its own metrics on
 * `--telemetry-port` 8081 (kube-state-metrics docs/developer/cli-arguments.md); its image runs as
 * 65534 (examples/standard/deployment.yaml).
 */
export const KUBE_STATE_METRICS = {
  port: 8080,
  telemetryPort: 8081,
} as const;

/**
 * The kubelet Service the Prometheus Operator maintains when started with
 * `--kubelet-service=kube-system/kubelet`: one endpoint per node's InternalIP, port `https-metrics`
 * 10250 (prometheus-operator pkg/kubelet/controller.go; Documentation/getting-started/installation.md).
 * The kubelet serves its own metrics on `/metrics`, cAdvisor's on `/metrics/cadvisor` and probe
 * results on `/metrics/probes` (kubernetes.io/docs/reference/instrumentation/metrics/,
 * kubernetes.io/docs/concepts/cluster-administration/system-metrics/).
 */
export const KUBELET_SERVICE = {
  namespace: "kube-system",
  name: "kubelet",
  /** The label the operator puts on that Service (pkg/kubelet/controller.go). */
  labels: { "app.kubernetes.io/name": "kubelet" },
  port: 10250,
  portName: "https-metrics",
  paths: ["/metrics", "/metrics/cadvisor", "/metrics/probes"],
} as const;

/**
 * The API server, behind the `kubernetes` Service in `default` whose port is named `https`
 * (kubernetes.io/docs/concepts/services-networking/service/, "kubernetes" Service created by the
 * API server); its endpoints carry the label `component: apiserver` and `provider: kubernetes`.
 */
export const API_SERVER_SERVICE = {
  namespace: "default",
  name: "kubernetes",
  labels: { component: "apiserver", provider: "kubernetes" },
  portName: "https",
} as const;

/**
 * CoreDNS serves Prometheus metrics on 9153 with the `prometheus` plugin
 * (coredns.io/plugins/metrics/). kubeadm's `kube-dns` Service in kube-system exposes it as port
 * `metrics` and is labelled `k8s-app: kube-dns` (kubernetes cmd/kubeadm/app/phases/addons/dns/manifests.go);
 * EKS and AKS keep that label, but the Service's labels and ports differ by distribution (GKE's
 * default kube-dns has no 9153 at all): the spec's `targets.coreDns.serviceLabels` says which.
 */
export const COREDNS_METRICS = {
  namespace: "kube-system",
  serviceLabels: { "k8s-app": "kube-dns" },
  podLabels: { "k8s-app": "kube-dns" },
  portName: "metrics",
  port: 9153,
} as const;

/** Where every in-cluster client finds its service account token and the API server's CA. */
export const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
