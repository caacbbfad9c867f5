/**
 * Pure sizing of a whole spec: the workload model (size-workload.ts) applied to the spec's
 * workload estimate and choices, with the spec's per-component overrides on top. The render
 * modules consume `StackSizing`.
 */
import { clusterTargetSeries } from "./cluster-target-series.js";
import type { Spec, ResourcesOverride } from "../spec/schema.js";
import { Quantity } from "../units/quantity.js";
import { shardCount as shardCountFor, sizeWorkload, type PodResources, type WorkloadSizing } from "./size-workload.js";
import type { WorkloadField, WorkloadInput } from "./workload-input.js";
import { features } from "../spec/features.js";
import { retentionSizeFor } from "./retention-size.js";

export type { PodResources } from "./size-workload.js";

export interface StackSizing {
  prometheus: {
    shards: number;
    seriesPerShard: number;
    samplesPerSecondPerShard: number;
    resources: PodResources;
    storage: Quantity;
    /** `retentionSize` of each replica, from `storage` (the spec's override, if any). */
    retentionSize: Quantity;
  };
  alertmanager: { resources: PodResources; storage: Quantity };
  thanosSidecar: { resources: PodResources };
  thanosQuery: { resources: PodResources };
  thanosQueryFrontend: { resources: PodResources };
  thanosStore: { resources: PodResources; storage: Quantity };
  thanosCompact: { resources: PodResources; storage: Quantity };
  thanosRuler: { resources: PodResources; storage: Quantity };
  grafana: { resources: PodResources };
  postgres: { resources: PodResources };
  redis: { resources: PodResources };
  objectStorage: {
    /** Bytes uploaded per day by all sidecars (every HA replica uploads its own blocks). */
    uploadBytesPerDay: number;
    /** Steady-state bucket size once every retention is full, after deduplication. */
    retainedBytes: number;
  };
  /** The full model output (per-resolution volumes, predicted resident memory, WAL, …). */
  workload: WorkloadSizing;
}

/** Spec paths of the model's inputs, so that an out-of-range value names what to change. */
export const WORKLOAD_SPEC_PATHS: Record<WorkloadField, string> = {
  activeSeries: "workload.activeSeries",
  scrapeInterval: "workload.scrapeInterval",
  localRetention: "workload.localRetention",
  longTermRetention: "workload.longTermRetention",
  "longTermRetention.raw": "workload.longTermRetention.raw",
  "longTermRetention.fiveMinutes": "workload.longTermRetention.fiveMinutes",
  "longTermRetention.oneHour": "workload.longTermRetention.oneHour",
  prometheusReplicas: "prometheus.replicas",
  shards: "prometheus.shards",
  storeShards: "thanos.store.shards",
  memoryBudgetPerReplica: "nodePool.memory",
};

const fixed = (cpu: string, memory: string): PodResources => ({
  cpu: Quantity.parse(cpu),
  memory: Quantity.parse(memory),
});
/** The Thanos sidecar beside each Prometheus (fixed: it proxies queries and uploads blocks). */
const SIDECAR = fixed("100m", "256Mi");
/**
 * The Thanos Ruler (fixed, a judgement call: Thanos publishes no sizing for it). It scrapes
 * nothing: Thanos Query does the heavy part of each evaluation, and the Ruler's own TSDB holds
 * only the series its rules produce (alerts, ALERTS_FOR_STATE, the whole-view recording rules),
 * a tiny fraction of a shard's (thanos.io/tip/components/rule.md). Raise it with
 * `thanos.ruler.resources` when many whole-view rules return large vectors.
 */
const RULER = fixed("100m", "512Mi");
/** The Ruler's volume: its rule results until uploaded (2h blocks), and the alerts' `for` state across restarts. */
const RULER_VOLUME = Quantity.parse("10Gi");

function withOverride(sized: PodResources, override: ResourcesOverride | undefined): PodResources {
  return { cpu: override?.cpu ?? sized.cpu, memory: override?.memory ?? sized.memory };
}

/** The model's input from a spec: the workload estimate, the replica and shard choices, and the node size. */
export function workloadInputOf(spec: Spec): WorkloadInput {
  const sidecar = features(spec).thanos ? SIDECAR.memory.value : 0;
  return {
    // The workload's own series plus what the cluster's targets add for its nodes and pods.
    activeSeries: spec.workload.activeSeries + clusterTargetSeries(spec),
    scrapeInterval: spec.workload.scrapeInterval,
    localRetention: spec.workload.localRetention,
    longTermRetention: spec.workload.longTermRetention,
    prometheusReplicas: spec.prometheus.replicas,
    shards: spec.prometheus.shards,
    storeShards: spec.thanos.store.shards,
    // A memory override fixes the request: then auto sharding follows the series ceiling only.
    // A node smaller than the sidecar leaves no budget: auto sharding then goes to its maximum,
    // and the feasibility check says the node is too small (src/pipeline/feasibility.ts).
    memoryBudgetPerReplica: spec.prometheus.resources?.memory
      ? undefined
      : Math.max(0, spec.nodePool.memory.value - sidecar),
  };
}

/** Shards for the spec's workload (`auto` or as given). */
export function shardCount(activeSeries: number, shards: number | "auto"): number {
  return shardCountFor(activeSeries, shards);
}

export function sizeStack(spec: Spec): StackSizing {
  const w = sizeWorkload(workloadInputOf(spec), WORKLOAD_SPEC_PATHS);
  const prometheusVolume = spec.prometheus.storageSize ?? w.prometheus.storage;
  return {
    prometheus: {
      shards: w.prometheus.shards,
      seriesPerShard: w.prometheus.seriesPerShard,
      samplesPerSecondPerShard: w.prometheus.samplesPerSecondPerShard,
      resources: withOverride(w.prometheus.resources, spec.prometheus.resources),
      storage: prometheusVolume,
      retentionSize: retentionSizeFor(prometheusVolume),
    },
    alertmanager: {
      resources: withOverride(fixed("100m", "256Mi"), spec.alertmanager.resources),
      storage: Quantity.parse("1Gi"),
    },
    thanosSidecar: { resources: SIDECAR },
    thanosQuery: { resources: withOverride(fixed("500m", "2Gi"), spec.thanos.query.resources) },
    thanosQueryFrontend: { resources: withOverride(fixed("250m", "1Gi"), spec.thanos.queryFrontend.resources) },
    thanosStore: {
      resources: withOverride(w.thanosStore.resources, spec.thanos.store.resources),
      storage: w.thanosStore.storage,
    },
    thanosCompact: {
      resources: withOverride(w.thanosCompact.resources, spec.thanos.compact.resources),
      storage: spec.thanos.compact.storageSize ?? w.thanosCompact.storage,
    },
    thanosRuler: { resources: withOverride(RULER, spec.thanos.ruler.resources), storage: RULER_VOLUME },
    grafana: { resources: withOverride(w.grafana.resources, spec.grafana.resources) },
    postgres: { resources: w.postgres.resources },
    redis: { resources: fixed("100m", "256Mi") },
    objectStorage: {
      uploadBytesPerDay: w.objectStorage.uploadBytesPerDay,
      retainedBytes: w.objectStorage.retainedBytes,
    },
    workload: w,
  };
}
