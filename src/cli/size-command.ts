import type { Command } from "commander";
import { UsageError } from "../errors.js";

interface SizeFlags {
  series: string;
  scrapeInterval?: string;
  retention?: string;
  rawRetention?: string;
  fiveMinutesRetention?: string;
  oneHourRetention?: string;
  replicas?: string;
  shards?: string;
  storeShards?: string;
  format: string;
}

export function registerSize(program: Command): void {
  program
    .command("size")
    .description(
      "Size the stack from a workload estimate: Prometheus shards, CPU/memory per replica, volumes, object storage per resolution.",
    )
    .requiredOption("--series <n>", "active series before HA duplication (1000000, 1e6, 500k, 2M)")
    .option("--scrape-interval <duration>", "scrape interval (default: the spec default, 30s)")
    .option("--retention <duration>", "local retention of each Prometheus (default: the spec default, 2d)")
    .option("--raw-retention <duration>", "raw resolution in object storage (default 30d)")
    .option("--5m-retention <duration>", "5m downsampled resolution (default 180d)")
    .option("--1h-retention <duration>", "1h downsampled resolution (default 2y)")
    .option("--replicas <n>", "Prometheus replicas per shard (default 2)")
    .option("--shards <n|auto>", "Prometheus shards (default auto)")
    .option("--store-shards <n>", "Store Gateway shards (default 1)")
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      `
Examples:
  hamon size --series 1e6 --scrape-interval 30s --retention 15d
  hamon size --series 5M --retention 2d --format json | jq .prometheus

The model and its calibration on a real Prometheus: docs/sizing.md.
Exit codes: 0 sized, 2 bad flag (names the flag, what was found and what was expected).`,
    )
    .action(async (opts: Record<string, string>) => {
      const flags = {
        ...opts,
        fiveMinutesRetention: opts["5mRetention"],
        oneHourRetention: opts["1hRetention"],
      } as unknown as SizeFlags;
      if (flags.format !== "text" && flags.format !== "json") {
        throw new UsageError(`--format: found ${JSON.stringify(flags.format)}; expected text or json`);
      }
      const [{ sizeFromNumbers }, { sizingReport, sizingText }] = await Promise.all([
        import("../sizing/size-from-numbers.js"),
        import("../sizing/sizing-report.js"),
      ]);
      const sizing = sizeFromNumbers(flags, {
        series: "--series",
        scrapeInterval: "--scrape-interval",
        retention: "--retention",
        rawRetention: "--raw-retention",
        fiveMinutesRetention: "--5m-retention",
        oneHourRetention: "--1h-retention",
        replicas: "--replicas",
        shards: "--shards",
        storeShards: "--store-shards",
      });
      process.stdout.write(
        flags.format === "json" ? JSON.stringify(sizingReport(sizing), null, 2) + "\n" : sizingText(sizing),
      );
    });
}
