/**
 * ServiceMonitors of the cluster's own endpoints: the kubelet (its metrics, cAdvisor and probes),
 * the API server and CoreDNS. They live in the stack's namespace and point at kube-system or
 * default with `namespaceSelector.matchNames`, so that the Prometheus CR's selectors (spec
 * `targets.serviceMonitors`) select them with hamon's other monitors.
 */
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";
import type { Spec } from "../../spec/schema.js";
import type { ComponentRender, Manifest } from "../manifest.js";
import { componentLabels, stackNames } from "../stack-facts.js";
import {
  API_SERVER_SERVICE,
  COREDNS_METRICS,
  KUBELET_SERVICE,
  SERVICE_ACCOUNT_DIR,
} from "../../upstream/cluster-targets.js";

/** Prometheus' own service account token, which its ClusterRole lets read nodes/metrics and /metrics. */
const TOKEN_FILE = `${SERVICE_ACCOUNT_DIR}/token`;
const CLUSTER_CA = `${SERVICE_ACCOUNT_DIR}/ca.crt`;

export function renderClusterMonitors(spec: Spec): ComponentRender {
  const names = stackNames(spec);
  const ns = names.namespace;
  const labels = componentLabels("cluster-monitors", "hamon");
  const t = spec.targets;
  const objects: Manifest[] = [];
  if (t.kubelet) {
    objects.push(
      new ServiceMonitor({
        metadata: { name: "kubelet", namespace: ns, labels },
        spec: {
          namespaceSelector: { matchNames: [KUBELET_SERVICE.namespace] },
          selector: { matchLabels: { ...KUBELET_SERVICE.labels } },
          // The endpoint's node name as `node`, so that kubelet, cAdvisor and node-exporter series join.
          attachMetadata: { node: false },
          endpoints: KUBELET_SERVICE.paths.map((path) => ({
            port: KUBELET_SERVICE.portName,
            path,
            scheme: "https" as const,
            // The kubelet's serving certificate is self-signed unless serverTLSBootstrap is on
            // (kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/), so its
            // name cannot be checked against the cluster CA everywhere; the token still
            // authenticates Prometheus to it.
            tlsConfig: { insecureSkipVerify: true },
            bearerTokenFile: TOKEN_FILE,
            honorLabels: true,
            honorTimestamps: path !== "/metrics/cadvisor",
            relabelings: [
              { sourceLabels: ["__metrics_path__"], targetLabel: "metrics_path" },
              { sourceLabels: ["__meta_kubernetes_endpoint_address_target_name"], targetLabel: "node" },
            ],
          })),
        },
      }),
    );
  }
  if (t.apiServer) {
    objects.push(
      new ServiceMonitor({
        metadata: { name: "apiserver", namespace: ns, labels },
        spec: {
          namespaceSelector: { matchNames: [API_SERVER_SERVICE.namespace] },
          selector: { matchLabels: { ...API_SERVER_SERVICE.labels } },
          endpoints: [
            {
              port: API_SERVER_SERVICE.portName,
              scheme: "https",
              // The API server's certificate is signed by the cluster CA for the name `kubernetes`.
              tlsConfig: { caFile: CLUSTER_CA, serverName: API_SERVER_SERVICE.name },
              bearerTokenFile: TOKEN_FILE,
            },
          ],
        },
      }),
    );
  }
  if (t.coreDns.enabled) {
    objects.push(
      new ServiceMonitor({
        metadata: { name: "coredns", namespace: ns, labels },
        spec: {
          namespaceSelector: { matchNames: [COREDNS_METRICS.namespace] },
          selector: { matchLabels: { ...t.coreDns.serviceLabels } },
          endpoints: [{ port: COREDNS_METRICS.portName }],
        },
      }),
    );
  }
  return { component: "cluster-monitors", objects };
}
