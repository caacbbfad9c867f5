import type { Command } from "commander";
import { addStackOptions, stackInputs } from "./stack-options.js";

const REPORT_FILE = "report.html";

export function registerPlan(program: Command): void {
  addStackOptions(
    program
      .command("plan")
      .description(
        "The main job: render the stack, audit it, simulate node and zone failures, write manifests and an HTML report, and say whether it is HA.",
      ),
    false,
  )
    .option(
      "-o, --out <dir>",
      "output folder for the manifests and report.html: new, empty, or an earlier hamon output; replaced as a whole on success",
      "out",
    )
    .addHelpText(
      "after",
      `
Examples:
  hamon plan                          # the built-in example: 3 zones, 2 monitoring nodes per zone
  hamon plan hamon.yaml --out k8s/monitoring
  hamon plan hamon.yaml --nodes nodes.yaml   # simulate on your real nodes (kubectl get nodes -o yaml)

Exit codes: 0 HA, 1 something at error level (an error finding, a pod that cannot be placed, a
component down after one node or zone loss; manifests are written anyway), 2 bad spec or input,
or a refused output folder (nothing written), 3 unexpected error (a bug).`,
    )
    .action(async (specPath: string | undefined, opts: { nodes?: string; out: string }) => {
      const [
        { checkOutputDirectory, writeOutputDirectory },
        { analyzeStack },
        { formatPlan },
        { loadStack },
        { stackReportHtml },
      ] = await Promise.all([
        import("../io/write-directory.js"),
        import("../pipeline/analyze-stack.js"),
        import("../pipeline/format-plan.js"),
        import("../pipeline/load-stack.js"),
        import("../pipeline/stack-report.js"),
      ]);
      const output = { flag: "--out", inputs: [specPath, opts.nodes] };
      await checkOutputDirectory(opts.out, output);
      const stack = await loadStack(stackInputs(specPath, opts));
      const analysis = analyzeStack(stack.inventory, stack.nodes);
      const files = new Map(stack.render.files);
      files.set(REPORT_FILE, stackReportHtml(stack, analysis));
      await writeOutputDirectory(opts.out, files, output);
      process.stdout.write(formatPlan(stack, analysis, opts.out, REPORT_FILE));
      process.exitCode = analysis.verdict.ok ? 0 : 1;
    });
}
