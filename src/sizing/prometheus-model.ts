/**
 * The calibrated Prometheus model: what one Prometheus needs for a given number of active
 * series and samples. Pure functions of numbers; the constants come from constants.ts, fitted by
 * bench/sizing/run.ts on the real Prometheus. The benchmark's "predicted" column calls these.
 */
import {
  CHUNK_BYTES_PER_SAMPLE,
  CPU_SECONDS_PER_SAMPLE,
  INDEX_BYTES_PER_SERIES_PER_BLOCK,
  LOCAL_BLOCK_RANGE_SECONDS,
  PROMETHEUS_BASE_BYTES,
  PROMETHEUS_BYTES_PER_SERIES,
  WAL_BYTES_PER_SAMPLE,
  WAL_HOURS,
} from "./constants.js";

/** Steady resident memory (VmRSS) of a Prometheus ingesting `activeSeries` head series. */
export function prometheusResidentBytes(activeSeries: number): number {
  return PROMETHEUS_BASE_BYTES + activeSeries * PROMETHEUS_BYTES_PER_SERIES;
}

/**
 * Bytes on disk of the blocks holding `spanSeconds` of `activeSeries` scraped every
 * `intervalSeconds`: the samples' chunks, plus one index entry per series in every block of
 * `blockRangeSeconds` (default: a local Prometheus block, 2h).
 */
export function tsdbBlockBytes(
  activeSeries: number,
  intervalSeconds: number,
  spanSeconds: number,
  blockRangeSeconds: number = LOCAL_BLOCK_RANGE_SECONDS,
): number {
  const samples = activeSeries * (spanSeconds / intervalSeconds);
  const blocks = Math.ceil(spanSeconds / blockRangeSeconds);
  return samples * CHUNK_BYTES_PER_SAMPLE + activeSeries * INDEX_BYTES_PER_SERIES_PER_BLOCK * blocks;
}

/** Bytes of the write-ahead log at its largest (WAL_HOURS of samples). */
export function walBytes(activeSeries: number, intervalSeconds: number): number {
  return activeSeries * ((WAL_HOURS * 3600) / intervalSeconds) * WAL_BYTES_PER_SAMPLE;
}

/** CPU cores spent ingesting `samplesPerSecond` (scrape, parse, append, WAL, compaction). */
export function ingestionCores(samplesPerSecond: number): number {
  return samplesPerSecond * CPU_SECONDS_PER_SAMPLE;
}
