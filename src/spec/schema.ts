/**
 * The hamon spec (`hamon.yaml`): one zod schema, every default in it, once. The larger sections
 * live in schema-*.ts (alerting, clusterAlerts, the Grafana database and way in), the field types
 * they share in schema-fields.ts.
 *
 * The `.describe()` texts are the documentation: they flow into the JSON Schema that editors
 * use (`hamon schema`) and into docs/spec-reference.md. Durations, quantities and
 * addresses are parsed here, at the edge, into `Duration`, `Quantity` and `HostPort` values.
 *
 * Custom issue messages say what was expected, without a leading "expected" (load.ts prints
 * "found …; expected <message>").
 */
import * as z from "zod";
import { configMapKeyProblems, JSON_SCHEMA, qualifiedNameProblems } from "../k8s/name-validation.js";
import { VERSIONS } from "../upstream/versions.js";
import { COREDNS_METRICS } from "../upstream/cluster-targets.js";
import { CLUSTER_NAMESPACES, RESERVED_NAMESPACE_PREFIX } from "./limits.js";
import {
  durationText,
  CPU,
  MEMORY,
  STORAGE,
  quantityText,
  apiString,
  dnsLabel,
  secretName,
  labelKey,
  labelValue,
  imageTag,
  imageVersion,
  resourcesOverride,
  taint,
  replicas,
  zoneSpread,
  monitorSelection,
  secretDataKey,
} from "./schema-fields.js";
import { databaseBackup, grafanaDatabase } from "./schema-database.js";
import { alertingSchema } from "./schema-alerting.js";
import { clusterAlertsSchema } from "./schema-cluster-alerts.js";
import { grafanaIngressSchema, grafanaOAuthSchema } from "./schema-grafana-access.js";

