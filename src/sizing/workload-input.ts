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
  if (input.localRetention.milliseconds <= 0)
    fail("localRetention", input.localRetention.toString(), "a retention longer than 0, e.g. 15d");
  for (const key of ["raw", "fiveMinutes", "oneHour"] as const) {
    const d = input.longTermRetention[key];
    if (d.milliseconds < 0) fail(`longTermRetention.${key}`, d.toString(), "a retention of 0 (keep nothing) or longer");
  }
  wholeInRange("prometheusReplicas", input.prometheusReplicas, 1, 50, "Prometheus replicas per shard");
  if (input.shards !== "auto") wholeInRange("shards", input.shards, 1, MAX_SHARDS, "Prometheus shards, or auto");
  wholeInRange("storeShards", input.storeShards, 1, 20, "Store Gateway shards");
  if (input.memoryBudgetPerReplica !== undefined && !(input.memoryBudgetPerReplica > 0)) {
    fail("memoryBudgetPerReplica", String(input.memoryBudgetPerReplica), "a positive number of bytes");
  }
  return input;
}
