/**
 * The sizing model: from a workload estimate (active series, scrape interval, retentions) to
 * shards, per-replica CPU and memory, volumes and object-storage volume. Pure; every constant
 * comes from constants.ts with its source.
 */
import { Quantity } from "../units/quantity.js";
import {
  COMPACTION_GROUP_DAYS,
  DOWNSAMPLE_AGGREGATES,
  DUPLICATE_RAW_DAYS,
  BUCKET_BLOCK_RANGE_SECONDS,
  CHUNK_BYTES_PER_SAMPLE,
  INDEX_BYTES_PER_SERIES_PER_BLOCK,
  HIGH_CARDINALITY_BLOCK_SERIES,
  MIN_CPU_CORES,
  PROMETHEUS_CPU_HEADROOM,
  PROMETHEUS_MEMORY_HEADROOM,
  SERIES_PER_SHARD_CEILING,
  STORE_BASE_BYTES,
  STORE_INDEX_CACHE_BYTES,
  STORE_INDEX_HEADER_BYTES_PER_BLOCK,
  STORE_INDEX_HEADER_BYTES_PER_HIGH_CARDINALITY_BLOCK,
  UNCOMPACTED_BLOCKS_PER_STREAM,
  VOLUME_HEADROOM,
} from "./constants.js";
import { retentionSizeFor } from "./retention-size.js";
import { ingestionCores, prometheusResidentBytes, tsdbBlockBytes, walBytes } from "./prometheus-model.js";
import { checkWorkloadInput, MAX_SHARDS, type WorkloadField, type WorkloadInput } from "./workload-input.js";

const GiB = 2 ** 30;
const MiB = 2 ** 20;
const DAY = 86_400;

/** Requests of one pod. Memory limit = memory request; no CPU limit (src/render/components/resources.ts). */
export interface PodResources {
  cpu: Quantity;
  memory: Quantity;
}

/** Volume of one resolution in object storage (after deduplication of the HA replicas). */
export interface ResolutionVolume {
  retentionDays: number;
  bytesPerDay: number;
  /** Bytes added per 30-day month while the retention is not yet full. */
  bytesPerMonth: number;
  /** Bytes held once the retention is full. */
  retainedBytes: number;
}

export interface WorkloadSizing {
  input: WorkloadInput;
  prometheus: {
    shards: number;
    /** The ceiling `auto` keeps every shard under. */
    seriesCeilingPerShard: number;
    seriesPerShard: number;
    samplesPerSecondPerShard: number;
    /** Steady resident memory the calibrated model predicts for one replica. */
    predictedResidentBytes: number;
    /** Cores one replica spends ingesting (before headroom). */
    ingestionCores: number;
    resources: PodResources;
    /** Persisted blocks for the local retention, per replica. */
    tsdbBytes: number;
    walBytes: number;
    /** PVC per replica: (blocks + WAL) × headroom, whole GiB, at least 10Gi. */
    storage: Quantity;
    /** Size retention per replica: a fraction of `storage` (retention-size.ts). */
    retentionSize: Quantity;
  };
  objectStorage: {
    raw: ResolutionVolume;
    fiveMinutes: ResolutionVolume;
    oneHour: ResolutionVolume;
    /** Bytes uploaded per day by all sidecars (every HA replica uploads its own blocks). */
    uploadBytesPerDay: number;
    /** Replicas' duplicate raw blocks waiting for the Compactor's vertical compaction. */
    duplicateBytes: number;
    /** Steady-state bucket size once every retention is full. */
    retainedBytes: number;
  };
  thanosStore: { blocks: number; resources: PodResources; storage: Quantity };
  thanosCompact: { resources: PodResources; storage: Quantity };
  grafana: { resources: PodResources };
  postgres: { resources: PodResources };
}