export const specSchema = z
  .strictObject({
    apiVersion: z.literal("hamon.io/v1alpha1").default("hamon.io/v1alpha1"),
    kind: z.literal("MonitoringStack").default("MonitoringStack"),
    cluster: z
      .strictObject({
        name: dnsLabel("a cluster name").describe("Cluster name; becomes Prometheus' `cluster` external label."),
        zones: z
          .array(
            labelValue("a zone name").refine((zone) => zone.length > 0, {
              message: "a non-empty zone name (the value of the node label topology.kubernetes.io/zone)",
            }),
          )
          .min(1)
          .refine((zs) => new Set(zs).size === zs.length, { message: "distinct zone names (one appears twice)" })
          .describe("Values of `topology.kubernetes.io/zone` of the nodes the stack runs on."),
        nodes: z
          .number()
          .int()
          .min(1)
          .max(100_000)
          .default(10)
          .describe(
            "Nodes in the whole cluster (not only the stack's pool): node-exporter and the kubelet add series per node, which sizing adds to workload.activeSeries. Default 10.",
          ),
        pods: z
          .number()
          .int()
          .min(0)
          .max(10_000_000)
          .default(300)
          .describe(
            "Pods in the whole cluster: kube-state-metrics and cAdvisor add series per pod, which sizing adds to workload.activeSeries. Default 300.",
          ),
      })
      .describe("The Kubernetes cluster the stack monitors and runs in."),
    namespace: dnsLabel("a namespace name")
      .refine(
        (ns) =>
          !(CLUSTER_NAMESPACES as ReadonlyArray<string>).includes(ns) && !ns.startsWith(RESERVED_NAMESPACE_PREFIX),
        {
          message:
            'a namespace used by the stack alone, neither default nor one starting with kube-: hamon labels its namespace Pod Security "restricted" and puts a default-deny NetworkPolicy in it, which would cut off every other workload there',
        },
      )
      .default("monitoring")
      .describe(
        "Namespace of the whole stack, dedicated to it: hamon labels it Pod Security restricted and denies all traffic in it by default, so default and kube-* namespaces are refused. Default monitoring.",
      ),
    phase: z
      .number()
      .int()
      .min(1)
      .max(4)
      .default(4)
      .describe(
        "Rollout phase. 1: Prometheus HA pair, Alertmanager cluster, anti-affinity, PDBs. " +
          "2: + Thanos (sidecar, Query, Query Frontend, Store Gateway, Compactor). " +
          "3: + Grafana HA with its database (and Redis when grafana.redis.enabled). 4: + NetworkPolicies, dedicated node pool, PriorityClasses. Default 4.",
      ),
    nodePool: z
      .strictObject({
        labels: z
          .record(labelKey("a node label key"), labelValue("a node label value"))
          .default({ "hamon.io/pool": "monitoring" })
          .describe("Labels of the dedicated nodes; pods select them (phase 4). Default hamon.io/pool=monitoring."),
        taint: taint
          .nullable()
          .prefault({})
          .describe(
            "Taint of the dedicated nodes, tolerated by the stack (phase 4); null for none. Default hamon.io/dedicated=monitoring:NoSchedule.",
          ),
        nodesPerZone: z.number().int().min(1).max(1000).default(2).describe("Nodes in each zone. Default 2."),
        cpu: quantityText("8", CPU).prefault("8").describe("Allocatable CPU of each node. Default 8."),
        memory: quantityText("32Gi", MEMORY)
          .prefault("32Gi")
          .describe("Allocatable memory of each node. Default 32Gi."),
      })
      .prefault({})
      .describe("The node pool that runs the stack."),
    storage: z
      .strictObject({
        className: dnsLabel("a StorageClass name")
          .default("hamon-ssd")
          .describe("Name of the StorageClass hamon renders. Default hamon-ssd."),
        // The API server validates the provisioner as a qualified name, lower-cased
        // (kubernetes pkg/apis/storage/validation/validation.go, validateProvisioner).
        provisioner: apiString(
          "a CSI provisioner name",
          (v) => qualifiedNameProblems(v.toLowerCase()),
          JSON_SCHEMA.qualifiedName,
        ).describe("CSI provisioner, e.g. ebs.csi.aws.com, pd.csi.storage.gke.io, disk.csi.azure.com."),
        parameters: z.record(z.string(), z.string()).default({}).describe("Provisioner parameters, e.g. type: gp3."),
      })
      .describe(
        "The StorageClass for every volume of the stack (WaitForFirstConsumer, so volumes follow the scheduler's zone choice).",
      ),
    objectStorage: z
      .strictObject({
        secretName: secretName
          .default("thanos-objstore")
          .describe("Secret holding the Thanos objstore config. Default thanos-objstore."),
        secretKey: apiString("a key of a Secret's data", configMapKeyProblems, JSON_SCHEMA.configMapKey)
          .default("objstore.yml")
          .describe("Key in that Secret. Default objstore.yml."),
      })
      .prefault({})
      .describe("Thanos object storage, by reference only (https://thanos.io/tip/thanos/storage.md/)."),
    workload: z
      .strictObject({
        activeSeries: z
          .number()
          .int()
          .min(1)
          .default(1_000_000)
          .describe(
            "Active series of your own workloads (before HA duplication); sizing adds the cluster targets' series from cluster.nodes and cluster.pods (docs/sizing.md). Default 1000000.",
          ),
        scrapeInterval: durationText("30s").prefault("30s").describe("Default scrape interval. Default 30s."),
        localRetention: durationText("2d")
          .prefault("2d")
          .describe(
            "How long each Prometheus keeps data on its volume. With Thanos (phase ≥ 2) older data is served from object storage. Default 2d.",
          ),
        longTermRetention: z
          .strictObject({
            raw: durationText("30d")
              .prefault("30d")
              .describe(
                "Raw resolution in object storage; at least 40h, the age at which the Compactor makes 5m data from it. Default 30d.",
              ),
            fiveMinutes: durationText("180d")
              .prefault("180d")
              .describe(
                "5m downsampled; at least 10d, the age at which the Compactor makes 1h data from it. Default 180d.",
              ),
            oneHour: durationText("2y").prefault("2y").describe("1h downsampled. Default 2y."),
          })
          .prefault({})
          .describe(
            "Thanos Compactor retention per resolution. Each must be a finite period: Thanos reads 0 as keep forever, which has no steady bucket size to plan for, so hamon refuses it (write e.g. 10y).",
          ),
      })
      .prefault({})
      .describe("What the stack must carry; sizing derives shards, resources and volumes from it."),
    targets: z
      .strictObject({
        nodeExporter: z
          .boolean()
          .default(true)
          .describe("node-exporter on every node (a DaemonSet in its own namespace). Default true."),
        kubeStateMetrics: z
          .boolean()
          .default(true)
          .describe("kube-state-metrics: the state of Kubernetes objects as metrics. Default true."),
        kubelet: z
          .boolean()
          .default(true)
          .describe(
            "The kubelet's metrics, cAdvisor and probes, through the Prometheus Operator's kubelet Service (see PREREQUISITES.md). Default true.",
          ),
        apiServer: z.boolean().default(true).describe("The API server (`default/kubernetes`). Default true."),
        coreDns: z
          .strictObject({
            enabled: z.boolean().default(true).describe("CoreDNS' metrics on port 9153. Default true."),
            serviceLabels: z
              .record(labelKey("a Service label key"), labelValue("a Service label value"))
              .default({ ...COREDNS_METRICS.serviceLabels })
              .describe(
                "Labels of the CoreDNS Service in kube-system that exposes port `metrics` (9153); they differ by distribution. Default k8s-app=kube-dns (kubeadm, EKS, AKS).",
              ),
          })
          .prefault({})
          .describe("CoreDNS."),
        serviceMonitors: monitorSelection("ServiceMonitors"),
        podMonitors: monitorSelection("PodMonitors"),
      })
      .prefault({})
      .describe(
        "What Prometheus scrapes: the cluster's own targets (all on by default) and which of your ServiceMonitors and PodMonitors it selects.",
      ),
    clusterAlerts: clusterAlertsSchema,
    prometheus: z
      .strictObject({
        replicas: replicas(2, 2, "Replicas of each shard: an HA pair by default, deduplicated by Thanos Query."),
        zoneSpread: zoneSpread("required", "Each shard's pair; its volumes are zonal."),
        shards: z
          .union([z.literal("auto"), z.number().int().min(1).max(100)])
          .default("auto")
          .describe(
            "hashmod shards; `auto` keeps each shard under the series ceiling and each replica within nodePool.memory (see `hamon size`). Default auto.",
          ),
        version: imageVersion(VERSIONS.prometheus.tag, "Prometheus"),
        resources: resourcesOverride.optional(),
        storageSize: quantityText("50Gi", STORAGE).optional().describe("Volume per replica. Default: from sizing."),
      })
      .prefault({})
      .describe("Prometheus, run by the Prometheus Operator."),
    alertmanager: z
      .strictObject({
        replicas: replicas(
          2,
          3,
          "Clustered Alertmanagers. Any count ≥ 2 is HA: the cluster gossips (AP, no quorum), so an odd count is not needed.",
        ),
        zoneSpread: zoneSpread("required", "Its volumes (silences, notification log) are zonal."),
        version: imageVersion(VERSIONS.alertmanager.tag, "Alertmanager"),
        resources: resourcesOverride.optional(),
      })
      .prefault({})
      .describe("Alertmanager, run by the Prometheus Operator."),
    alerting: alertingSchema
      .optional()
      .describe(
        "Where alerts go: receivers by reference, severity routes, the dead man's switch (docs/alerting.md). Default: none, every alert goes to a receiver without integrations.",
      ),
    thanos: z
      .strictObject({
        version: imageVersion(VERSIONS.thanos.tag, "Thanos"),
        query: z
          .strictObject({
            replicas: replicas(2, 2, "Thanos Query replicas."),
            zoneSpread: zoneSpread("preferred", "Stateless."),
            resources: resourcesOverride.optional(),
          })
          .prefault({})
          .describe("Thanos Query: fans out to every StoreAPI and deduplicates HA replicas."),
        queryFrontend: z
          .strictObject({
            replicas: replicas(2, 2, "Thanos Query Frontend replicas."),
            zoneSpread: zoneSpread("preferred", "Stateless."),
            resources: resourcesOverride.optional(),
          })
          .prefault({})
          .describe("Thanos Query Frontend: splits and caches range queries in front of Query."),
        store: z
          .strictObject({
            shards: z
              .number()
              .int()
              .min(1)
              .max(20)
              .default(1)
              .describe("Store Gateway shards (hashmod over block IDs). Default 1."),
            replicas: replicas(2, 2, "Store Gateway replicas of each shard."),
            zoneSpread: zoneSpread("required", "Each shard's replicas; their cache volumes are zonal."),
            resources: resourcesOverride.optional(),
          })
          .prefault({})
          .describe("Thanos Store Gateway: serves the bucket's blocks to Query."),
        compact: z
          .strictObject({
            storageSize: quantityText("100Gi", STORAGE)
              .optional()
              .describe("Compactor scratch volume. Default: from sizing."),
            resources: resourcesOverride.optional(),
          })
          .prefault({})
          .describe(
            "Thanos Compactor: exactly one per bucket; compacts, deduplicates HA pairs, downsamples, applies retention.",
          ),
        ruler: z
          .strictObject({
            replicas: replicas(2, 2, "Thanos Ruler replicas, each evaluating every whole-view rule."),
            zoneSpread: zoneSpread("required", "Its volume (rule results not yet uploaded, alert state) is zonal."),
            resources: resourcesOverride.optional(),
          })
          .prefault({})
          .describe(
            "Thanos Ruler, rendered only when Prometheus is sharded (shards > 1): evaluates the PrometheusRules labelled hamon.io/rule-scope=whole-view through Thanos Query, since each shard sees only a slice of the targets (docs/placement.md).",
          ),
      })
      .prefault({})
      .describe("Thanos (phase ≥ 2)."),
    grafana: z
      .strictObject({
        replicas: replicas(2, 2, "Grafana replicas, sharing one database."),
        zoneSpread: zoneSpread("preferred", "Stateless: its state is in the database."),
        version: z
          .string()
          .regex(/^[0-9][0-9A-Za-z._-]{0,127}$/, {
            message: "a release tag such as 12.4.10 (a digit, then letters, digits, '.', '_' and '-')",
          })
          .default(VERSIONS.grafana.tag)
          .describe(`Grafana image tag. Default ${VERSIONS.grafana.tag}.`),
        adminSecretName: secretName
          .default("grafana-admin")
          .describe("Secret with keys `admin-user` and `admin-password`. Default grafana-admin."),
        secretKey: z
          .strictObject({
            secretName: secretName
              .default("grafana-secret-key")
              .describe("Secret holding Grafana's secret_key. Default grafana-secret-key."),
            key: secretDataKey("secret-key"),
          })
          .prefault({})
          .describe(
            "Grafana's secret_key, which encrypts data source and contact point secrets in the database, from a Secret you create (GF_SECURITY_SECRET_KEY through secretKeyRef); every replica must read the same one, and it must never change afterwards.",
          ),
        ingress: grafanaIngressSchema
          .optional()
          .describe(
            "The way in for users: an Ingress or a Gateway API HTTPRoute to Grafana, which also sets Grafana's root_url and domain (docs/grafana.md). Default: none (reach Grafana with kubectl port-forward).",
          ),
        oauth: grafanaOAuthSchema
          .optional()
          .describe(
            "Single sign-on with any OpenID Connect or OAuth2 provider (Grafana's generic OAuth), every credential by reference. Needs `ingress`: the provider sends users back to root_url. Default: none (Grafana's own logins).",
          ),
        database: grafanaDatabase
          .prefault({ type: "cloudnativepg" })
          .describe(
            "Grafana's shared database: type cloudnativepg, or external (PostgreSQL or MySQL). Default: a 3-instance CloudNativePG cluster.",
          ),
        redis: z
          .strictObject({
            enabled: z
              .boolean()
              .default(false)
              .describe(
                "Render Redis as Grafana's remote cache. Off by default: the cache then lives in Grafana's database, which every replica shares already (docs/grafana.md says when Redis helps). Default false.",
              ),
            version: imageTag(VERSIONS.redis.tag, `Redis image tag. Default ${VERSIONS.redis.tag}.`),
            secretName: secretName
              .default("grafana-redis")
              .describe("Secret with key `password`. Default grafana-redis."),
          })
          .prefault({})
          .describe(
            "Redis for Grafana's remote cache, when enabled: one instance (Grafana's client takes a single address; see docs/ha-design.md).",
          ),
        resources: resourcesOverride.optional(),
      })
      .superRefine((g, ctx) => {
        if (g.oauth && !g.ingress)
          ctx.addIssue({
            code: "custom",
            path: ["oauth"],
            message:
              "grafana.ingress as well: the identity provider sends users back to Grafana's root_url, which hamon sets from the ingress host",
            input: g.oauth,
          });
      })
      .prefault({})
      .describe("Grafana (phase ≥ 3)."),
  })
  .describe("hamon.yaml: a highly available monitoring stack for one Kubernetes cluster.");

/** The spec as written by a user (durations and quantities as text). */
export type SpecInput = z.input<typeof specSchema>;
/** The spec with every default applied and every unit parsed. */
export type Spec = z.output<typeof specSchema>;
export type AlertingSpec = z.output<typeof alertingSchema>;
export type ReceiverSpec = AlertingSpec["receivers"][number];
export type ResourcesOverride = z.output<typeof resourcesOverride>;
export type ClusterAlertsSpec = z.output<typeof clusterAlertsSchema>;
export type DatabaseBackupSpec = z.output<typeof databaseBackup>;
export type ZoneSpread = Spec["prometheus"]["zoneSpread"];
