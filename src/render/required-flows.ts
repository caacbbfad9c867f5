/**
 * The network flows the stack needs, as data. NetworkPolicies are derived from this table, so a
 * rendered allow rule exists exactly when a flow needs it (default deny plus these flows).
 */
import type { Spec } from "../spec/schema.js";
import type { ComponentName } from "./stack-facts.js";
import { KUBERNETES_API_PORTS } from "../k8s/api-server.js";
import { CLUSTER_DNS } from "../upstream/cluster-dns.js";
import { CNPG_OPERATOR, CNPG_PORTS } from "../upstream/cloudnative-pg.js";
import { DEFAULT_PORTS } from "../upstream/ports.js";
import { features } from "../spec/features.js";
import { KUBE_STATE_METRICS, NODE_EXPORTER } from "../upstream/cluster-targets.js";
import { selectorLabels, stackNames } from "./stack-facts.js";

export type FlowPeer =
  | { kind: "component"; component: Exclude<ComponentName, "platform"> }
  /** Pods in another namespace, by labels (cluster DNS, the CloudNativePG operator). */
  | { kind: "namespace"; namespace: string; podLabels: Record<string, string> }
  /** Addresses outside the cluster (object storage, notification receivers, an external database). */
  | { kind: "external" }
  /** Any address and port: only Prometheus egress, whose scrape targets are cluster-wide and user-defined. */
  | { kind: "any" };

export interface RequiredFlow {
  from: FlowPeer | { kind: "all-stack-pods" };
  to: FlowPeer;
  /** undefined: every port (only with `to: any`). */
  ports?: Array<{ port: number; protocol: "TCP" | "UDP" }>;
  why: string;
  /**
   * Set when the flow serves configuration the user adds after rendering (notification
   * receivers): the rendered configuration does not use it yet, so the audit's unused-rule check
   * is suppressed on its policy with this reason.
   */
  anticipated?: string;
}

const tcp = (...ports: number[]) => ports.map((port) => ({ port, protocol: "TCP" as const }));
const tcpUdp = (port: number) => [
  { port, protocol: "TCP" as const },
  { port, protocol: "UDP" as const },
];
const c = (component: Exclude<ComponentName, "platform">): FlowPeer => ({ kind: "component", component });

/**
 * Egress to object storage, outside the cluster: HTTPS on 443 unless an endpoint names another
 * port (an S3-compatible store such as MinIO). The Thanos components and PostgreSQL's backups share it.
 */
const objectStorage = (from: Exclude<ComponentName, "platform">, why: string, port = 443): RequiredFlow => ({
  from: c(from),
  to: { kind: "external" },
  ports: tcp(port),
  why,
});

/** The port of an http(s) URL: its own, else 443 for https and 80 for http. */
const urlPort = (text: string): number => {
  const url = new URL(text);
  return url.port !== "" ? Number(url.port) : url.protocol === "http:" ? 80 : 443;
};

const clusterDns: FlowPeer = { kind: "namespace", namespace: CLUSTER_DNS.namespace, podLabels: CLUSTER_DNS.podLabels };
const cnpgOperator: FlowPeer = {
  kind: "namespace",
  namespace: CNPG_OPERATOR.namespace,
  podLabels: CNPG_OPERATOR.podLabels,
};

/**
 * The ports Alertmanager sends notifications to: 443 for the integrations' built-in HTTPS URLs
 * (PagerDuty, Opsgenie, Slack), and the port of each webhook and heartbeat URL (80 for http).
 */
function receiverPorts(spec: Spec): number[] {
  const urls = [
    ...(spec.alerting?.receivers ?? []).flatMap((r) => (r.type === "webhook" ? [r.url] : [])),
    ...(spec.alerting?.heartbeat ? [spec.alerting.heartbeat.url] : []),
  ];
  return [...new Set([443, ...urlPorts(urls)])].sort((a, b) => a - b);
}

/** The port of each URL (80 for http and 443 for https when it names none), once each, in order. */
function urlPorts(urls: string[]): number[] {
  return [...new Set(urls.map(urlPort))].sort((a, b) => a - b);
}

/**
 * Users' way to Grafana's port. With `grafana.ingress`, only the ingress controller or Gateway
 * proxy pods the spec names reach it (plus Prometheus' scrape); without, any peer may (a
 * port-forward, a LoadBalancer Service of your own).
 */
