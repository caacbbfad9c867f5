import type { Command } from "commander";
import { EXIT_FINDINGS, EXIT_OK } from "./exit.js";
import { UsageError } from "../errors.js";
import { readSpecSource } from "../spec/spec-source.js";

const FORMATS = ["text", "json"] as const;

export function registerLab(program: Command): void {
  program
    .command("lab")
    .description(
      "Run the rendered alerting path for real on loopback (the spec's Prometheus replicas and clustered Alertmanagers, 2 and 3 " +
        "by default, a node-exporter and a webhook receiver), kill an Alertmanager and a Prometheus, restart them, and check every alert group is notified exactly once; " +
        "kill the node-exporter and check its down alert is notified once and resolves.",
    )
    .argument("[spec]", "hamon.yaml (default: the built-in example)")
    .option("--format <format>", "report format: text or json", "text")
    .option("--keep", "keep the temp dir with configs, data and logs (hamon-lab-kept-*)", false)
    .option("--no-cluster", "negative control: Alertmanagers without gossip peers (expect duplicates, exit 1)")
    .addHelpText(
      "after",
      `
Faults, in order: the sending Alertmanager killed; a Prometheus replica killed; both restarted; the node-exporter
killed past its down alert's for: (scaled to the lab's 1s scrapes), then restarted; with a heartbeat, both Prometheus killed.

Needs /usr/bin/prometheus, /usr/bin/prometheus-alertmanager and, when the spec renders node-exporter,
/usr/bin/prometheus-node-exporter (Debian: apt-get install prometheus prometheus-alertmanager prometheus-node-exporter);
override with HAMON_PROMETHEUS / HAMON_ALERTMANAGER / HAMON_NODE_EXPORTER. With setpriv (util-linux; HAMON_SETPRIV)
they die with hamon even when it is killed with SIGKILL; the next run removes what such a run left. Progress goes to
stderr, the report to stdout.

Examples:
  hamon lab                          # the built-in example, text report
  hamon lab hamon.yaml --format json
  hamon lab --no-cluster             # shows the duplicates an unclustered Alertmanager pair sends

Exit codes: 0 every group notified exactly once (and node-exporter's down alert resolved), 1 duplicates, lost groups,
no rendered alert on node-exporter's up series or no resolution (or the lab could not run),
2 spec error or missing binary, 130 on Ctrl-C and 143 on SIGTERM (every process stopped).`,
    )
    .action(async (specPath: string | undefined, opts: { format: string; keep: boolean; cluster: boolean }) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) {
        throw new UsageError(`--format ${opts.format}: expected one of ${FORMATS.join(", ")}`);
      }
      const [
        { formatLabJson, formatLabText, labPassed },
        { ProcessExitedError },
        { LabTimeoutError },
        { LabInterruptedError, runLab },
      ] = await Promise.all([
        import("../lab/lab-report.js"),
        import("../lab/process-supervisor.js"),
        import("../lab/readiness.js"),
        import("../lab/run-lab.js"),
      ]);
      const source = await readSpecSource(specPath);
      let run;
      try {
        run = await runLab({
          specText: source.text,
          specFile: source.file,
          keep: opts.keep,
          clustered: opts.cluster,
          progress: (line) => process.stderr.write(`${line}\n`),
        });
      } catch (e) {
        if (e instanceof LabInterruptedError) {
          process.stderr.write(`hamon lab: ${e.message}\n`);
          process.exitCode = e.signal === "SIGTERM" ? 143 : 130;
          return;
        }
        if (e instanceof ProcessExitedError || e instanceof LabTimeoutError) {
          process.stderr.write(`hamon lab: could not run: ${e.message}\n`);
          process.exitCode = EXIT_FINDINGS;
          return;
        }
        throw e;
      }
      process.stdout.write(opts.format === "json" ? formatLabJson(run.report) : formatLabText(run.report));
      if (opts.keep) process.stderr.write(`hamon lab: configs, data and logs kept in ${run.dir}\n`);
      process.exitCode = labPassed(run.report) ? EXIT_OK : EXIT_FINDINGS;
    });
}
