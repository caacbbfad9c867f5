/**
 * What the sizing model needs: the workload estimate and the few stack choices that multiply
 * it. Checked here once, so that every figure downstream can assume sane numbers; an error names
 * the field (or the flag or spec path the caller maps it to), what was found and what was expected.
 */
import { Duration } from "../units/duration.js";
import { InputError } from "../errors.js";

export interface LongTermRetention {
  raw: Duration;
  fiveMinutes: Duration;
  oneHour: Duration;
}

export interface WorkloadInput {
  /** Active series the whole stack ingests, before HA duplication. */
  activeSeries: number;
  scrapeInterval: Duration;
  /** How long each Prometheus keeps data on its own volume. */
  localRetention: Duration;
  /** Thanos Compactor retention per resolution in object storage. */
  longTermRetention: LongTermRetention;
  /** Replicas of each Prometheus shard (the HA pair). */
  prometheusReplicas: number;
  /** hashmod shards, or `auto` to keep each shard under SERIES_PER_SHARD_CEILING. */
  shards: number | "auto";
  /** Store Gateway shards. */
  storeShards: number;
  /**
   * Memory one Prometheus pod may take at most (e.g. a node's allocatable memory minus its
   * sidecar); with `shards: auto`, shards are added until a replica's request fits. Optional.
   */
  memoryBudgetPerReplica?: number;
}

export type WorkloadField =
  keyof WorkloadInput | "longTermRetention.raw" | "longTermRetention.fiveMinutes" | "longTermRetention.oneHour";

/** Bad sizing input: names the field, what was found and what was expected. */
export class SizingInputError extends InputError {
  override name = "SizingInputError";
  constructor(
    readonly field: string,
    readonly found: string,
    readonly expected: string,
  ) {
    super(`${field}: found ${found}; expected ${expected}`);
  }
}

/** Most active series the model is calibrated to extrapolate to: 1000 shards at the ceiling. */
export const MAX_ACTIVE_SERIES = 2_000_000_000;
export const MIN_SCRAPE_INTERVAL = Duration.seconds(1);
export const MAX_SCRAPE_INTERVAL = Duration.parse("1h");
export const MAX_SHARDS = 100;

/**
 * Longest local retention. Judgment: Prometheus' local storage "is not intended to be durable
 * long-term storage" (prometheus.io/docs/prometheus/latest/storage/); history beyond a few years
 * belongs in object storage (phase ≥ 2), and ten years on one volume reads as a typo.
 */
export const MAX_LOCAL_RETENTION = Duration.parse("10y");

/**
 * The Thanos Compactor downsamples raw blocks to 5m once they span 40 hours, and 5m blocks to 1h
 * once they span 10 days (thanos.io/tip/components/compact.md, "Downsampling";
 * ResLevel1DownsampleRange and ResLevel2DownsampleRange in thanos pkg/compact/downsample/downsample.go).
 * A resolution deleted before that age is never downsampled: the coarser ones stay empty.
 */
export const RAW_AGE_FOR_5M = Duration.parse("40h");
export const FIVE_MINUTE_AGE_FOR_1H = Duration.parse("10d");

/**
 * Throws a SizingInputError for the first field out of range. `names` maps fields to what the
 * user wrote (a flag such as `--series`, a spec path such as `workload.activeSeries`).
 */
export function checkWorkloadInput(
  input: WorkloadInput,
  names: Partial<Record<WorkloadField, string>> = {},
): WorkloadInput {
  const name = (f: WorkloadField) => names[f] ?? f;
  const fail = (f: WorkloadField, found: string, expected: string): never => {
    throw new SizingInputError(name(f), found, expected);
  };
  const wholeInRange = (f: WorkloadField, v: number, min: number, max: number, what: string) => {
    if (!Number.isInteger(v) || v < min || v > max) fail(f, String(v), `${what}: a whole number from ${min} to ${max}`);
  };
  wholeInRange("activeSeries", input.activeSeries, 1, MAX_ACTIVE_SERIES, "active series");
  const interval = input.scrapeInterval;
  if (interval.compare(MIN_SCRAPE_INTERVAL) < 0 || interval.compare(MAX_SCRAPE_INTERVAL) > 0) {
    fail(
      "scrapeInterval",
      interval.toString(),
      `a scrape interval from ${MIN_SCRAPE_INTERVAL} to ${MAX_SCRAPE_INTERVAL}, e.g. 30s`,
    );
  }
  const local = input.localRetention;
  if (local.milliseconds <= 0) fail("localRetention", local.toString(), "a retention longer than 0, e.g. 15d");
  if (local.compare(MAX_LOCAL_RETENTION) > 0) {
    fail(
      "localRetention",
      local.toString(),
      `a local retention of at most ${MAX_LOCAL_RETENTION}: each Prometheus keeps it on its own volume; keep longer history in object storage (workload.longTermRetention, phase ≥ 2)`,
    );
  }
  const { raw, fiveMinutes, oneHour } = input.longTermRetention;
  for (const [key, d] of [
    ["longTermRetention.raw", raw],
    ["longTermRetention.fiveMinutes", fiveMinutes],
    ["longTermRetention.oneHour", oneHour],
  ] as const) {
    // Thanos reads 0 as "keep forever" (thanos.io/tip/components/compact.md, --retention.resolution-*:
    // "0d - disables this retention"): a bucket that never stops growing has no size to plan for.
    if (d.milliseconds <= 0) {
      fail(
        key,
        d.toString(),
        "a finite retention such as 30d or 10y: Thanos reads 0 as keep forever, and hamon sizes the bucket and Store Gateway for a retention that ends",
      );
    }
    if (d.milliseconds > Duration.LONGEST_PARSEABLE_MS) {
      fail(key, d.toString(), "a retention of at most 292y, the longest Thanos can parse");
    }
  }
  if (raw.compare(RAW_AGE_FOR_5M) < 0) {
    fail(
      "longTermRetention.raw",
      raw.toString(),
      `at least 40h: the Compactor makes 5m data only from raw blocks 40 hours old, so raw data deleted sooner would leave the 5m and 1h resolutions empty`,
    );
  }
  if (fiveMinutes.compare(FIVE_MINUTE_AGE_FOR_1H) < 0) {
    fail(
      "longTermRetention.fiveMinutes",
      fiveMinutes.toString(),
      `at least 10d: the Compactor makes 1h data only from 5m blocks 10 days old, so 5m data deleted sooner would leave the 1h resolution empty`,
    );
  }
  wholeInRange("prometheusReplicas", input.prometheusReplicas, 1, 50, "Prometheus replicas per shard");
  if (input.shards !== "auto") wholeInRange("shards", input.shards, 1, MAX_SHARDS, "Prometheus shards, or auto");
  wholeInRange("storeShards", input.storeShards, 1, 20, "Store Gateway shards");
  if (input.memoryBudgetPerReplica !== undefined && !(input.memoryBudgetPerReplica >= 0)) {
    fail("memoryBudgetPerReplica", String(input.memoryBudgetPerReplica), "a number of bytes, 0 or more");
  }
  return input;
}
