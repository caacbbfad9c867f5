import { describe, expect, it } from "vitest";
import { specSchema } from "../spec/schema.js";
import { parseCount, sizeFromNumbers } from "./size-from-numbers.js";
import { SizingInputError } from "./workload-input.js";

const FLAGS = {
  series: "--series",
  scrapeInterval: "--scrape-interval",
  retention: "--retention",
  rawRetention: "--raw-retention",
  fiveMinutesRetention: "--5m-retention",
  shards: "--shards",
} as const;

describe("sizeFromNumbers", () => {
  it("sizes from series, interval and retention alone, taking the spec's defaults for the rest", () => {
    const w = sizeFromNumbers({ series: "1e6", scrapeInterval: "30s", retention: "15d" });
    const defaults = specSchema.shape.workload.parse(undefined);
    expect(w.input.activeSeries).toBe(1_000_000);
    expect(w.input.localRetention.days).toBe(15);
    expect(w.input.longTermRetention.raw.milliseconds).toBe(defaults.longTermRetention.raw.milliseconds);
    expect(w.input.prometheusReplicas).toBe(specSchema.shape.prometheus.parse(undefined).replicas);
    expect(sizeFromNumbers({ series: 1000 }).input.scrapeInterval.milliseconds).toBe(
      defaults.scrapeInterval.milliseconds,
    );
  });

  it("reads counts with k/M suffixes and underscores", () => {
    expect(parseCount("500k", "--series", "x")).toBe(500_000);
    expect(parseCount("2M", "--series", "x")).toBe(2_000_000);
    expect(parseCount("1_000_000", "--series", "x")).toBe(1_000_000);
    expect(parseCount("1.5k", "--series", "x")).toBe(1500);
  });

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ series: "lots" }, /^--series: found "lots"; expected active series: a whole number such as 1000000/],
    [{ series: "-5" }, /^--series: found "-5";/],
    [{ series: "1.5" }, /^--series: found "1.5";/],
    [{ series: "0" }, /^--series: found 0; expected active series: a whole number from 1/],
    [
      { series: "1e6", scrapeInterval: "thirty" },
      /^--scrape-interval: found "thirty"; expected a duration such as 30s/,
    ],
    [{ series: "1e6", scrapeInterval: "30" }, /^--scrape-interval: found "30"; expected a duration/],
    [{ series: "1e6", scrapeInterval: "0s" }, /^--scrape-interval: found 0s; expected a scrape interval from 1s to 1h/],
    [{ series: "1e6", retention: "0" }, /^--retention: found 0s; expected a retention longer than 0/],
    [{ series: "1e6", retention: "15 days" }, /^--retention: found "15 days"; expected a duration/],
    [{ series: "1e6", shards: "many" }, /^--shards: found "many"; expected Prometheus shards, or auto/],
    [
      { series: "1e6", shards: "0" },
      /^--shards: found 0; expected Prometheus shards, or auto: a whole number from 1 to 100/,
    ],
    // hamon size refuses what the spec refuses: keep-forever retention, and raw data deleted before it is downsampled.
    [{ series: "1e6", rawRetention: "0d" }, /^--raw-retention: found 0s; expected a finite retention/],
    [{ series: "1e6", rawRetention: "1d" }, /^--raw-retention: found 1d; expected at least 40h/],
    [{ series: "1e6", fiveMinutesRetention: "7d" }, /^--5m-retention: found 7d; expected at least 10d/],
    [{ series: "1e6", retention: "100y" }, /^--retention: found 100y; expected a local retention of at most 10y/],
  ];
  it.each(bad)("rejects %o naming the flag, what was found and what was expected", (bare, message) => {
    expect(() => sizeFromNumbers(bare as { series: string }, FLAGS)).toThrow(SizingInputError);
    expect(() => sizeFromNumbers(bare as { series: string }, FLAGS)).toThrow(message);
  });
});
