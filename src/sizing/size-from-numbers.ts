/**
 * Sizing from bare numbers (what `hamon size` takes on its command line) instead of a whole spec.
 * Whatever is not given takes the spec's default (src/spec/schema.ts, the one place defaults live).
 */
import { specSchema } from "../spec/schema.js";
import { Duration } from "../units/duration.js";
import { sizeWorkload, type WorkloadSizing } from "./size-workload.js";
import { SizingInputError, type WorkloadField, type WorkloadInput } from "./workload-input.js";

export interface BareWorkload {
  /** Active series: a whole number, optionally with a k or M suffix (`500k`, `2M`). */
  series: number | string;
  scrapeInterval?: string | Duration;
  /** Local retention of each Prometheus. */
  retention?: string | Duration;
  rawRetention?: string | Duration;
  fiveMinutesRetention?: string | Duration;
  oneHourRetention?: string | Duration;
  replicas?: number | string;
  shards?: number | string;
  storeShards?: number | string;
}

export type BareField = keyof BareWorkload;

const SERIES_SUFFIX: Record<string, number> = { "": 1, k: 1e3, M: 1e6, G: 1e9 };

/** Parses a count such as `1000000`, `1e6`, `500k`, `2M`; throws a SizingInputError naming `name`. */
export function parseCount(text: number | string, name: string, what: string): number {
  if (typeof text === "number") return text;
  const m = /^([0-9]+(?:\.[0-9]+)?(?:e[0-9]+)?)([kMG]?)$/.exec(text.trim().replaceAll("_", ""));
  const value = m ? Number(m[1]) * SERIES_SUFFIX[m[2]!]! : NaN;
  if (!Number.isInteger(value))
    throw new SizingInputError(name, JSON.stringify(text), `${what}: a whole number such as 1000000, 1e6, 500k or 2M`);
  return value;
}

function parseDuration(text: string | Duration | undefined, fallback: Duration, name: string): Duration {
  if (text === undefined) return fallback;
  if (text instanceof Duration) return text;
  try {
    return Duration.parse(text.trim());
  } catch {
    throw new SizingInputError(
      name,
      JSON.stringify(text),
      "a duration such as 30s, 15d or 1h30m (units y w d h m s ms)",
    );
  }
}

/** The spec's defaults for the workload and the choices sizing reads. */
function specDefaults() {
  return {
    workload: specSchema.shape.workload.parse(undefined),
    prometheus: specSchema.shape.prometheus.parse(undefined),
    thanos: specSchema.shape.thanos.parse(undefined),
  };
}

/**
 * Sizes from bare numbers. `names` maps each field to what the user typed (e.g. `--series`), so
 * that an error names the flag, what was found and what was expected.
 */
export function sizeFromNumbers(bare: BareWorkload, names: Partial<Record<BareField, string>> = {}): WorkloadSizing {
  const d = specDefaults();
  const name = (f: BareField) => names[f] ?? f;
  const shardsText = bare.shards ?? d.prometheus.shards;
  const input: WorkloadInput = {
    activeSeries: parseCount(bare.series, name("series"), "active series"),
    scrapeInterval: parseDuration(bare.scrapeInterval, d.workload.scrapeInterval, name("scrapeInterval")),
    localRetention: parseDuration(bare.retention, d.workload.localRetention, name("retention")),
    longTermRetention: {
      raw: parseDuration(bare.rawRetention, d.workload.longTermRetention.raw, name("rawRetention")),
      fiveMinutes: parseDuration(
        bare.fiveMinutesRetention,
        d.workload.longTermRetention.fiveMinutes,
        name("fiveMinutesRetention"),
      ),
      oneHour: parseDuration(bare.oneHourRetention, d.workload.longTermRetention.oneHour, name("oneHourRetention")),
    },
    prometheusReplicas: parseCount(
      bare.replicas ?? d.prometheus.replicas,
      name("replicas"),
      "Prometheus replicas per shard",
    ),
    shards: shardsText === "auto" ? "auto" : parseCount(shardsText, name("shards"), "Prometheus shards, or auto"),
    storeShards: parseCount(bare.storeShards ?? d.thanos.store.shards, name("storeShards"), "Store Gateway shards"),
  };
  const fieldNames: Partial<Record<WorkloadField, string>> = {
    activeSeries: name("series"),
    scrapeInterval: name("scrapeInterval"),
    localRetention: name("retention"),
    "longTermRetention.raw": name("rawRetention"),
    "longTermRetention.fiveMinutes": name("fiveMinutesRetention"),
    "longTermRetention.oneHour": name("oneHourRetention"),
    prometheusReplicas: name("replicas"),
    shards: name("shards"),
    storeShards: name("storeShards"),
  };
  return sizeWorkload(input, fieldNames);
}