const cores = (c: number) => Quantity.of(Math.ceil(c * 4) / 4); // quarter cores
const memoryRoundedUp = (bytes: number) => Quantity.of(Math.ceil(bytes / (256 * MiB)) * 256 * MiB);
/** Round a byte count up to whole GiB, so that volume sizes read well and never undershoot. */
const wholeGiB = (bytes: number) => Quantity.of(Math.max(1, Math.ceil(bytes / GiB)) * GiB);
const fixed = (cpu: string, memory: string): PodResources => ({
  cpu: Quantity.parse(cpu),
  memory: Quantity.parse(memory),
});

/** Memory request of one Prometheus replica carrying `seriesPerShard`. */
export function prometheusMemoryRequest(seriesPerShard: number): number {
  return prometheusResidentBytes(seriesPerShard) * PROMETHEUS_MEMORY_HEADROOM;
}

/**
 * Shards for `activeSeries`: explicit shards as given; `auto` keeps every shard under
 * SERIES_PER_SHARD_CEILING and, when a memory budget is given, a replica's request within it.
 */
export function shardCount(activeSeries: number, shards: number | "auto", memoryBudgetPerReplica?: number): number {
  if (shards !== "auto") return shards;
  let n = Math.max(1, Math.ceil(activeSeries / SERIES_PER_SHARD_CEILING));
  if (memoryBudgetPerReplica !== undefined) {
    while (
      n < MAX_SHARDS &&
      memoryRoundedUp(prometheusMemoryRequest(Math.ceil(activeSeries / n))).value > memoryBudgetPerReplica
    )
      n++;
  }
  return n;
}

function resolution(bytesPerDay: number, retentionDays: number): ResolutionVolume {
  return { retentionDays, bytesPerDay, bytesPerMonth: bytesPerDay * 30, retainedBytes: bytesPerDay * retentionDays };
}

