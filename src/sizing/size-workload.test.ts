import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Duration } from "../units/duration.js";
import { SERIES_PER_SHARD_CEILING } from "./constants.js";
import { prometheusMemoryRequest, shardCount, sizeWorkload, type WorkloadSizing } from "./size-workload.js";
import { SizingInputError, type WorkloadInput } from "./workload-input.js";

const base: WorkloadInput = {
  activeSeries: 1_000_000,
  scrapeInterval: Duration.parse("30s"),
  localRetention: Duration.parse("15d"),
  longTermRetention: { raw: Duration.parse("30d"), fiveMinutes: Duration.parse("180d"), oneHour: Duration.parse("2y") },
  prometheusReplicas: 2,
  shards: "auto",
  storeShards: 1,
};

const series = fc.integer({ min: 1, max: 50_000_000 });
const fixedShards = fc.integer({ min: 1, max: 20 });
const intervalSeconds = fc.integer({ min: 1, max: 3600 });
const retentionHours = fc.integer({ min: 1, max: 24 * 400 });

/** Every per-replica figure and every volume, as numbers: what "bigger workload, not smaller stack" compares. */
function figures(w: WorkloadSizing): Record<string, number> {
  const p = w.prometheus;
  return {
    promCpu: p.resources.cpu.value,
    promMemory: p.resources.memory.value,
    promStorage: p.storage.value,
    promResident: p.predictedResidentBytes,
    raw: w.objectStorage.raw.retainedBytes,
    fiveMinutes: w.objectStorage.fiveMinutes.retainedBytes,
    oneHour: w.objectStorage.oneHour.retainedBytes,
    upload: w.objectStorage.uploadBytesPerDay,
    bucket: w.objectStorage.retainedBytes,
    storeMemory: w.thanosStore.resources.memory.value,
    storeStorage: w.thanosStore.storage.value,
    compactStorage: w.thanosCompact.storage.value,
    compactMemory: w.thanosCompact.resources.memory.value,
  };
}
function expectNoneSmaller(small: WorkloadSizing, big: WorkloadSizing) {
  const a = figures(small);
  const b = figures(big);
  for (const key of Object.keys(a)) expect(b[key], key).toBeGreaterThanOrEqual(a[key]!);
}

