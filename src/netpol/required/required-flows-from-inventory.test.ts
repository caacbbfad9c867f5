/** Each derivation on small inputs: what a component's configuration asks for, and what it does not. */
import { describe, expect, it } from "vitest";
import { readInventory } from "../../inventory/read-inventory.js";
import { analyzeFlows, requiredFlowMatrix } from "./flow-analysis.js";

function flowsOf(yaml: string) {
  const a = analyzeFlows(readInventory([{ file: "t.yaml", text: yaml }]));
  const rows = requiredFlowMatrix(a);
  return {
    a,
    rows,
    lines: rows
      .filter((r) => !r.why.startsWith("name resolution") && !/IPv6/.test(r.from + r.to))
      .map((r) => `${r.from} → ${r.to} ${r.port}`),
  };
}

const deployment = (
  name: string,
  args: string[],
  extra = "",
  ns = "monitoring",
  image = "quay.io/thanos/thanos:v0.36.1",
) => `
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${ns} }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      ${extra}
      containers:
        - name: main
          image: ${image}
          args: ${JSON.stringify(args)}
          ports: [{ name: grpc, containerPort: 10901 }, { name: http, containerPort: 10902 }]
`;
const service = (name: string, app: string, ports: string, ns = "monitoring", headless = false) => `
---
apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: ${ns} }
spec: { ${headless ? "clusterIP: None, " : ""}selector: { app: ${app} }, ports: ${ports} }
`;
const prometheusCr = (spec: string) => `
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: k8s, namespace: monitoring }
spec: { replicas: 2, ${spec} }
`;

describe("Thanos Query and Query Frontend", () => {
  it("follows --endpoint and --store in every form, through written and operator-made Services", () => {
    const { lines } = flowsOf(
      deployment("query", [
        "query",
        "--endpoint=dns+store.monitoring.svc:10901",
        "--store=prometheus-operated.monitoring.svc:10901",
        "--endpoint=dnssrv+_grpc._tcp.prometheus-operated",
        "--endpoint=remote.example.com:443",
      ]) +
        deployment("store", ["store"]) +
        service("store", "store", "[{ name: grpc, port: 10901, targetPort: grpc }]") +
        prometheusCr("thanos: { version: v0.36.1 }"),
    );
    expect(lines.filter((l) => l.startsWith("Deployment monitoring/query"))).toEqual([
      "Deployment monitoring/query → Deployment monitoring/store TCP/grpc",
      "Deployment monitoring/query → Prometheus monitoring/k8s TCP/grpc",
      "Deployment monitoring/query → remote.example.com (outside the cluster) TCP/443",
    ]);
  });

  it("finds no StoreAPI on prometheus-operated when the Prometheus has no Thanos sidecar", () => {
    const { lines } = flowsOf(
      deployment("query", ["query", "--endpoint=dnssrv+_grpc._tcp.prometheus-operated.monitoring.svc"]) +
        prometheusCr(""),
    );
    expect(lines.filter((l) => l.startsWith("Deployment monitoring/query"))).toEqual([]);
  });

  it("follows the Frontend's downstream URL to Query's pods on the Service's targetPort", () => {
    const { lines } = flowsOf(
      deployment("qf", [
        "query-frontend",
        "--query-frontend.downstream-url=http://query.monitoring.svc.cluster.local:9090",
      ]) +
        deployment("query", ["query"]) +
        service("query", "query", "[{ name: http, port: 9090, targetPort: 10902 }]"),
    );
    expect(lines.filter((l) => l.startsWith("Deployment monitoring/qf"))).toEqual([
      "Deployment monitoring/qf → Deployment monitoring/query TCP/10902",
    ]);
  });
});

