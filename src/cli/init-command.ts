import type { Command } from "commander";

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("Write a commented example spec to start from.")
    .option("-o, --out <file>", "where to write it", "hamon.yaml")
    .option("-f, --force", "overwrite an existing file")
    .action(async (opts: { out: string; force?: boolean }) => {
      const [{ writeOutputFile }, { EXAMPLE_SPEC_YAML }] = await Promise.all([
        import("../io/write-file.js"),
        import("../spec/example.js"),
      ]);
      await writeOutputFile(opts.out, EXAMPLE_SPEC_YAML, { flag: "--out", inputs: [], force: opts.force === true });
      process.stdout.write(`hamon: wrote ${opts.out}; edit it, then: hamon render ${opts.out} --out out\n`);
    });
}
