/**
 * Combinations the schema alone cannot reject: what the spec asks for against the topology it
 * describes. Each issue points at the spec path a user would change, and says how. It chains the
 * spec, its sizing and the renderer's placement (COMPONENT_PLACEMENT: which components keep one
 * replica per node or per zone), so it lives in the pipeline.
 *
 * The node's size is checked first: when the smallest pods of the stack do not fit a node,
 * every later figure (auto shards, pod counts) derives from an impossible node and would only
 * add noise, so those issues are left out until the node is fixed.
 */
import { HOSTNAME_LABEL, ZONE_LABEL } from "../k8s/well-known-labels.js";
import { plural } from "../plural.js";
import { COMPONENT_PLACEMENT } from "../render/scheduling.js";
import type { PodResources, StackSizing } from "../sizing/size-stack.js";
import { MAX_SHARDS } from "../sizing/workload-input.js";
import { features } from "../spec/features.js";
import { MAX_VOLUME_BYTES } from "../spec/limits.js";
import type { LoadedSpec, SpecIssue } from "../spec/load.js";
import type { ResourcesOverride, Spec } from "../spec/schema.js";
import { Quantity } from "../units/quantity.js";
import type { StackComponent } from "../vocabulary.js";

type Dimension = "cpu" | "memory";

/** One pod of the stack, its requests, and the spec path of its resources override, if it has one. */
interface PodDemand {
  what: string;
  resources: PodResources;
  overridePath?: string[];
  override?: ResourcesOverride;
  /**
   * Requests that sizing derives from how the data is sharded: too large, they point at the
   * shard count, not at the node. Prometheus' memory has its own check (prometheusMemoryIssue).
   */
  perShard?: Partial<Record<Dimension, { path: string[]; fix: string }>>;
}

const show = (dim: Dimension, q: Quantity) => (dim === "cpu" ? `${q.toCpuString()} CPU` : q.toBytesString());

/** Every pod kind the spec renders, with what it requests. Prometheus' memory is checked on its own (it follows shards). */
function podDemands(spec: Spec, sizing: StackSizing): PodDemand[] {
  const f = features(spec);
  const sidecar = f.thanos ? sizing.thanosSidecar.resources : { cpu: Quantity.of(0), memory: Quantity.of(0) };
  const pods: PodDemand[] = [
    {
      what: f.thanos ? "a Prometheus pod with its Thanos sidecar" : "a Prometheus pod",
      resources: {
        cpu: sizing.prometheus.resources.cpu.plus(sidecar.cpu),
        memory: Quantity.of(0), // prometheusMemoryIssue
      },
      overridePath: ["prometheus", "resources"],
      ...(spec.prometheus.resources ? { override: spec.prometheus.resources } : {}),
      perShard: {
        cpu: {
          path: ["prometheus", "shards"],
          fix: "raise prometheus.shards or nodePool.cpu, or set prometheus.resources.cpu",
        },
      },
    },
    {
      what: "an Alertmanager pod",
      resources: sizing.alertmanager.resources,
      overridePath: ["alertmanager", "resources"],
      ...(spec.alertmanager.resources ? { override: spec.alertmanager.resources } : {}),
    },
  ];
  if (f.thanos) {
    const t = spec.thanos;
    pods.push(
      {
        what: "a Thanos Query pod",
        resources: sizing.thanosQuery.resources,
        overridePath: ["thanos", "query", "resources"],
        ...(t.query.resources ? { override: t.query.resources } : {}),
      },
      {
        what: "a Thanos Query Frontend pod",
        resources: sizing.thanosQueryFrontend.resources,
        overridePath: ["thanos", "queryFrontend", "resources"],
        ...(t.queryFrontend.resources ? { override: t.queryFrontend.resources } : {}),
      },
      {
        what: "a Thanos Store Gateway pod",
        resources: sizing.thanosStore.resources,
        overridePath: ["thanos", "store", "resources"],
        ...(t.store.resources ? { override: t.store.resources } : {}),
        perShard: {
          memory: {
            path: ["thanos", "store", "shards"],
            fix: "raise thanos.store.shards or nodePool.memory, or set thanos.store.resources.memory",
          },
        },
      },
      {
        what: "the Thanos Compactor",
        resources: sizing.thanosCompact.resources,
        overridePath: ["thanos", "compact", "resources"],
        ...(t.compact.resources ? { override: t.compact.resources } : {}),
        perShard: {
          memory: {
            path: ["prometheus", "shards"],
            fix: "raise prometheus.shards (it compacts one shard's series at a time) or nodePool.memory, or set thanos.compact.resources.memory",
          },
        },
      },
    );
  }
  if (f.grafana) {
    pods.push({
      what: "a Grafana pod",
      resources: sizing.grafana.resources,
      overridePath: ["grafana", "resources"],
      ...(spec.grafana.resources ? { override: spec.grafana.resources } : {}),
    });
    if (f.cloudNativePg) pods.push({ what: "a PostgreSQL instance", resources: sizing.postgres.resources });
    if (f.redis) pods.push({ what: "the Redis pod", resources: sizing.redis.resources });
  }
  return pods;
}