describe("Grafana", () => {
  const grafana = (env: string, ini = "", podExtra = "") =>
    `
---
apiVersion: v1
kind: ConfigMap
metadata: { name: grafana-ini, namespace: monitoring }
data:
  grafana.ini: |
${ini
  .split("\n")
  .map((l) => `    ${l}`)
  .join("\n")}
---
apiVersion: v1
kind: ConfigMap
metadata: { name: sidecar-datasources, namespace: monitoring, labels: { grafana_datasource: "1" } }
data:
  ds.yaml: |
    apiVersion: 1
    datasources: [{ name: P, type: prometheus, url: "http://prometheus-operated.monitoring.svc:9090" }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: grafana, namespace: monitoring }
spec:
  replicas: 2
  selector: { matchLabels: { app: grafana } }
  template:
    metadata: { labels: { app: grafana } }
    spec:
      ${podExtra}
      containers:
        - name: grafana
          image: grafana/grafana:11.3.0
          env: ${env}
          ports: [{ name: http, containerPort: 3001 }, { name: gossip-tcp, containerPort: 9094 }, { name: gossip-udp, containerPort: 9094, protocol: UDP }]
      volumes: [{ name: ini, configMap: { name: grafana-ini } }]
---
apiVersion: v1
kind: Service
metadata: { name: grafana-peers, namespace: monitoring }
spec: { clusterIP: None, selector: { app: grafana }, ports: [{ name: t, port: 9094, targetPort: gossip-tcp }, { name: u, port: 9094, targetPort: gossip-udp, protocol: UDP }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: redis, namespace: cache }
spec:
  selector: { matchLabels: { app: redis } }
  template:
    metadata: { labels: { app: redis } }
    spec: { containers: [{ name: redis, image: redis:7, ports: [{ name: redis, containerPort: 6379 }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: redis, namespace: cache }
spec: { selector: { app: redis }, ports: [{ port: 6379, targetPort: redis }] }
` + prometheusCr("");

  it("reads datasources, database, cache, HA peers and its HTTP port from grafana.ini and GF_ env", () => {
    const { lines } = flowsOf(
      grafana(
        `[{ name: GF_DATABASE_URL, value: "mysql://grafana:x@db.example.com/grafana" }, { name: GF_REMOTE_CACHE_TYPE, value: redis }, { name: GF_REMOTE_CACHE_CONNSTR, value: "addr=redis.cache.svc:6379,db=0" }]`,
        "[server]\nhttp_port = 3001\n[unified_alerting]\nha_peers = grafana-peers:9094",
      ),
    );
    expect(lines.filter((l) => l.includes("grafana")).sort()).toEqual([
      "Deployment monitoring/grafana → Deployment cache/redis TCP/redis",
      "Deployment monitoring/grafana → Deployment monitoring/grafana (another replica) TCP/gossip-tcp",
      "Deployment monitoring/grafana → Deployment monitoring/grafana (another replica) UDP/gossip-udp",
      "Deployment monitoring/grafana → Prometheus monitoring/k8s TCP/web",
      "Deployment monitoring/grafana → db.example.com (outside the cluster) TCP/3306",
      "users (outside the cluster) → Deployment monitoring/grafana TCP/3001",
    ]);
  });

  it("asks for no database flow on SQLite, no cache or peers when unset", () => {
    const { lines } = flowsOf(grafana("[]"));
    expect(lines.filter((l) => l.includes("grafana")).sort()).toEqual([
      "Deployment monitoring/grafana → Prometheus monitoring/k8s TCP/web",
      "users (outside the cluster) → Deployment monitoring/grafana TCP/3000",
    ]);
  });
});

