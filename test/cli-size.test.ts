/** End to end: `hamon size` as a user runs it. */
import { describe, expect, it } from "vitest";
import { runCli } from "./support/run-cli.js";

const hamon = (...args: string[]) => runCli(args);

describe("hamon size", () => {
  it("prints the sizing as JSON", () => {
    const r = hamon("size", "--series", "3M", "--scrape-interval", "15s", "--retention", "15d", "--format", "json");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.input).toMatchObject({ activeSeries: 3_000_000, scrapeInterval: "15s" });
    expect(out.prometheus.shards * out.prometheus.seriesPerShard).toBeGreaterThanOrEqual(3_000_000);
    expect(out.prometheus.seriesPerShard).toBeLessThanOrEqual(out.prometheus.seriesCeilingPerShard);
    expect(out.prometheus.perReplica.limits.memory).toBe(out.prometheus.perReplica.requests.memory);
    for (const resolution of ["raw", "fiveMinutes", "oneHour"])
      expect(out.objectStorage[resolution].bytesPerDay).toBeGreaterThan(0);
  });

  it("prints a readable table by default", () => {
    const r = hamon("size", "--series", "1e6");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Prometheus: 1 shard × 2 replicas/);
    expect(r.stdout).toMatch(/raw .*\/day .*\/month/);
  });

  it("exits 2 on a bad flag, naming the flag, what was found and what was expected", () => {
    const r = hamon("size", "--series", "lots");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--series: found "lots"; expected active series: a whole number/);
    const interval = hamon("size", "--series", "1e6", "--scrape-interval", "0s");
    expect(interval.status).toBe(2);
    expect(interval.stderr).toMatch(/--scrape-interval: found 0s; expected a scrape interval from 1s to 1h/);
    const format = hamon("size", "--series", "1e6", "--format", "yaml");
    expect(format.status).toBe(2);
    expect(format.stderr).toMatch(/--format: found "yaml"; expected text or json/);
  });

  it("exits 2 without --series", () => {
    const r = hamon("size");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--series/);
  });
});