describe("sizeWorkload is monotone", () => {
  it("in active series, at a fixed shard count: no figure shrinks", () => {
    fc.assert(
      fc.property(series, series, fixedShards, (x, y, shards) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        expectNoneSmaller(
          sizeWorkload({ ...base, shards, activeSeries: lo }),
          sizeWorkload({ ...base, shards, activeSeries: hi }),
        );
      }),
    );
  });
  it("in active series, with auto shards: shards and total predicted memory never shrink", () => {
    fc.assert(
      fc.property(series, series, (x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const a = sizeWorkload({ ...base, activeSeries: lo });
        const b = sizeWorkload({ ...base, activeSeries: hi });
        expect(b.prometheus.shards).toBeGreaterThanOrEqual(a.prometheus.shards);
        const total = (w: WorkloadSizing) => w.prometheus.shards * w.prometheus.predictedResidentBytes;
        expect(total(b)).toBeGreaterThanOrEqual(total(a));
        expect(b.objectStorage.retainedBytes).toBeGreaterThanOrEqual(a.objectStorage.retainedBytes);
      }),
    );
  });
  it("in local retention: the Prometheus volume never shrinks, nothing else changes", () => {
    fc.assert(
      fc.property(retentionHours, retentionHours, series, (x, y, s) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const a = sizeWorkload({ ...base, activeSeries: s, localRetention: Duration.seconds(lo * 3600) });
        const b = sizeWorkload({ ...base, activeSeries: s, localRetention: Duration.seconds(hi * 3600) });
        expect(b.prometheus.storage.value).toBeGreaterThanOrEqual(a.prometheus.storage.value);
        expect(b.prometheus.tsdbBytes).toBeGreaterThanOrEqual(a.prometheus.tsdbBytes);
        expect(b.prometheus.resources).toEqual(a.prometheus.resources);
        expect(b.objectStorage).toEqual(a.objectStorage);
      }),
    );
  });
  it("in long-term retention: bucket, Store Gateway and per-resolution volumes never shrink", () => {
    // From the shortest retention each resolution accepts (raw 40h → 2d, 5m 10d, 1h any) up.
    const days = fc.tuple(
      fc.integer({ min: 2, max: 3650 }),
      fc.integer({ min: 10, max: 3650 }),
      fc.integer({ min: 1, max: 3650 }),
    );
    fc.assert(
      fc.property(days, days, series, (x, y, s) => {
        const lo = x.map((v, i) => Math.min(v, y[i]!));
        const hi = x.map((v, i) => Math.max(v, y[i]!));
        const ltr = ([r, f, h]: number[]) => ({
          raw: Duration.days(r!),
          fiveMinutes: Duration.days(f!),
          oneHour: Duration.days(h!),
        });
        expectNoneSmaller(
          sizeWorkload({ ...base, activeSeries: s, longTermRetention: ltr(lo) }),
          sizeWorkload({ ...base, activeSeries: s, longTermRetention: ltr(hi) }),
        );
      }),
    );
  });
  it("strictly in retention: each resolution keeps its bytes per day for its whole retention", () => {
    const days = fc.integer({ min: 10, max: 3650 });
    fc.assert(
      fc.property(days, days, (x, y) => {
        fc.pre(x !== y);
        const at = (d: number) =>
          sizeWorkload({
            ...base,
            longTermRetention: { raw: Duration.days(d), fiveMinutes: Duration.days(d), oneHour: Duration.days(d) },
          }).objectStorage;
        const [a, b] = [at(x), at(y)];
        for (const r of ["raw", "fiveMinutes", "oneHour"] as const) {
          expect(b[r].bytesPerDay).toBe(a[r].bytesPerDay);
          expect(b[r].retainedBytes / a[r].retainedBytes).toBeCloseTo(y / x, 6);
        }
        const local = (d: number) => sizeWorkload({ ...base, localRetention: Duration.days(d) }).prometheus.tsdbBytes;
        expect(local(y) / local(x)).toBeCloseTo(y / x, 6);
      }),
    );
  });
  it("in scrape frequency: a shorter interval never needs less", () => {
    fc.assert(
      fc.property(intervalSeconds, intervalSeconds, series, (x, y, s) => {
        const [short, long] = x <= y ? [x, y] : [y, x];
        expectNoneSmaller(
          sizeWorkload({ ...base, activeSeries: s, scrapeInterval: Duration.seconds(long) }),
          sizeWorkload({ ...base, activeSeries: s, scrapeInterval: Duration.seconds(short) }),
        );
      }),
    );
  });
  it("a shorter interval costs strictly more disk and object storage for the same series", () => {
    const a = sizeWorkload({ ...base, scrapeInterval: Duration.parse("60s") });
    const b = sizeWorkload({ ...base, scrapeInterval: Duration.parse("15s") });
    // 4× the samples; the per-block index does not grow with the interval.
    expect(b.prometheus.tsdbBytes).toBeGreaterThan(a.prometheus.tsdbBytes * 3);
    expect(b.prometheus.tsdbBytes).toBeLessThan(a.prometheus.tsdbBytes * 4);
    expect(b.objectStorage.raw.bytesPerDay).toBeGreaterThan(a.objectStorage.raw.bytesPerDay);
  });
});

describe("shards", () => {
  it("auto keeps every shard under the ceiling, with the fewest shards that do", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 150_000_000 }), (s) => {
        const w = sizeWorkload({ ...base, activeSeries: s });
        expect(w.prometheus.seriesPerShard).toBeLessThanOrEqual(SERIES_PER_SHARD_CEILING);
        expect(w.prometheus.seriesPerShard * w.prometheus.shards).toBeGreaterThanOrEqual(s);
        if (w.prometheus.shards > 1) expect(s / (w.prometheus.shards - 1)).toBeGreaterThan(SERIES_PER_SHARD_CEILING);
      }),
    );
  });
  it("auto adds shards until a replica's memory request fits the budget", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000_000 }), fc.integer({ min: 4, max: 64 }), (s, budgetGiB) => {
        const budget = budgetGiB * 2 ** 30;
        const w = sizeWorkload({ ...base, activeSeries: s, memoryBudgetPerReplica: budget });
        expect(w.prometheus.resources.memory.value).toBeLessThanOrEqual(budget);
        expect(w.prometheus.seriesPerShard).toBeLessThanOrEqual(SERIES_PER_SHARD_CEILING);
      }),
    );
  });
  it("explicit shards are kept as given", () => {
    expect(shardCount(10_000_000, 3)).toBe(3);
    expect(sizeWorkload({ ...base, activeSeries: 9_000_000, shards: 3 }).prometheus.seriesPerShard).toBe(3_000_000);
  });
  it("memory request grows with the series of a shard", () => {
    expect(prometheusMemoryRequest(2_000_000)).toBeGreaterThan(prometheusMemoryRequest(1_000_000));
  });
});

