/**
 * The hamon spec (`hamon.yaml`): one zod schema, every default in it, once.
 *
 * The `.describe()` texts are the documentation: they flow into the JSON Schema that editors
 * use (`hamon schema`) and into the README's spec reference. Durations and quantities are
 * parsed here, at the edge, into `Duration` and `Quantity` values.
 */
import * as z from "zod";
import { Duration } from "../units/duration.js";
import { Quantity } from "../units/quantity.js";

const durationText = (example: string) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return Duration.parse(text);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message, input: text });
        return z.NEVER;
      }
    })
    .meta({ examples: [example] });

const quantityText = (example: string) =>
  z
    .union([z.string(), z.number()])
    .transform((text, ctx) => {
      try {
        return Quantity.parse(text);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message, input: text });
        return z.NEVER;
      }
    })
    .meta({ examples: [example] });

/** RFC 1123 label, as Kubernetes requires for names of namespaces and most objects. */
const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "expected a DNS label: lower-case letters, digits and '-'")
  .max(63);

const imageVersion = (def: string, what: string) =>
  z
    .string()
    .regex(/^v?[0-9][0-9A-Za-z.+-]*$/, "expected a release tag such as v1.2.3")
    .default(def)
    .describe(`${what} release tag. Default ${def}.`);

const resourcesOverride = z
  .strictObject({
    cpu: quantityText("2")
      .optional()
      .describe("CPU request (no CPU limit is set: throttling stalls scrapes and gossip). Default: from sizing."),
    memory: quantityText("8Gi").optional().describe("Memory request and limit. Default: from sizing."),
  })
  .describe("Override the sized resources of each pod of this component.");

const taint = z.strictObject({
  key: z.string().min(1).default("hamon.io/dedicated"),
  value: z.string().default("monitoring"),
  effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]).default("NoSchedule"),
});

const replicas = (min: number, def: number, why: string) =>
  z.number().int().min(min).max(50).default(def).describe(`${why} At least ${min}. Default ${def}.`);

export const cloudNativePgDatabase = z.strictObject({
  type: z.literal("cloudnativepg").describe("A CloudNativePG `Cluster` rendered with the stack."),
  instances: replicas(3, 3, "PostgreSQL instances (one primary, the rest streaming replicas), spread one per zone."),
  storageSize: quantityText("10Gi").prefault("10Gi").describe("Volume per instance. Default 10Gi."),
  imageTag: z
    .string()
    .default("16.4")
    .describe("PostgreSQL image tag of ghcr.io/cloudnative-pg/postgresql. Default 16.4."),
});

export const externalDatabase = z.strictObject({
  type: z.literal("external").describe("A PostgreSQL that you run elsewhere, by reference."),
  host: z.string().min(1).describe("host:port of the PostgreSQL server."),
  name: z.string().min(1).default("grafana").describe("Database name. Default grafana."),
  secretName: z.string().min(1).describe("Secret with keys `username` and `password` for Grafana's database user."),
  sslMode: z.enum(["disable", "require", "verify-full"]).default("require").describe("Default require."),
});