export function feasibilityIssues(loaded: LoadedSpec, sizing: StackSizing): SpecIssue[] {
  const { spec, locate } = loaded;
  const at = (path: string[]) => ({ path: path.join("."), ...locate(path) });
  const node = { cpu: spec.nodePool.cpu, memory: spec.nodePool.memory };

  // ── Each pod fits one node ──
  const nodeIssues: SpecIssue[] = [];
  const overrideIssues: SpecIssue[] = [];
  const perShardIssues: SpecIssue[] = [];
  for (const dim of ["cpu", "memory"] as const) {
    let largest: { what: string; request: Quantity } | undefined;
    for (const pod of podDemands(spec, sizing)) {
      const request = pod.resources[dim];
      if (request.value <= node[dim].value) continue;
      const perShard = pod.perShard?.[dim];
      if (pod.override?.[dim] && pod.overridePath) {
        overrideIssues.push({
          ...at([...pod.overridePath, dim]),
          found: `${pod.what} requesting ${show(dim, request)}`,
          expected: `at most a node's ${show(dim, node[dim])} (nodePool.${dim}): a pod runs on one node`,
        });
      } else if (perShard) {
        perShardIssues.push({
          ...at(perShard.path),
          found: `${pod.what} requesting ${show(dim, request)} for its share of the data`,
          expected: `at most a node's ${show(dim, node[dim])} (nodePool.${dim}): ${perShard.fix}`,
        });
      } else if (!largest || request.value > largest.request.value) {
        largest = { what: pod.what, request };
      }
    }
    if (largest) {
      nodeIssues.push({
        ...at(["nodePool", dim]),
        found: `nodes with ${show(dim, node[dim])}${dim === "memory" ? " of memory" : ""}`,
        expected: `at least ${show(dim, largest.request)}: a pod runs on one node, and ${largest.what} requests ${show(dim, largest.request)}`,
      });
    }
  }
  if (nodeIssues.length > 0) return [...nodeIssues, ...overrideIssues];

  const issues: SpecIssue[] = [
    ...overrideIssues,
    ...hostSpreadIssues(loaded, sizing),
    ...databaseZoneIssues(loaded, sizing),
  ];
  // Prometheus' memory follows its shards; when it does not fit, what else is sized per
  // Prometheus shard (the Compactor) is too large for the same reason: one issue says it.
  const prometheusIssue = prometheusMemoryIssue(loaded, sizing);
  if (prometheusIssue) issues.push(prometheusIssue);
  issues.push(...perShardIssues.filter((i) => !(prometheusIssue && i.path === "prometheus.shards")));

  issues.push(...volumeIssues(loaded, sizing));
  return issues;
}

/** The replicas of one set that must each run in their own domain: the spec path that sets them, how many, and what they are. */
interface ReplicaSet {
  path: string[];
  count: number;
  what: string;
}

/** The sets of replicas of each component, as the spec sets them (singletons have none to spread). */
function replicaSets(spec: Spec, sizing: StackSizing): Partial<Record<StackComponent, ReplicaSet>> {
  const db = spec.grafana.database;
  return {
    prometheus: {
      path: ["prometheus", "replicas"],
      count: spec.prometheus.replicas * sizing.prometheus.shards,
      what: "Prometheus pods (replicas × shards)",
    },
    alertmanager: {
      path: ["alertmanager", "replicas"],
      count: spec.alertmanager.replicas,
      what: "Alertmanager replicas",
    },
    "thanos-query": {
      path: ["thanos", "query", "replicas"],
      count: spec.thanos.query.replicas,
      what: "Thanos Query replicas",
    },
    "thanos-query-frontend": {
      path: ["thanos", "queryFrontend", "replicas"],
      count: spec.thanos.queryFrontend.replicas,
      what: "Thanos Query Frontend replicas",
    },
    "thanos-store": {
      path: ["thanos", "store", "replicas"],
      count: spec.thanos.store.replicas,
      what: "Store Gateway replicas per shard",
    },
    grafana: { path: ["grafana", "replicas"], count: spec.grafana.replicas, what: "Grafana replicas" },
    ...(db.type === "cloudnativepg"
      ? {
          postgresql: { path: ["grafana", "database", "instances"], count: db.instances, what: "PostgreSQL instances" },
        }
      : {}),
  };
}

/** The rendered components whose replicas must each run in their own domain, with their replica sets. */
function spreadSets(spec: Spec, sizing: StackSizing, domain: "node" | "zone"): ReplicaSet[] {
  const sets = replicaSets(spec, sizing);
  return features(spec)
    .components.filter((c) => COMPONENT_PLACEMENT[c].oneReplicaPer === domain)
    .map((c) => {
      const set = sets[c];
      if (!set) throw new Error(`hamon bug: no replica count for ${c}, which keeps one replica per ${domain}`);
      return set;
    });
}

