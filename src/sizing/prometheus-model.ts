/**
 * The calibrated Prometheus model: what one Prometheus needs for a given number of active
 * series and samples. Pure functions of numbers; the constants come from constants.ts, fitted by
 * bench/sizing/run.ts on the real Prometheus. The benchmark's "predicted" column calls these.
 */
import {
  BYTES_PER_SAMPLE,
  CPU_SECONDS_PER_SAMPLE,
  PROMETHEUS_BASE_BYTES,
  PROMETHEUS_BYTES_PER_SERIES,
  WAL_BYTES_PER_SAMPLE,
  WAL_HOURS,
} from "./constants.js";

/** Steady resident memory (VmRSS) of a Prometheus ingesting `activeSeries` head series. */
export function prometheusResidentBytes(activeSeries: number): number {
  return PROMETHEUS_BASE_BYTES + activeSeries * PROMETHEUS_BYTES_PER_SERIES;
}

/** Bytes on disk of persisted blocks holding `spanSeconds` of `activeSeries` scraped every `intervalSeconds`. */
export function tsdbBlockBytes(activeSeries: number, intervalSeconds: number, spanSeconds: number): number {
  return activeSeries * (spanSeconds / intervalSeconds) * BYTES_PER_SAMPLE;
}

/** Bytes of the write-ahead log at its largest (WAL_HOURS of samples). */
export function walBytes(activeSeries: number, intervalSeconds: number): number {
  return activeSeries * ((WAL_HOURS * 3600) / intervalSeconds) * WAL_BYTES_PER_SAMPLE;
}

/** CPU cores spent ingesting `samplesPerSecond` (scrape, parse, append, WAL, compaction). */
export function ingestionCores(samplesPerSecond: number): number {
  return samplesPerSecond * CPU_SECONDS_PER_SAMPLE;
}
