import { describe, expect, it } from "vitest";
import { readInventory } from "./read-inventory.js";
import { sectionAndKeyOfEnv } from "./grafana-ini.js";
import { parseCommandLine } from "./flags.js";
import { imageName, recognizeContainer } from "./component-recognition.js";
import { MAX_EXPANDED_SHARDS } from "./operator-crs/prometheus.js";

const read = (text: string) => readInventory([{ file: "m.yaml", text }]);

describe("operator CRs become the pods they will produce", () => {
  const inv = read(`apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: main, namespace: mon }
spec:
  shards: 2
  replicas: 3
  podMetadata: { labels: { team: obs } }
  priorityClassName: high
  affinity: { podAntiAffinity: {} }
  storage: { volumeClaimTemplate: { spec: { storageClassName: ssd, resources: { requests: { storage: 10Gi } } } } }
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: mon }
spec: {}
---
apiVersion: v1
kind: Secret
metadata: { name: alertmanager-main, namespace: mon }
data:
  alertmanager.yaml: ${Buffer.from("route: { receiver: x }\nreceivers: [{ name: x }]\n").toString("base64")}
---
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: { name: db, namespace: mon }
spec: { instances: 3, affinity: { podAntiAffinityType: required, topologyKey: topology.kubernetes.io/zone } }
`);

  it("a sharded Prometheus is one group per shard with the operator's labels and the CR's placement", () => {
    const shards = inv.podGroups.filter((g) => g.component === "prometheus");
    expect(shards.map((g) => [g.id, g.shard, g.replicas])).toEqual([
      ["mon/Prometheus/main#shard-0", 0, 3],
      ["mon/Prometheus/main#shard-1", 1, 3],
    ]);
    expect(shards[1]?.template.metadata?.labels).toMatchObject({
      team: "obs",
      prometheus: "main",
      "app.kubernetes.io/name": "prometheus",
      "operator.prometheus.io/name": "main",
      "operator.prometheus.io/shard": "1",
    });
    expect(shards[0]?.template.spec?.priorityClassName).toBe("high");
    expect(shards[0]?.volumeClaims).toEqual([{ name: "prometheus-main-db", storageClassName: "ssd", storage: "10Gi" }]);
  });

  it("an Alertmanager without replicas is 1 pod (operator default) and reads its config Secret (base64)", () => {
    const am = inv.podGroups.find((g) => g.component === "alertmanager");
    expect(am?.replicas).toBe(1);
    expect(am?.template.metadata?.labels).toMatchObject({
      alertmanager: "main",
      "app.kubernetes.io/name": "alertmanager",
    });
    expect(am?.config.alertmanagerYaml).toEqual({ route: { receiver: "x" }, receivers: [{ name: "x" }] });
  });

  it("a CloudNativePG Cluster is `instances` pods with its anti-affinity and operator-made PDBs", () => {
    const pg = inv.podGroups.find((g) => g.component === "postgresql");
    expect(pg?.replicas).toBe(3);
    expect(pg?.operatorManagedPdb).toBe(true);
    expect(
      pg?.template.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.[0]?.topologyKey,
    ).toBe("topology.kubernetes.io/zone");
  });
});

describe("absurd counts", () => {
  it("stops expanding Prometheus shards at MAX_EXPANDED_SHARDS instead of exhausting memory (found by the property test)", () => {
    const inv = read(
      "apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: { name: p }\nspec: { shards: 1.5e300, replicas: 2 }\n",
    );
    expect(inv.podGroups.length).toBe(MAX_EXPANDED_SHARDS);
  });
});