describe("Alertmanager and Prometheus", () => {
  const am = (args: string[], config: string) => `
---
apiVersion: v1
kind: ConfigMap
metadata: { name: am, namespace: monitoring }
data:
  alertmanager.yml: |
${config
  .split("\n")
  .map((l) => `    ${l}`)
  .join("\n")}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: alertmanager, namespace: monitoring }
spec:
  replicas: 2
  serviceName: am-peers
  selector: { matchLabels: { app: am } }
  template:
    metadata: { labels: { app: am } }
    spec:
      containers:
        - name: alertmanager
          image: quay.io/prometheus/alertmanager:v0.27.0
          args: ${JSON.stringify(args)}
          ports: [{ name: web, containerPort: 9093 }]
      volumes: [{ name: c, configMap: { name: am } }]
${service("am-peers", "am", "[{ name: web, port: 9093 }]", "monitoring", true)}`;

  it("gossips with --cluster.peer over TCP and UDP, and sends to each receiver's host", () => {
    const { lines } = flowsOf(
      am(
        [
          "--config.file=/etc/am/alertmanager.yml",
          "--cluster.peer=alertmanager-0.am-peers.monitoring.svc:9094",
          "--cluster.peer=alertmanager-1.am-peers.monitoring.svc:9094",
        ],
        "route: { receiver: team }\nreceivers:\n  - name: team\n    slack_configs: [{ api_url: 'https://hooks.slack.com/services/T/B/X' }]\n    pagerduty_configs: [{ routing_key: abc }]\n  - name: silent",
      ),
    );
    expect(lines.sort()).toEqual([
      "StatefulSet monitoring/alertmanager → StatefulSet monitoring/alertmanager (another replica) TCP/9094",
      "StatefulSet monitoring/alertmanager → StatefulSet monitoring/alertmanager (another replica) UDP/9094",
      "StatefulSet monitoring/alertmanager → hooks.slack.com (outside the cluster) TCP/443",
      "StatefulSet monitoring/alertmanager → outside the cluster TCP/443",
    ]);
  });

  it("sends a plain Prometheus' alerts to static targets and kubernetes_sd Alertmanagers; scrapes static targets of the input", () => {
    const prom = `
---
apiVersion: v1
kind: ConfigMap
metadata: { name: prom, namespace: monitoring }
data:
  prometheus.yml: |
    alerting:
      alertmanagers:
        - static_configs: [{ targets: ["am-peers:9093"] }]
        - kubernetes_sd_configs: [{ role: pod, namespaces: { names: [monitoring] } }]
    scrape_configs:
      - job_name: am
        static_configs: [{ targets: ["am-peers.monitoring.svc:9093", "node.example.com:9100"] }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: prometheus, namespace: monitoring }
spec:
  selector: { matchLabels: { app: prom } }
  template:
    metadata: { labels: { app: prom } }
    spec:
      containers: [{ name: prometheus, image: quay.io/prometheus/prometheus:v2.53.2, args: [--config.file=/etc/prometheus/prometheus.yml] }]
      volumes: [{ name: c, configMap: { name: prom } }]
`;
    const { rows } = flowsOf(
      prom + am(["--config.file=/etc/am/alertmanager.yml"], "route: { receiver: x }\nreceivers: [{ name: x }]"),
    );
    const fromProm = rows.filter((r) => r.from === "Deployment monitoring/prometheus" && !r.why.startsWith("name"));
    expect(fromProm.map((r) => `${r.to} ${r.port}: ${r.why.split(" ").slice(0, 1)}`)).toEqual([
      // static target and kubernetes_sd merge into one flow on the same port, both reasons kept
      "StatefulSet monitoring/alertmanager TCP/9093: alerts:",
      "StatefulSet monitoring/alertmanager TCP/web: alerts:",
      "the Kubernetes API server TCP/443: Kubernetes",
      "the Kubernetes API server over IPv6 TCP/443: Kubernetes",
      "the Kubernetes API server TCP/6443: Kubernetes",
      "the Kubernetes API server over IPv6 TCP/6443: Kubernetes",
    ]);
    expect(fromProm[0]?.why).toContain(
      'scrape: Deployment monitoring/prometheus job "am" target am-peers.monitoring.svc:9093',
    );
  });

  it("scrapes only the monitors a Prometheus CR selects, in the namespaces it selects", () => {
    const monitors = `
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: { name: store, namespace: monitoring, labels: { team: a } }
spec: { selector: { matchLabels: {} }, endpoints: [{ port: http }] }
---
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: { name: other, namespace: apps, labels: { team: a } }
spec: { selector: { matchLabels: { app: store } }, namespaceSelector: { any: true }, podMetricsEndpoints: [{ port: http }] }
${deployment("store", ["store"])}
${service("store", "store", "[{ name: http, port: 10902, targetPort: http }]")}`;
    const scrapes = (spec: string) =>
      flowsOf(prometheusCr(spec) + monitors)
        .rows.filter((r) => r.why.startsWith("scrape"))
        .flatMap((r) => r.why.split("; ").map((w) => w.replace(/.*monitor /, "")));
    expect(scrapes("")).toEqual([]);
    expect(scrapes("serviceMonitorSelector: {}, podMonitorSelector: { matchLabels: { team: a } }")).toEqual([
      "monitoring/store",
    ]);
    expect(scrapes("serviceMonitorSelector: {}, podMonitorSelector: {}, podMonitorNamespaceSelector: {}")).toEqual([
      "monitoring/store",
      "apps/other",
    ]);
  });
});