export const specSchema = z
  .strictObject({
    apiVersion: z.literal("hamon.io/v1alpha1").default("hamon.io/v1alpha1"),
    kind: z.literal("MonitoringStack").default("MonitoringStack"),
    cluster: z
      .strictObject({
        name: dnsLabel.describe("Cluster name; becomes Prometheus' `cluster` external label."),
        zones: z
          .array(z.string().min(1))
          .min(1)
          .refine((zs) => new Set(zs).size === zs.length, "expected distinct zone names")
          .describe("Values of `topology.kubernetes.io/zone` of the nodes the stack runs on."),
      })
      .describe("The Kubernetes cluster the stack monitors and runs in."),
    namespace: dnsLabel.default("monitoring").describe("Namespace of the whole stack. Default monitoring."),
    phase: z
      .number()
      .int()
      .min(1)
      .max(4)
      .default(4)
      .describe(
        "Rollout phase. 1: Prometheus HA pair, Alertmanager cluster, anti-affinity, PDBs. " +
          "2: + Thanos (sidecar, Query, Query Frontend, Store Gateway, Compactor). " +
          "3: + Grafana HA with PostgreSQL and Redis. 4: + NetworkPolicies, dedicated node pool, PriorityClasses. Default 4.",
      ),
    nodePool: z
      .strictObject({
        labels: z
          .record(z.string(), z.string())
          .default({ "hamon.io/pool": "monitoring" })
          .describe("Labels of the dedicated nodes; pods select them (phase 4). Default hamon.io/pool=monitoring."),
        taint: taint
          .nullable()
          .prefault({})
          .describe(
            "Taint of the dedicated nodes, tolerated by the stack (phase 4); null for none. Default hamon.io/dedicated=monitoring:NoSchedule.",
          ),
        nodesPerZone: z.number().int().min(1).max(1000).default(2).describe("Nodes in each zone. Default 2."),
        cpu: quantityText("8").prefault("8").describe("Allocatable CPU of each node. Default 8."),
        memory: quantityText("32Gi").prefault("32Gi").describe("Allocatable memory of each node. Default 32Gi."),
      })
      .prefault({})
      .describe("The node pool that runs the stack."),
    storage: z
      .strictObject({
        className: dnsLabel.default("hamon-ssd").describe("Name of the StorageClass hamon renders. Default hamon-ssd."),
        provisioner: z
          .string()
          .min(1)
          .describe("CSI provisioner, e.g. ebs.csi.aws.com, pd.csi.storage.gke.io, disk.csi.azure.com."),
        parameters: z.record(z.string(), z.string()).default({}).describe("Provisioner parameters, e.g. type: gp3."),
      })
      .describe(
        "The StorageClass for every volume of the stack (WaitForFirstConsumer, so volumes follow the scheduler's zone choice).",
      ),
    objectStorage: z
      .strictObject({
        secretName: z
          .string()
          .min(1)
          .default("thanos-objstore")
          .describe("Secret holding the Thanos objstore config. Default thanos-objstore."),
        secretKey: z.string().min(1).default("objstore.yml").describe("Key in that Secret. Default objstore.yml."),
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
          .describe("Active series the whole stack ingests (before HA duplication). Default 1000000."),
        scrapeInterval: durationText("30s").prefault("30s").describe("Default scrape interval. Default 30s."),
        localRetention: durationText("2d")
          .prefault("2d")
          .describe(
            "How long each Prometheus keeps data on its volume. With Thanos (phase ≥ 2) older data is served from object storage. Default 2d.",
          ),
        longTermRetention: z
          .strictObject({
            raw: durationText("30d").prefault("30d").describe("Raw resolution in object storage. Default 30d."),
            fiveMinutes: durationText("180d").prefault("180d").describe("5m downsampled. Default 180d."),
            oneHour: durationText("2y").prefault("2y").describe("1h downsampled. Default 2y."),
          })
          .prefault({})
          .describe("Thanos Compactor retention per resolution."),
      })
      .prefault({})
      .describe("What the stack must carry; sizing derives shards, resources and volumes from it."),
    prometheus: z
      .strictObject({
        replicas: replicas(2, 2, "Replicas of each shard: an HA pair by default, deduplicated by Thanos Query."),
        shards: z
          .union([z.literal("auto"), z.number().int().min(1).max(100)])
          .default("auto")
          .describe(
            "hashmod shards; `auto` keeps each shard under the series ceiling and each replica within nodePool.memory (see `hamon size`). Default auto.",
          ),
        version: imageVersion("v2.53.2", "Prometheus"),
        resources: resourcesOverride.optional(),
        storageSize: quantityText("50Gi").optional().describe("Volume per replica. Default: from sizing."),
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
        version: imageVersion("v0.27.0", "Alertmanager"),
        resources: resourcesOverride.optional(),
      })
      .prefault({})
      .describe("Alertmanager, run by the Prometheus Operator."),
    thanos: z
      .strictObject({
        version: imageVersion("v0.36.1", "Thanos"),
        query: z
          .strictObject({ replicas: replicas(2, 2, "Thanos Query replicas."), resources: resourcesOverride.optional() })
          .prefault({})
          .describe("Thanos Query: fans out to every StoreAPI and deduplicates HA replicas."),
        queryFrontend: z
          .strictObject({
            replicas: replicas(2, 2, "Thanos Query Frontend replicas."),
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
            resources: resourcesOverride.optional(),
          })
          .prefault({})
          .describe("Thanos Store Gateway: serves the bucket's blocks to Query."),
        compact: z
          .strictObject({
            storageSize: quantityText("100Gi").optional().describe("Compactor scratch volume. Default: from sizing."),
            resources: resourcesOverride.optional(),
          })
          .prefault({})
          .describe(
            "Thanos Compactor: exactly one per bucket; compacts, deduplicates HA pairs, downsamples, applies retention.",
          ),
      })
      .prefault({})
      .describe("Thanos (phase ≥ 2)."),
    grafana: z
      .strictObject({
        replicas: replicas(2, 2, "Grafana replicas, sharing one PostgreSQL database and Redis cache."),
        version: z
          .string()
          .regex(/^[0-9][0-9A-Za-z.+-]*$/)
          .default("11.3.0")
          .describe("Grafana image tag. Default 11.3.0."),
        adminSecretName: z
          .string()
          .min(1)
          .default("grafana-admin")
          .describe("Secret with keys `admin-user` and `admin-password`. Default grafana-admin."),
        database: z
          .discriminatedUnion("type", [cloudNativePgDatabase, externalDatabase])
          .prefault({ type: "cloudnativepg" })
          .describe("Grafana's shared database. Default: a 3-instance CloudNativePG cluster."),
        redis: z
          .strictObject({
            version: z.string().default("7.2.5").describe("Redis image tag. Default 7.2.5."),
            secretName: z
              .string()
              .min(1)
              .default("grafana-redis")
              .describe("Secret with key `password`. Default grafana-redis."),
          })
          .prefault({})
          .describe(
            "Redis for Grafana's remote cache: one instance (Grafana's client takes a single address; see README).",
          ),
        resources: resourcesOverride.optional(),
      })
      .prefault({})
      .describe("Grafana (phase ≥ 3)."),
  })
  .describe("hamon.yaml: a highly available monitoring stack for one Kubernetes cluster.");

/** The spec as written by a user (durations and quantities as text). */
export type SpecInput = z.input<typeof specSchema>;
/** The spec with every default applied and every unit parsed. */
export type Spec = z.output<typeof specSchema>;
export type ResourcesOverride = z.output<typeof resourcesOverride>;
