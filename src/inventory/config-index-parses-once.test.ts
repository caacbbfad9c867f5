/**
 * A whole audit (the inventory, every rule, the flow analysis) parses each embedded file once,
 * though several readers want most of them: the parsers are wrapped to count the texts they are
 * given, and pass them on to the real ones.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readInventory } from "./read-inventory.js";
import { runAudit } from "../audit/run-audit.js";

const parsed = vi.hoisted(() => new Map<string, number>());
const count = (text: string) => parsed.set(text, (parsed.get(text) ?? 0) + 1);

vi.mock("yaml", async (importOriginal) => {
  const yaml = await importOriginal<typeof import("yaml")>();
  return { ...yaml, parse: (text: string, ...rest: never[]) => (count(text), yaml.parse(text, ...rest)) };
});
vi.mock("./grafana-ini.js", async (importOriginal) => {
  const ini = await importOriginal<typeof import("./grafana-ini.js")>();
  return { ...ini, parseIni: (text: string) => (count(text), ini.parseIni(text)) };
});

const FILES = {
  grafanaIni: "[database]\ntype = postgres\nhost = grafana-db:5432\n[server]\nhttp_port = 3000\n",
  datasources: "apiVersion: 1\ndatasources:\n  - { name: Thanos, type: prometheus, url: http://thanos-query:10902 }\n",
  dashboardNodes: JSON.stringify({ title: "Nodes", panels: [{ targets: [{ expr: "up" }] }] }, null, 2),
  dashboardPods: JSON.stringify({ title: "Pods", panels: [{ targets: [{ expr: "kube_pod_info" }] }] }, null, 2),
  prometheusYml:
    "global: { external_labels: { cluster: a } }\nalerting:\n  alertmanagers: [{ static_configs: [{ targets: ['alertmanager:9093'] }] }]\n",
  alertmanagerYaml: "route: { receiver: x }\nreceivers: [{ name: x }]\n",
  objstoreYml: "type: S3\nconfig: { bucket: metrics, endpoint: minio.mon.svc:9000, insecure: true }\n",
  inlineObjstore: "{type: S3, config: {bucket: metrics, endpoint: s3.eu-west-1.amazonaws.com}}",
};

const indent = (text: string) => text.replace(/^/gm, "    ");
const base64 = (s: string) => Buffer.from(s).toString("base64");

const STACK = `apiVersion: v1
kind: ConfigMap
metadata: { name: grafana-config, namespace: mon }
data:
  grafana.ini: |
${indent(FILES.grafanaIni)}
  datasources.yaml: |
${indent(FILES.datasources)}
---
apiVersion: v1
kind: ConfigMap
metadata: { name: grafana-dashboards, namespace: mon }
data:
  nodes.json: |-
${indent(FILES.dashboardNodes)}
  pods.json: |-
${indent(FILES.dashboardPods)}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: grafana, namespace: mon }
spec:
  replicas: 2
  selector: { matchLabels: { app: grafana } }
  template:
    metadata: { labels: { app: grafana } }
    spec:
      containers: [{ name: grafana, image: docker.io/grafana/grafana:11.2.0 }]
      volumes:
        - { name: config, configMap: { name: grafana-config } }
        - { name: dashboards, configMap: { name: grafana-dashboards } }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: prometheus-config, namespace: mon }
data:
  prometheus.yml: |
${indent(FILES.prometheusYml)}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: prometheus, namespace: mon }
spec:
  replicas: 2
  serviceName: prometheus
  selector: { matchLabels: { app: prometheus } }
  template:
    metadata: { labels: { app: prometheus } }
    spec:
      containers:
        - name: prometheus
          image: quay.io/prometheus/prometheus:v2.54.1
          args: [--config.file=/etc/prometheus/prometheus.yml]
          volumeMounts: [{ name: config, mountPath: /etc/prometheus }]
      volumes: [{ name: config, configMap: { name: prometheus-config } }]
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: mon }
spec: { replicas: 3 }
---
apiVersion: v1
kind: Secret
metadata: { name: alertmanager-main, namespace: mon }
data:
  alertmanager.yaml: ${base64(FILES.alertmanagerYaml)}
---
apiVersion: v1
kind: Secret
metadata: { name: thanos-objstore, namespace: mon }
data:
  objstore.yml: ${base64(FILES.objstoreYml)}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: thanos-store, namespace: mon }
spec:
  replicas: 2
  serviceName: thanos-store
  selector: { matchLabels: { app: thanos-store } }
  template:
    metadata: { labels: { app: thanos-store } }
    spec:
      containers:
        - name: thanos
          image: quay.io/thanos/thanos:v0.36.1
          args: [store, --objstore.config-file=/etc/objstore/objstore.yml]
          volumeMounts: [{ name: objstore, mountPath: /etc/objstore }]
      volumes: [{ name: objstore, secret: { secretName: thanos-objstore } }]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: thanos-compact, namespace: mon }
spec:
  replicas: 1
  serviceName: thanos-compact
  selector: { matchLabels: { app: thanos-compact } }
  template:
    metadata: { labels: { app: thanos-compact } }
    spec:
      containers:
        - name: thanos
          image: quay.io/thanos/thanos:v0.36.1
          args: [compact, '--objstore.config=${FILES.inlineObjstore}']
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: mon }
spec: { podSelector: {}, policyTypes: [Ingress, Egress] }
`;

describe("an audit parses each embedded file once", () => {
  const jsonParse = JSON.parse;
  beforeAll(() => {
    JSON.parse = (text: string, reviver?: Parameters<typeof jsonParse>[1]) => {
      if (Object.values(FILES).includes(text)) count(text);
      return jsonParse(text, reviver) as unknown;
    };
  });
  afterAll(() => {
    JSON.parse = jsonParse;
  });

  it("grafana.ini, datasources, prometheus.yml, alertmanager.yaml and bucket configs, each once; plain dashboards not at all", () => {
    parsed.clear(); // the manifest stream itself is read by parseAllDocuments, not counted
    const inventory = readInventory([{ file: "stack.yaml", text: STACK }]);
    const result = runAudit(inventory);
    expect(result.ruleErrors).toEqual([]);
    // The readers found what they read: the inventory took the configurations, the flows the datasource and the bucket.
    const grafana = inventory.podGroups.find((g) => g.component === "grafana");
    expect(grafana?.config.grafanaIni?.database?.type).toBe("postgres");
    expect(inventory.podGroups.find((g) => g.component === "prometheus")?.config.prometheusYaml).toBeDefined();
    expect(inventory.podGroups.find((g) => g.component === "alertmanager")?.config.alertmanagerYaml).toBeDefined();
    // Dashboards are read by the inline-secret rule only, which leaves a JSON file whose text names
    // no credential unparsed (_credentials.ts jsonMayHoldCredential): these two, never.
    const unread = new Set(["dashboardNodes", "dashboardPods"]);
    for (const [name, text] of Object.entries(FILES))
      expect([name, parsed.get(text) ?? 0]).toEqual([name, unread.has(name) ? 0 : 1]);
  });
});