/** Sizes a workload; bad input throws a SizingInputError naming `names[field]` (a flag, a spec path) or the field. */
export function sizeWorkload(input: WorkloadInput, names: Partial<Record<WorkloadField, string>> = {}): WorkloadSizing {
  checkWorkloadInput(input, names);
  const { activeSeries, prometheusReplicas, storeShards } = input;
  const interval = input.scrapeInterval.seconds;

  // ── Prometheus, per replica of a shard ──
  const shards = shardCount(activeSeries, input.shards, input.memoryBudgetPerReplica);
  const seriesPerShard = Math.ceil(activeSeries / shards);
  const samplesPerSecondPerShard = seriesPerShard / interval;
  const residentBytes = prometheusResidentBytes(seriesPerShard);
  const ingestion = ingestionCores(samplesPerSecondPerShard);
  const tsdb = tsdbBlockBytes(seriesPerShard, interval, input.localRetention.seconds);
  const wal = walBytes(seriesPerShard, interval);

  // ── Object storage: one deduplicated stream per shard, compacted into 14-day blocks (one
  // index entry per series per block); downsampled resolutions keep DOWNSAMPLE_AGGREGATES
  // points per series per window ──
  const bucketBytesPerDay = (pointsPerSeriesPerDay: number) =>
    activeSeries *
    (pointsPerSeriesPerDay * CHUNK_BYTES_PER_SAMPLE +
      (INDEX_BYTES_PER_SERIES_PER_BLOCK * DAY) / BUCKET_BLOCK_RANGE_SECONDS);
  const rawBytesPerDay = bucketBytesPerDay(DAY / interval);
  const downsampledBytesPerDay = (windowSeconds: number) =>
    bucketBytesPerDay((DAY / windowSeconds) * DOWNSAMPLE_AGGREGATES);
  const { raw, fiveMinutes, oneHour } = input.longTermRetention;
  const rawVolume = resolution(rawBytesPerDay, raw.days);
  const fiveMinuteVolume = resolution(downsampledBytesPerDay(300), fiveMinutes.days);
  const oneHourVolume = resolution(downsampledBytesPerDay(3600), oneHour.days);
  const duplicateBytes = rawBytesPerDay * (prometheusReplicas - 1) * Math.min(DUPLICATE_RAW_DAYS, raw.days);

  // ── Store Gateway: index-headers of every block of its share of the bucket ──
  const blocksPerStream =
    UNCOMPACTED_BLOCKS_PER_STREAM + Math.ceil((raw.days + fiveMinutes.days + oneHour.days) / COMPACTION_GROUP_DAYS);
  const storeBlocks = Math.ceil((blocksPerStream * shards) / storeShards);
  const headerBytesPerBlock =
    seriesPerShard > HIGH_CARDINALITY_BLOCK_SERIES
      ? STORE_INDEX_HEADER_BYTES_PER_HIGH_CARDINALITY_BLOCK
      : STORE_INDEX_HEADER_BYTES_PER_BLOCK;
  const storeDisk = storeBlocks * headerBytesPerBlock;

  // ── Compactor: the source blocks of one 14-day group (every replica's copy, merged by vertical
  // compaction) plus the output, for one shard (thanos.io/tip/components/compact.md#disk) ──
  const compactScratch = (rawBytesPerDay / shards) * COMPACTION_GROUP_DAYS * (prometheusReplicas + 1) * VOLUME_HEADROOM;

  const prometheusVolume = wholeGiB(Math.max(10 * GiB, (tsdb + wal) * VOLUME_HEADROOM));
  return {
    input,
    prometheus: {
      shards,
      seriesCeilingPerShard: SERIES_PER_SHARD_CEILING,
      seriesPerShard,
      samplesPerSecondPerShard,
      predictedResidentBytes: residentBytes,
      ingestionCores: ingestion,
      resources: {
        cpu: cores(Math.max(MIN_CPU_CORES, ingestion * PROMETHEUS_CPU_HEADROOM)),
        memory: memoryRoundedUp(prometheusMemoryRequest(seriesPerShard)),
      },
      tsdbBytes: tsdb,
      walBytes: wal,
      storage: prometheusVolume,
      retentionSize: retentionSizeFor(prometheusVolume),
    },
    objectStorage: {
      raw: rawVolume,
      fiveMinutes: fiveMinuteVolume,
      oneHour: oneHourVolume,
      uploadBytesPerDay: rawBytesPerDay * prometheusReplicas,
      duplicateBytes,
      retainedBytes:
        rawVolume.retainedBytes + fiveMinuteVolume.retainedBytes + oneHourVolume.retainedBytes + duplicateBytes,
    },
    thanosStore: {
      blocks: storeBlocks,
      resources: {
        // Index-headers are mmapped and read on every query: keep them resident, plus the
        // in-memory index cache and the runtime (constants.ts).
        cpu: Quantity.parse("500m"),
        memory: memoryRoundedUp(STORE_BASE_BYTES + STORE_INDEX_CACHE_BYTES + storeDisk),
      },
      storage: wholeGiB(Math.max(10 * GiB, storeDisk * VOLUME_HEADROOM)),
    },
    thanosCompact: {
      // Compaction builds one block's index in memory: it grows with the series of a shard's
      // stream, ~ like a Prometheus head of that shard (judgment; Thanos gives no figure).
      resources: {
        cpu: Quantity.parse("1"),
        memory: memoryRoundedUp(Math.max(2 * GiB, prometheusResidentBytes(seriesPerShard))),
      },
      storage: wholeGiB(Math.max(50 * GiB, compactScratch)),
    },
    // Grafana's minimum hardware: 512 MB memory, 1 CPU core for a machine running Grafana alone
    // (grafana.com/docs/grafana/latest/setup-grafana/installation/#hardware-recommendations); the
    // pod requests the memory in full and half a core (CPU is compressible and has no limit).
    grafana: { resources: fixed("500m", "512Mi") },
    // Grafana's database holds dashboards, users and alert state: small. 512Mi/250m per
    // instance is CloudNativePG's smallest example cluster (cloudnative-pg.io/documentation/current/resource_management/).
    postgres: { resources: fixed("250m", "512Mi") },
  };
}
