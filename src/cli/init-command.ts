import type { Command } from "commander";
import { writeFile } from "node:fs/promises";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { UsageError } from "./spec-source.js";

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("Write a commented example spec to start from.")
    .option("-o, --out <file>", "where to write it", "hamon.yaml")
    .option("-f, --force", "overwrite an existing file")
    .action(async (opts: { out: string; force?: boolean }) => {
      try {
        await writeFile(opts.out, EXAMPLE_SPEC_YAML, { flag: opts.force ? "w" : "wx" });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EEXIST")
          throw new UsageError(`${opts.out} exists; use --force to overwrite it`);
        throw e;
      }
      process.stdout.write(`hamon: wrote ${opts.out}; edit it, then: hamon render ${opts.out} --out out\n`);
    });
}