function grafanaWayIn(spec: Spec): RequiredFlow[] {
  const ingress = spec.grafana.ingress;
  if (!ingress) {
    return [
      {
        from: { kind: "any" },
        to: c("grafana"),
        ports: tcp(DEFAULT_PORTS.grafanaHttp),
        why: "users (no grafana.ingress: from anywhere), and scrape",
      },
    ];
  }
  return [
    {
      from: { kind: "namespace", namespace: ingress.controller.namespace, podLabels: ingress.controller.podLabels },
      to: c("grafana"),
      ports: tcp(DEFAULT_PORTS.grafanaHttp),
      why: ingress.type === "ingress" ? "users through the ingress controller" : "users through the Gateway",
    },
    { from: c("prometheus"), to: c("grafana"), ports: tcp(DEFAULT_PORTS.grafanaHttp), why: "scrape" },
  ];
}

/** `components`: the rendered ones (the Thanos Ruler depends on the sized shards, not on the spec alone). */
export function requiredFlows(
  spec: Spec,
  components: ReadonlyArray<ComponentName> = features(spec).components,
): RequiredFlow[] {
  const flows: RequiredFlow[] = [
    { from: { kind: "all-stack-pods" }, to: clusterDns, ports: tcpUdp(CLUSTER_DNS.port), why: "DNS" },
    {
      from: c("prometheus"),
      to: { kind: "any" },
      why: "scrape targets across the cluster, the Kubernetes API for discovery, object storage for the sidecar",
    },
    {
      from: c("prometheus"),
      to: c("prometheus"),
      ports: tcp(DEFAULT_PORTS.prometheusWeb, DEFAULT_PORTS.thanosHttp),
      why: "self-monitoring scrape",
    },
    {
      from: c("prometheus"),
      to: c("alertmanager"),
      ports: tcp(DEFAULT_PORTS.alertmanagerWeb),
      why: "alerts to every Alertmanager pod, and scrape",
    },
    {
      from: c("alertmanager"),
      to: c("alertmanager"),
      ports: tcpUdp(DEFAULT_PORTS.alertmanagerCluster),
      why: "cluster gossip",
    },
    {
      from: c("alertmanager"),
      to: { kind: "external" },
      ports: tcp(...receiverPorts(spec)),
      why: "notification receivers (webhook, chat, paging) and the heartbeat",
      // Without an alerting section the routing has no integration yet: the flow is kept for the
      // receivers the user adds, and the audit's unused-rule check is told so.
      ...(spec.alerting
        ? {}
        : {
            anticipated:
              "HTTPS egress is kept for the notification receivers you add (spec alerting.receivers); without them hamon renders the routing with no integration",
          }),
    },
  ];
  const f = features(spec);
  if (spec.targets.nodeExporter) {
    const names = stackNames(spec);
    flows.push({
      from: c("prometheus"),
      // Its own namespace (render/components/node-exporter.ts renders the ingress policy there).
      to: {
        kind: "namespace",
        namespace: names.nodeExporterNamespace,
        podLabels: selectorLabels("node-exporter", names.nodeExporter),
      },
      ports: tcp(NODE_EXPORTER.port),
      why: "scrape node-exporter on every node (the node's address: hostNetwork)",
    });
  }
  if (spec.targets.kubeStateMetrics) {
    flows.push(
      {
        from: c("prometheus"),
        to: c("kube-state-metrics"),
        ports: tcp(KUBE_STATE_METRICS.port, KUBE_STATE_METRICS.telemetryPort),
        why: "scrape: object metrics and its own",
      },
      {
        from: c("kube-state-metrics"),
        to: { kind: "external" },
        ports: tcp(...KUBERNETES_API_PORTS),
        why: "list and watch the objects it reports on, from the Kubernetes API",
      },
    );
  }
  if (f.thanos) {
    flows.push(
      {
        from: c("thanos-query"),
        to: c("prometheus"),
        ports: tcp(DEFAULT_PORTS.thanosGrpc),
        why: "StoreAPI of the sidecars",
      },
      {
        from: c("thanos-query"),
        to: c("thanos-store"),
        ports: tcp(DEFAULT_PORTS.thanosGrpc),
        why: "StoreAPI of the Store Gateways",
      },
      {
        from: c("thanos-query-frontend"),
        to: c("thanos-query"),
        ports: tcp(DEFAULT_PORTS.thanosHttp),
        why: "downstream queries",
      },
      objectStorage("thanos-store", "object storage"),
      objectStorage("thanos-compact", "object storage"),
      ...(["thanos-query", "thanos-query-frontend", "thanos-store", "thanos-compact"] as const).map(
        (t): RequiredFlow => ({ from: c("prometheus"), to: c(t), ports: tcp(DEFAULT_PORTS.thanosHttp), why: "scrape" }),
      ),
    );
  }
  if (components.includes("thanos-ruler")) {
    flows.push(
      {
        from: c("thanos-ruler"),
        to: c("thanos-query"),
        ports: tcp(DEFAULT_PORTS.thanosHttp),
        why: "rule evaluation queries",
      },
      {
        from: c("thanos-ruler"),
        to: c("alertmanager"),
        ports: tcp(DEFAULT_PORTS.alertmanagerWeb),
        why: "alerts to every Alertmanager pod",
      },
      {
        from: c("thanos-query"),
        to: c("thanos-ruler"),
        ports: tcp(DEFAULT_PORTS.thanosGrpc),
        why: "StoreAPI of the Ruler (rule results not yet in the bucket)",
      },
      { from: c("thanos-ruler"), to: { kind: "external" }, ports: tcp(443), why: "object storage" },
      { from: c("prometheus"), to: c("thanos-ruler"), ports: tcp(DEFAULT_PORTS.thanosHttp), why: "scrape" },
    );
  }
  if (f.grafana) {
    flows.push(...grafanaWayIn(spec));
    flows.push(
      {
        from: c("grafana"),
        to: c("grafana"),
        ports: tcpUdp(DEFAULT_PORTS.grafanaAlertingHa),
        why: "unified alerting HA gossip",
      },
      { from: c("grafana"), to: c("thanos-query-frontend"), ports: tcp(DEFAULT_PORTS.thanosHttp), why: "datasource" },
    );
    if (f.redis) {
      flows.push(
        { from: c("grafana"), to: c("redis"), ports: tcp(DEFAULT_PORTS.redis), why: "remote cache" },
        { from: c("prometheus"), to: c("redis"), ports: tcp(DEFAULT_PORTS.redisExporter), why: "scrape" },
      );
    }
    const oauth = spec.grafana.oauth;
    if (oauth) {
      flows.push({
        from: c("grafana"),
        to: { kind: "external" },
        // Grafana's server calls the token and user info endpoints; the browser alone visits auth_url.
        ports: tcp(...urlPorts([oauth.tokenUrl, oauth.apiUrl])),
        why: "identity provider (OAuth token and user info)",
      });
    }
    if (spec.grafana.database.type === "cloudnativepg") {
      flows.push(
        { from: c("grafana"), to: c("postgresql"), ports: tcp(DEFAULT_PORTS.postgres), why: "database" },
        {
          from: c("postgresql"),
          to: c("postgresql"),
          ports: tcp(DEFAULT_PORTS.postgres),
          why: "streaming replication",
        },
        {
          from: cnpgOperator,
          to: c("postgresql"),
          ports: tcp(CNPG_PORTS.status, DEFAULT_PORTS.postgres),
          why: "CloudNativePG operator: instance status and management",
        },
        {
          from: c("postgresql"),
          to: { kind: "external" },
          ports: tcp(...KUBERNETES_API_PORTS),
          why: "instance manager to the Kubernetes API",
        },
        { from: c("prometheus"), to: c("postgresql"), ports: tcp(CNPG_PORTS.metrics), why: "scrape" },
      );
      const backup = spec.grafana.database.backup;
      if (backup) {
        flows.push(
          objectStorage(
            "postgresql",
            "WAL archive and base backups (the Barman Cloud plugin's sidecar in each instance pod)",
            backup.endpointURL !== undefined ? urlPort(backup.endpointURL) : 443,
          ),
        );
      }
    } else {
      flows.push({
        from: c("grafana"),
        to: { kind: "external" },
        // The port the spec's host names (its engine's default when it names none): Grafana connects to exactly it.
        ports: tcp(spec.grafana.database.host.port),
        why: "external database",
      });
    }
  }
  return flows;
}