describe("workloads", () => {
  it("recognises components from image and Thanos subcommand; a Prometheus pod with a sidecar is Prometheus", () => {
    expect(imageName("quay.io/prometheus/alertmanager:v0.27.0@sha256:abc")).toBe("alertmanager");
    expect(recognizeContainer({ image: "quay.io/thanos/thanos:v0.36.1", args: ["query-frontend"] })).toBe(
      "thanos-query-frontend",
    );
    expect(recognizeContainer({ image: "my/registry:1", command: ["/bin/thanos", "store"] })).toBe("thanos-store");
    expect(recognizeContainer({ image: "quay.io/prometheus-operator/prometheus-config-reloader:v0.76.0" })).toBe(
      "other",
    );
    const inv = read(`kind: StatefulSet
apiVersion: apps/v1
metadata: { name: p }
spec:
  template:
    metadata: { labels: { app: p } }
    spec:
      containers:
        - { name: thanos, image: quay.io/thanos/thanos:v0.36.1, args: [sidecar] }
        - { name: prom, image: quay.io/prometheus/prometheus:v2.54.1 }
`);
    expect(inv.podGroups[0]).toMatchObject({
      component: "prometheus",
      mainContainer: "prom",
      replicas: 1,
      namespace: "default",
    });
  });

  it("hamon's component label wins over the image", () => {
    const inv = read(`kind: Deployment
apiVersion: apps/v1
metadata: { name: x, namespace: n }
spec: { template: { metadata: { labels: { hamon.io/component: redis } }, spec: { containers: [{ name: c, image: busybox }] } } }
`);
    expect(inv.podGroups[0]?.component).toBe("redis");
  });

  it("Grafana: grafana.ini from a mounted ConfigMap merged with GF_* env (env wins)", () => {
    const inv = read(`kind: ConfigMap
apiVersion: v1
metadata: { name: ini, namespace: n }
data: { grafana.ini: "[database]\\ntype = mysql\\n[unified_alerting]\\nenabled = true\\n" }
---
kind: Deployment
apiVersion: apps/v1
metadata: { name: grafana, namespace: n }
spec:
  replicas: 2
  template:
    metadata: { labels: { app: g } }
    spec:
      containers:
        - name: grafana
          image: grafana/grafana:11
          env:
            - { name: GF_DATABASE_TYPE, value: postgres }
            - { name: GF_UNIFIED_ALERTING_HA_PEERS, value: "peers:9094" }
            - { name: GF_DATABASE_PASSWORD, valueFrom: { secretKeyRef: { name: db, key: pw } } }
      volumes: [{ name: cfg, configMap: { name: ini } }]
`);
    expect(inv.podGroups[0]?.config.grafanaIni).toMatchObject({
      database: { type: "postgres", password: "ref:secret/db/pw" },
      unified_alerting: { enabled: "true", ha_peers: "peers:9094" },
    });
  });

  it("a ReplicaSet owned by a Deployment is not a second group; a DaemonSet is per node", () => {
    const inv = read(`kind: ReplicaSet
apiVersion: apps/v1
metadata: { name: rs, ownerReferences: [{ kind: Deployment, name: d }] }
spec: { template: { spec: { containers: [{ name: c, image: grafana/grafana }] } } }
---
kind: DaemonSet
apiVersion: apps/v1
metadata: { name: ds }
spec: { template: { spec: { containers: [{ name: c, image: busybox }] } } }
`);
    expect(inv.podGroups.map((g) => [g.id, g.perNode ?? false])).toEqual([["default/DaemonSet/ds", true]]);
  });

  it("PDBs select groups by labels within their namespace; suppression annotations are parsed", () => {
    const inv = read(`kind: Deployment
apiVersion: apps/v1
metadata: { name: q, namespace: a, annotations: { hamon.io/ignore: "HAMON-HA-001, hamon-sched-003", hamon.io/ignore-reason: why } }
spec: { template: { metadata: { labels: { app: q } }, spec: { containers: [{ name: c, image: x }] } } }
---
kind: Deployment
apiVersion: apps/v1
metadata: { name: q, namespace: b }
spec: { template: { metadata: { labels: { app: q } }, spec: { containers: [{ name: c, image: x }] } } }
---
kind: PodDisruptionBudget
apiVersion: policy/v1
metadata: { name: p, namespace: a }
spec: { maxUnavailable: 1, selector: { matchExpressions: [{ key: app, operator: In, values: [q, r] }] } }
`);
    expect(inv.pdbs[0]?.selects).toEqual(["a/Deployment/q"]);
    expect(inv.podGroups[0]?.owner.suppressed).toEqual({ rules: ["HAMON-HA-001", "HAMON-SCHED-003"], reason: "why" });
  });
});

describe("small parsers", () => {
  it("GF_ env names map to sections, multi-word sections first", () => {
    expect(sectionAndKeyOfEnv("GF_UNIFIED_ALERTING_HA_PEERS")).toEqual(["unified_alerting", "ha_peers"]);
    expect(sectionAndKeyOfEnv("GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET")).toEqual(["auth.generic_oauth", "client_secret"]);
    expect(sectionAndKeyOfEnv("GF_DATABASE_TYPE")).toEqual(["database", "type"]);
    expect(sectionAndKeyOfEnv("GF_FOO_BAR_BAZ")).toEqual(["foo", "bar_baz"]);
    expect(sectionAndKeyOfEnv("HOME")).toBeUndefined();
  });

  it("flags: --a=b, --a b, repeated, booleans, Thanos subcommand as positional", () => {
    expect(
      parseCommandLine(["query", "--query.replica-label=a", "--query.replica-label", "b", "--wait", "--x=1"]),
    ).toEqual({
      positionals: ["query"],
      flags: { "query.replica-label": ["a", "b"], wait: [""], x: ["1"] },
    });
  });
});
