import type { Command } from "commander";
import { addStackOptions, stackInputs } from "./stack-options.js";

export function registerReport(program: Command): void {
  addStackOptions(
    program
      .command("report")
      .description(
        "Write one self-contained HTML report: placement grid, failure matrix, worst case, findings, sizing, targets, alerts.",
      ),
    true,
  )
    .requiredOption("--html <file>", "where to write the report (one file, no external resources)")
    .option("-f, --force", "overwrite an existing file that is not a hamon report (never an input of the command)")
    .addHelpText(
      "after",
      `
Examples:
  hamon report --html report.html
  hamon report --manifests kube-prometheus/manifests --nodes nodes.yaml --html kp.html

An existing hamon report is replaced; any other existing file only with --force.

Exit codes: 0 HA, 1 not HA (error findings or a component down after one node or zone loss), 2 bad
input or a refused --html path, 3 unexpected error (a bug).`,
    )
    .action(
      async (
        specPath: string | undefined,
        opts: { manifests?: string[]; nodes?: string; html: string; force?: boolean },
      ) => {
        const [
          { checkOutputFile, writeOutputFile },
          { analyzeStack },
          { loadStack },
          { stackReportHtml },
          { isHamonReport },
        ] = await Promise.all([
          import("../io/write-file.js"),
          import("../pipeline/analyze-stack.js"),
          import("../pipeline/load-stack.js"),
          import("../pipeline/stack-report.js"),
          import("../report/html/render-html-report.js"),
        ]);
        const output = {
          flag: "--html",
          inputs: [specPath, opts.nodes, ...(opts.manifests ?? [])],
          force: opts.force === true,
          isOwn: isHamonReport,
        };
        await checkOutputFile(opts.html, output);
        const stack = await loadStack(stackInputs(specPath, opts));
        process.stderr.write(`hamon: analysing ${stack.subject}\n`);
        const analysis = analyzeStack(stack.inventory, stack.nodes);
        await writeOutputFile(opts.html, stackReportHtml(stack, analysis), output);
        process.stdout.write(
          `hamon: wrote ${opts.html}: ${analysis.verdict.ok ? "✓" : "✗"} ${analysis.verdict.text}\n`,
        );
        process.exitCode = analysis.verdict.ok ? 0 : 1;
      },
    );
}