describe("DNS, the API server, object storage, CloudNativePG", () => {
  it("sends to cluster DNS only pods that use it (dnsPolicy and host network)", () => {
    const { rows } = flowsOf(
      deployment("a", ["store"]) +
        deployment("b", ["store"], "hostNetwork: true") +
        deployment(
          "c",
          ["store"],
          "{ hostNetwork: true, dnsPolicy: ClusterFirstWithHostNet }".slice(2, -2).replace(", ", "\n      "),
        ) +
        deployment("d", ["store"], "dnsPolicy: None"),
    );
    expect(
      [
        ...new Set(rows.filter((r) => r.why.startsWith("name resolution")).map((r) => `${r.from} → ${r.to} ${r.port}`)),
      ].sort(),
    ).toEqual([
      "Deployment monitoring/a → kube-system/cluster DNS (assumed) TCP/53",
      "Deployment monitoring/a → kube-system/cluster DNS (assumed) UDP/53",
      "Deployment monitoring/c → kube-system/cluster DNS (assumed) TCP/53",
      "Deployment monitoring/c → kube-system/cluster DNS (assumed) UDP/53",
    ]);
  });

  it("sends to the API server the pods RBAC grants permissions to, unless their token is not mounted", () => {
    const rbac = (sa: string) => `
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ${sa} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
subjects: [{ kind: ServiceAccount, name: ${sa}, namespace: monitoring }]
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: ${sa}, namespace: monitoring }
automountServiceAccountToken: false
`;
    const { rows } = flowsOf(
      rbac("ksm") +
        rbac("op") +
        deployment(
          "ksm",
          [],
          "serviceAccountName: ksm",
          "monitoring",
          "registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0",
        ) +
        deployment(
          "op",
          [],
          "serviceAccountName: op\n      automountServiceAccountToken: true",
          "monitoring",
          "quay.io/prometheus-operator/prometheus-operator:v0.76.0",
        ) +
        deployment("none", [], "", "monitoring", "nginx"),
    );
    expect([...new Set(rows.filter((r) => r.why.startsWith("Kubernetes API")).map((r) => r.from))]).toEqual([
      "Deployment monitoring/op",
    ]);
  });

  it("reaches the bucket's endpoint: an in-cluster MinIO by its Service, otherwise outside on 443", () => {
    const store = (objstore: string) =>
      deployment("store", ["store", `--objstore.config=${objstore}`]) +
      deployment("minio", [], "", "storage", "quay.io/minio/minio") +
      service("minio", "minio", "[{ port: 9000, targetPort: 9000 }]", "storage");
    const bucket = (objstore: string) =>
      flowsOf(store(objstore)).lines.filter((l) => l.startsWith("Deployment monitoring/store"));
    expect(bucket("{type: S3, config: {bucket: b, endpoint: 'minio.storage.svc:9000', insecure: true}}")).toEqual([
      "Deployment monitoring/store → Deployment storage/minio TCP/9000",
    ]);
    expect(bucket("{type: S3, config: {bucket: b, endpoint: s3.eu-west-1.amazonaws.com}}")).toEqual([
      "Deployment monitoring/store → s3.eu-west-1.amazonaws.com (outside the cluster) TCP/443",
    ]);
    expect(bucket("{type: GCS, config: {bucket: b}}")).toEqual([
      "Deployment monitoring/store → object storage (outside the cluster) TCP/443",
    ]);
  });

  it("replicates a CloudNativePG Cluster only with several instances; its operator is assumed", () => {
    const cnpg = (instances: number) => `
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: { name: db, namespace: monitoring }
spec: { instances: ${instances}, storage: { size: 1Gi } }
`;
    expect(flowsOf(cnpg(1)).lines.filter((l) => l.includes("(another replica)"))).toEqual([]);
    const three = flowsOf(cnpg(3));
    expect(three.lines.filter((l) => l.includes("(another replica)"))).toEqual([
      "Cluster monitoring/db → Cluster monitoring/db (another replica) TCP/5432",
    ]);
    expect(three.a.context.assumed.map((p) => p.pod.namespace)).toEqual(["kube-system", "cnpg-system"]);
  });
});

describe("alternatives", () => {
  it("requires each outside flow over IPv4 or IPv6, as alternatives", () => {
    const { rows } = flowsOf(deployment("query", ["query", "--endpoint=remote.example.com:443"]));
    expect(
      rows.filter((r) => r.from === "Deployment monitoring/query" && r.to.startsWith("remote")).map((r) => r.to),
    ).toEqual(["remote.example.com (outside the cluster)", "remote.example.com (outside the cluster, IPv6)"]);
  });

  it("takes the API server need as met on one port and one IP family", () => {
    const policy = (cidr: string, port: number) => `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: p, namespace: monitoring }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to: [{ ipBlock: { cidr: "${cidr}" } }]
      ports: [{ port: ${port} }]
    - to: [{ namespaceSelector: {}, podSelector: { matchLabels: { k8s-app: kube-dns } } }]
      ports: [{ port: 53, protocol: UDP }, { port: 53 }]
`;
    const blockedApi = (p: string) => flowsOf(prometheusCr("") + p).a.blocked.map((j) => j.flow.why.split(":")[0]);
    expect(blockedApi(policy("::/0", 6443))).toEqual([]);
    expect(blockedApi(policy("0.0.0.0/0", 443))).toEqual([]);
    expect(new Set(blockedApi(policy("10.0.0.0/8", 443)))).toEqual(new Set(["Kubernetes API"]));
  });
});
