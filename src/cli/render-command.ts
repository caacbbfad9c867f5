import { plural } from "../plural.js";
import type { Command } from "commander";
import { readSpecSource } from "../spec/spec-source.js";

export function registerRender(program: Command): void {
  program
    .command("render")
    .description(
      "Render the whole HA stack as Kubernetes manifests, one folder per component, ready for kubectl apply -k.",
    )
    .argument("[spec]", "hamon.yaml (default: the built-in example)")
    .option(
      "-o, --out <dir>",
      "output folder: new, empty, or an earlier hamon output (it holds a .hamon-output marker), replaced as a whole on success, untouched on failure",
      "out",
    )
    .addHelpText(
      "after",
      `
Examples:
  hamon render                       # the built-in example into ./out
  hamon render hamon.yaml --out k8s/monitoring
  kubectl apply -k k8s/monitoring    # after the PREREQUISITES.md steps

hamon writes only where it may: a new or empty folder, or one it wrote before (marked by the
file .hamon-output). It refuses the current folder, the folders above it, your home folder, and
any folder holding the spec; nothing is written then.

Exit codes: 0 written, 2 spec error (file:line, path, found, expected) or refused output folder
(nothing written), 3 unexpected error (a bug).`,
    )
    .action(async (specPath: string | undefined, opts: { out: string }) => {
      const [{ writeOutputDirectory }, { renderFromSpecText }] = await Promise.all([
        import("../io/write-directory.js"),
        import("../pipeline/render-pipeline.js"),
      ]);
      const source = await readSpecSource(specPath);
      const result = renderFromSpecText(source.text, source.file);
      await writeOutputDirectory(opts.out, result.files, { flag: "--out", inputs: [specPath] });
      const objects = result.folders.reduce((n, f) => n + f.objects.length, 0);
      process.stdout.write(
        `hamon: rendered ${objects} objects in ${result.folders.length} folders to ${opts.out}/ (phase ${result.spec.phase}, ` +
          `${plural(result.sizing.prometheus.shards, "Prometheus shard")} × ${result.spec.prometheus.replicas} replicas)\n` +
          `  next: read ${opts.out}/PREREQUISITES.md, then kubectl apply -k ${opts.out}\n`,
      );
    });
}
