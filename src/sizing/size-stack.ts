/**
 * Pure sizing: from the spec's workload estimate to shards, per-pod resources and volumes.
 */
import type { Spec, ResourcesOverride } from "../spec/schema.js";
import { Quantity } from "../units/quantity.js";
import {
  BYTES_PER_SAMPLE,
  DOWNSAMPLE_AGGREGATES,
  PROMETHEUS_BASE_BYTES,
  PROMETHEUS_BYTES_PER_SERIES,
  SAMPLES_PER_CORE,
  SERIES_PER_SHARD_CEILING,
  VOLUME_HEADROOM,
} from "./constants.js";

export interface PodResources {
  cpu: Quantity;
  memory: Quantity;
}

export interface StackSizing {
  prometheus: {
    shards: number;
    seriesPerShard: number;
    samplesPerSecondPerShard: number;
    resources: PodResources;
    storage: Quantity;
  };
  alertmanager: { resources: PodResources; storage: Quantity };
  thanosSidecar: { resources: PodResources };
  thanosQuery: { resources: PodResources };
  thanosQueryFrontend: { resources: PodResources };
  thanosStore: { resources: PodResources; storage: Quantity };
  thanosCompact: { resources: PodResources; storage: Quantity };
  grafana: { resources: PodResources };
  postgres: { resources: PodResources };
  redis: { resources: PodResources };
  objectStorage: {
    /** Bytes uploaded per day by all sidecars (every HA replica uploads its own blocks). */
    uploadBytesPerDay: number;
    /** Steady-state bucket size once every retention is full, after deduplication. */
    retainedBytes: number;
  };
}

const GiB = 2 ** 30;
const MiB = 2 ** 20;
const fixed = (cpu: string, memory: string): PodResources => ({ cpu: Quantity.parse(cpu), memory: Quantity.parse(memory) });

function withOverride(sized: PodResources, override: ResourcesOverride | undefined): PodResources {
  return { cpu: override?.cpu ?? sized.cpu, memory: override?.memory ?? sized.memory };
}

/** Round a byte count up to whole GiB, so that volume sizes read well and never undershoot. */
const wholeGiB = (bytes: number) => Quantity.of(Math.max(1, Math.ceil(bytes / GiB)) * GiB);

export function shardCount(activeSeries: number, shards: number | "auto"): number {
  return shards === "auto" ? Math.max(1, Math.ceil(activeSeries / SERIES_PER_SHARD_CEILING)) : shards;
}

export function sizeStack(spec: Spec): StackSizing {
  const { workload } = spec;
  const shards = shardCount(workload.activeSeries, spec.prometheus.shards);
  const seriesPerShard = Math.ceil(workload.activeSeries / shards);
  const samplesPerSecond = seriesPerShard / workload.scrapeInterval.seconds;

  const promMemory = PROMETHEUS_BASE_BYTES + seriesPerShard * PROMETHEUS_BYTES_PER_SERIES;
  const promCpu = Math.max(0.25, samplesPerSecond / SAMPLES_PER_CORE);
  const promDisk = workload.localRetention.seconds * samplesPerSecond * BYTES_PER_SAMPLE * VOLUME_HEADROOM;

  const totalSamplesPerSecond = workload.activeSeries / workload.scrapeInterval.seconds;
  const rawBytesPerDay = totalSamplesPerSecond * 86_400 * BYTES_PER_SAMPLE;
  const { raw, fiveMinutes, oneHour } = workload.longTermRetention;
  const pointsPerSecondAt = (window: number) => (workload.activeSeries * DOWNSAMPLE_AGGREGATES) / window;
  const retainedBytes =
    rawBytesPerDay * raw.days +
    pointsPerSecondAt(300) * 86_400 * BYTES_PER_SAMPLE * fiveMinutes.days +
    pointsPerSecondAt(3600) * 86_400 * BYTES_PER_SAMPLE * oneHour.days;

  // The Compactor downloads the blocks of one compaction group (up to 2 weeks of one stream at
  // raw resolution) to local disk: Thanos docs ask for ~ that size of scratch space
  // (thanos.io/tip/components/compact.md#disk). Two weeks of one replica's data per shard, plus headroom.
  const compactScratch = rawBytesPerDay * 14 * VOLUME_HEADROOM;

  return {
    prometheus: {
      shards,
      seriesPerShard,
      samplesPerSecondPerShard: samplesPerSecond,
      resources: withOverride(
        { cpu: Quantity.of(Math.ceil(promCpu * 4) / 4), memory: Quantity.of(Math.ceil(promMemory / (256 * MiB)) * 256 * MiB) },
        spec.prometheus.resources,
      ),
      storage: spec.prometheus.storageSize ?? wholeGiB(Math.max(promDisk, 10 * GiB)),
    },
    alertmanager: { resources: withOverride(fixed("100m", "256Mi"), spec.alertmanager.resources), storage: Quantity.parse("1Gi") },
    thanosSidecar: { resources: fixed("100m", "256Mi") },
    thanosQuery: { resources: withOverride(fixed("500m", "2Gi"), spec.thanos.query.resources) },
    thanosQueryFrontend: { resources: withOverride(fixed("250m", "1Gi"), spec.thanos.queryFrontend.resources) },
    thanosStore: {
      // Store Gateway keeps an index-header per block in memory; ~1 GiB per million series of
      // retained raw data is the Thanos community's rule of thumb. Kept simple until calibrated.
      resources: withOverride(
        { cpu: Quantity.parse("500m"), memory: Quantity.of(Math.max(2, Math.ceil(workload.activeSeries / 1e6 / spec.thanos.store.shards)) * GiB) },
        spec.thanos.store.resources,
      ),
      storage: wholeGiB(Math.max(10 * GiB, (retainedBytes * 0.02) / spec.thanos.store.shards)),
    },
    thanosCompact: {
      resources: withOverride(fixed("1", "4Gi"), spec.thanos.compact.resources),
      storage: spec.thanos.compact.storageSize ?? wholeGiB(Math.max(50 * GiB, compactScratch)),
    },
    grafana: { resources: withOverride(fixed("250m", "512Mi"), spec.grafana.resources) },
    postgres: { resources: fixed("250m", "512Mi") },
    redis: { resources: fixed("100m", "256Mi") },
    objectStorage: { uploadBytesPerDay: rawBytesPerDay * spec.prometheus.replicas, retainedBytes },
  };
}