/** Required anti-affinity on kubernetes.io/hostname puts each replica of a set on its own node. */
function hostSpreadIssues(loaded: LoadedSpec, sizing: StackSizing): SpecIssue[] {
  const { spec, locate } = loaded;
  const zones = spec.cluster.zones.length;
  const perZone = spec.nodePool.nodesPerZone;
  const nodes = zones * perZone;
  const nodesText = `${plural(zones, "zone")} × nodePool.nodesPerZone ${perZone} = ${plural(nodes, "node")}`;
  return spreadSets(spec, sizing, "node")
    .filter(({ count }) => count > nodes)
    .map(({ path, count, what }) => ({
      path: path.join("."),
      ...locate(path),
      found: `${count} ${what}`,
      expected: `at most ${nodes}: each must run on its own node (required pod anti-affinity on ${HOSTNAME_LABEL}) and the pool has ${nodesText}`,
    }));
}

/** CloudNativePG instances are spread one per zone (required anti-affinity on the zone key): the only set kept one per zone, so the fix names the database. */
function databaseZoneIssues(loaded: LoadedSpec, sizing: StackSizing): SpecIssue[] {
  const { spec, locate } = loaded;
  const zones = spec.cluster.zones.length;
  return spreadSets(spec, sizing, "zone")
    .filter(({ count }) => count > zones)
    .map(({ path, count, what }) => {
      const spread = `instances are spread one per zone (required anti-affinity on ${ZONE_LABEL}) and cluster.zones lists ${zones}`;
      const fix =
        zones === 1
          ? "; one zone holds one instance, which is not highly available: use grafana.database.type: external (a PostgreSQL you run elsewhere, e.g. a managed one), or list more zones"
          : `; either set grafana.database.instances: ${zones}` +
            (zones === 2
              ? " (the trade-off: a zone loss leaves a single instance, the primary or a promoted standby, with no standby until the zone returns)"
              : "") +
            ", or use grafana.database.type: external (a PostgreSQL you run elsewhere, e.g. a managed one)";
      return {
        path: path.join("."),
        ...locate(path),
        found: `${count} ${what}`,
        expected: `at most ${zones}: ${spread}${fix}`,
      };
    });
}

function prometheusMemoryIssue(loaded: LoadedSpec, sizing: StackSizing): SpecIssue | undefined {
  const { spec, locate } = loaded;
  const sidecarBytes = features(spec).thanos ? sizing.thanosSidecar.resources.memory.value : 0;
  const prom = Quantity.of(sizing.prometheus.resources.memory.value + sidecarBytes);
  const nodeMemory = spec.nodePool.memory;
  if (prom.value <= nodeMemory.value) return undefined;
  const path = spec.prometheus.resources?.memory
    ? ["prometheus", "resources", "memory"]
    : ["prometheus", spec.prometheus.shards === "auto" ? "shards" : "resources"];
  const atMostShards = spec.prometheus.shards === "auto" && sizing.prometheus.shards >= MAX_SHARDS;
  return {
    path: path.join("."),
    ...locate(path),
    found: `a Prometheus pod needing ${prom.toBytesString()} of memory${atMostShards ? ` even at ${MAX_SHARDS} shards, the most auto makes` : ""}`,
    expected: `a pod that fits a node's ${nodeMemory.toBytesString()} (nodePool.memory): ${
      spec.prometheus.resources?.memory
        ? "lower prometheus.resources.memory or raise nodePool.memory"
        : atMostShards
          ? "raise nodePool.memory"
          : "raise prometheus.shards or nodePool.memory"
    }`,
  };
}

/** Every volume the stack claims stays within what a cloud block volume can be. */
function volumeIssues(loaded: LoadedSpec, sizing: StackSizing): SpecIssue[] {
  const { spec, locate } = loaded;
  const max = Quantity.of(MAX_VOLUME_BYTES).toBytesString();
  const volumes: Array<[string[], Quantity, string, string]> = [
    [
      spec.prometheus.storageSize ? ["prometheus", "storageSize"] : ["workload", "localRetention"],
      sizing.prometheus.storage,
      "a Prometheus volume",
      "shorten workload.localRetention or add prometheus.shards",
    ],
  ];
  if (features(spec).thanos) {
    volumes.push(
      [
        ["thanos", "store", "shards"],
        sizing.thanosStore.storage,
        "a Store Gateway volume",
        "add thanos.store.shards or shorten workload.longTermRetention",
      ],
      [
        ["thanos", "compact", "storageSize"],
        sizing.thanosCompact.storage,
        "a Thanos Compactor volume",
        "set thanos.compact.storageSize or add prometheus.shards",
      ],
    );
  }
  return volumes
    .filter(([, size]) => size.value > MAX_VOLUME_BYTES)
    .map(([path, size, what, fix]) => ({
      path: path.join("."),
      ...locate(path),
      found: `${what} of ${size.toBytesString()}`,
      expected: `a volume of at most ${max}, the largest block volume the major clouds offer: ${fix}`,
    }));
}