describe("bad input", () => {
  const bad: Array<[Partial<WorkloadInput>, RegExp]> = [
    [{ activeSeries: 0 }, /^activeSeries: found 0; expected active series: a whole number from 1/],
    [{ activeSeries: 1.5 }, /^activeSeries: found 1.5;/],
    [{ activeSeries: Number.NaN }, /^activeSeries: found NaN;/],
    [
      { scrapeInterval: Duration.parse("500ms") },
      /^scrapeInterval: found 500ms; expected a scrape interval from 1s to 1h/,
    ],
    [{ scrapeInterval: Duration.parse("2h") }, /^scrapeInterval: found 2h;/],
    [{ localRetention: Duration.parse("0") }, /^localRetention: found 0s; expected a retention longer than 0/],
    [{ prometheusReplicas: 0 }, /^prometheusReplicas: found 0;/],
    [{ shards: 0 }, /^shards: found 0; expected Prometheus shards, or auto/],
    [{ storeShards: 21 }, /^storeShards: found 21;/],
    [{ memoryBudgetPerReplica: -1 }, /^memoryBudgetPerReplica: found -1;/],
    [
      { localRetention: Duration.parse("100y") },
      /^localRetention: found 100y; expected a local retention of at most 10y: each Prometheus keeps it on its own volume/,
    ],
    // Thanos reads 0 as keep forever: refused, with the reason.
    [
      {
        longTermRetention: {
          raw: Duration.parse("0s"),
          fiveMinutes: Duration.parse("180d"),
          oneHour: Duration.parse("2y"),
        },
      },
      /^longTermRetention\.raw: found 0s; expected a finite retention such as 30d or 10y: Thanos reads 0 as keep forever/,
    ],
    [
      {
        longTermRetention: {
          raw: Duration.parse("30d"),
          fiveMinutes: Duration.parse("180d"),
          oneHour: Duration.parse("0"),
        },
      },
      /^longTermRetention\.oneHour: found 0s; expected a finite retention/,
    ],
    [
      {
        longTermRetention: {
          raw: Duration.parse("1d"),
          fiveMinutes: Duration.parse("180d"),
          oneHour: Duration.parse("2y"),
        },
      },
      /^longTermRetention\.raw: found 1d; expected at least 40h: the Compactor makes 5m data only from raw blocks 40 hours old/,
    ],
    [
      {
        longTermRetention: {
          raw: Duration.parse("30d"),
          fiveMinutes: Duration.parse("9d"),
          oneHour: Duration.parse("2y"),
        },
      },
      /^longTermRetention\.fiveMinutes: found 9d; expected at least 10d: the Compactor makes 1h data only from 5m blocks 10 days old/,
    ],
    [
      {
        longTermRetention: {
          raw: Duration.parse("30d"),
          fiveMinutes: Duration.parse("180d"),
          oneHour: Duration.parse("300y"),
        },
      },
      /^longTermRetention\.oneHour: found 300y; expected a retention of at most 292y/,
    ],
  ];
  it("accepts the shortest retentions downsampling allows: raw 40h, 5m 10d", () => {
    const w = sizeWorkload({
      ...base,
      longTermRetention: {
        raw: Duration.parse("40h"),
        fiveMinutes: Duration.parse("10d"),
        oneHour: Duration.parse("1d"),
      },
    });
    expect(w.objectStorage.raw.retentionDays).toBeCloseTo(40 / 24, 6);
  });
  it.each(bad)("%o is rejected, naming the field, what was found and what was expected", (patch, message) => {
    expect(() => sizeWorkload({ ...base, ...patch })).toThrow(SizingInputError);
    expect(() => sizeWorkload({ ...base, ...patch })).toThrow(message);
  });
  it("names the caller's name for a field (a flag, a spec path)", () => {
    expect(() => sizeWorkload({ ...base, activeSeries: 0 }, { activeSeries: "--series" })).toThrow(
      /^--series: found 0;/,
    );
  });
});
