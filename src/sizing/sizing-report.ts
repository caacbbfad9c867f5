/**
 * `WorkloadSizing` for people and programs: a JSON-ready object (units spelled out, quantities in
 * Kubernetes notation) and a text table. Pure; the CLI only prints.
 */
import type { Duration } from "../units/duration.js";
import type { Quantity } from "../units/quantity.js";
import type { PodResources, ResolutionVolume, WorkloadSizing } from "./size-workload.js";
import { plural } from "../plural.js";
import { prometheusByteSize } from "./retention-size.js";
import { RETENTION_SIZE_FRACTION } from "./constants.js";

const KUBE_NOTE =
  "memory limit = memory request; no CPU limit (CFS throttling stalls scrapes; see src/render/components/resources.ts)";

function resources(r: PodResources) {
  return {
    requests: { cpu: r.cpu.toCpuString(), memory: r.memory.toBytesString() },
    limits: { cpu: null, memory: r.memory.toBytesString() },
  };
}
const storage = (q: Quantity) => q.toBytesString();
const volume = (v: ResolutionVolume) => ({
  retentionDays: round(v.retentionDays, 2),
  bytesPerDay: Math.round(v.bytesPerDay),
  bytesPerMonth: Math.round(v.bytesPerMonth),
  retainedBytes: Math.round(v.retainedBytes),
});
const round = (n: number, digits: number) => Number(n.toFixed(digits));
/** Whole days as days (`15d`, not Prometheus' `2w1d`); anything else in Prometheus' form. Both parse back. */
const readable = (d: Duration) =>
  d.milliseconds > 0 && d.milliseconds % 86_400_000 === 0 ? `${d.days}d` : d.toString();

/** The JSON form of `hamon size --format json`. Bytes are plain numbers; requests/limits are Kubernetes quantities. */
export function sizingReport(w: WorkloadSizing) {
  const p = w.prometheus;
  return {
    input: {
      activeSeries: w.input.activeSeries,
      scrapeInterval: readable(w.input.scrapeInterval),
      localRetention: readable(w.input.localRetention),
      longTermRetention: {
        raw: readable(w.input.longTermRetention.raw),
        fiveMinutes: readable(w.input.longTermRetention.fiveMinutes),
        oneHour: readable(w.input.longTermRetention.oneHour),
      },
      prometheusReplicas: w.input.prometheusReplicas,
      shards: w.input.shards,
      storeShards: w.input.storeShards,
    },
    prometheus: {
      shards: p.shards,
      replicasPerShard: w.input.prometheusReplicas,
      seriesCeilingPerShard: p.seriesCeilingPerShard,
      seriesPerShard: p.seriesPerShard,
      samplesPerSecondPerShard: round(p.samplesPerSecondPerShard, 1),
      predictedResidentBytes: Math.round(p.predictedResidentBytes),
      ingestionCores: round(p.ingestionCores, 3),
      perReplica: {
        ...resources(p.resources),
        storage: storage(p.storage),
        retentionSize: prometheusByteSize(p.retentionSize),
      },
      tsdbBytes: Math.round(p.tsdbBytes),
      walBytes: Math.round(p.walBytes),
    },
    objectStorage: {
      raw: volume(w.objectStorage.raw),
      fiveMinutes: volume(w.objectStorage.fiveMinutes),
      oneHour: volume(w.objectStorage.oneHour),
      uploadBytesPerDay: Math.round(w.objectStorage.uploadBytesPerDay),
      duplicateBytes: Math.round(w.objectStorage.duplicateBytes),
      retainedBytes: Math.round(w.objectStorage.retainedBytes),
    },
    thanosStore: {
      blocksPerShard: w.thanosStore.blocks,
      perReplica: { ...resources(w.thanosStore.resources), storage: storage(w.thanosStore.storage) },
    },
    thanosCompact: { ...resources(w.thanosCompact.resources), storage: storage(w.thanosCompact.storage) },
    grafana: { perReplica: resources(w.grafana.resources) },
    postgres: { perInstance: resources(w.postgres.resources) },
    note: KUBE_NOTE,
  };
}

/** Bytes in the largest binary unit that keeps 3 significant digits (`1.46 TiB`). */
export function humanBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ${units[i]}`;
}

/** The text form of `hamon size`. */
export function sizingText(w: WorkloadSizing): string {
  const p = w.prometheus;
  const res = (r: PodResources) => `cpu ${r.cpu.toCpuString()}, memory ${r.memory.toBytesString()} (request = limit)`;
  const o = w.objectStorage;
  const line = (name: string, v: ResolutionVolume) =>
    `  ${name.padEnd(6)} ${humanBytes(v.bytesPerDay).padStart(10)}/day ${humanBytes(v.bytesPerMonth).padStart(10)}/month   kept ${String(round(v.retentionDays, 1)).padStart(5)} d → ${humanBytes(v.retainedBytes)}`;
  return [
    `Workload: ${w.input.activeSeries} active series every ${readable(w.input.scrapeInterval)}, local retention ${readable(w.input.localRetention)}`,
    "",
    `Prometheus: ${plural(p.shards, "shard")} × ${plural(w.input.prometheusReplicas, "replica")} (each shard under ${p.seriesCeilingPerShard} series)`,
    `  per replica: ${p.seriesPerShard} series, ${Math.round(p.samplesPerSecondPerShard)} samples/s`,
    `  resources:   ${res(p.resources)}; no CPU limit`,
    `               (predicted steady resident memory ${humanBytes(p.predictedResidentBytes)}, ingestion ${round(p.ingestionCores, 2)} cores)`,
    `  volume:      ${p.storage.toBytesString()} (blocks ${humanBytes(p.tsdbBytes)} + WAL ${humanBytes(p.walBytes)}, with headroom)`,
    `  retention:   ${readable(w.input.localRetention)} or ${prometheusByteSize(p.retentionSize)}, whichever comes first (${Math.round(RETENTION_SIZE_FRACTION * 100)}% of the volume: room for the WAL and compaction)`,
    "",
    "Object storage (after deduplication of the HA replicas):",
    line("raw", o.raw),
    line("5m", o.fiveMinutes),
    line("1h", o.oneHour),
    `  uploads ${humanBytes(o.uploadBytesPerDay)}/day from all replicas; steady bucket size ${humanBytes(o.retainedBytes)} (incl. ${humanBytes(o.duplicateBytes)} not yet deduplicated)`,
    "",
    `Thanos Store Gateway: ${res(w.thanosStore.resources)}, volume ${w.thanosStore.storage.toBytesString()} (~${w.thanosStore.blocks} blocks per shard)`,
    `Thanos Compactor:     ${res(w.thanosCompact.resources)}, volume ${w.thanosCompact.storage.toBytesString()}`,
    `Grafana:              ${res(w.grafana.resources)} per replica`,
    `PostgreSQL:           ${res(w.postgres.resources)} per instance`,
    "",
    "Model and calibration: docs/sizing.md",
    "",
  ].join("\n");
}
