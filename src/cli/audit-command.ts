import { Option, type Command } from "commander";
import { AUDIT_FORMATS, FLOW_FORMATS, type AuditFormat } from "../audit/formats.js";
import { UsageError } from "../errors.js";

export function registerAudit(program: Command): void {
  program
    .command("audit")
    .description(
      "Audit Kubernetes manifests (files, folders, - for stdin; Helm or kustomize output) for HA problems of a monitoring stack.",
    )
    .argument("<paths...>", "manifest files or folders (read recursively for .yaml, .yml, .json); - reads stdin")
    .addOption(new Option("--format <format>", "output format").choices(AUDIT_FORMATS as string[]).default("text"))
    .option("-v, --verbose", "also list findings suppressed by hamon.io/ignore, with their reasons")
    .option(
      "--flows",
      "print the flow matrix instead of the findings: every flow the stack needs, allowed by which policy or blocked why (text or json)",
    )
    .addHelpText(
      "after",
      `
Examples:
  hamon audit out/                          # hamon's own render
  hamon audit out/ --flows                  # which policy allows each flow the stack needs
  kubectl kustomize overlays/prod | hamon audit -
  helm template prom prometheus-community/kube-prometheus-stack | hamon audit - --format sarif > hamon.sarif

A finding caused by a config file in a ConfigMap or Secret (grafana.ini, prometheus.yml, an
Alertmanager config) adds where the fix goes: "fix in: ConfigMap NS/NAME key KEY line N (file:line)";
JSON "related", SARIF relatedLocations.

Suppress a finding on an object: metadata.annotations
  hamon.io/ignore: HAMON-SCHED-003[,HAMON-…]
  hamon.io/ignore-reason: "why this is fine here"

Exit codes: 0 no error-level finding, 1 error-level findings, 2 unreadable input, input without
any Kubernetes object ("nothing to audit") or usage error (the same with --flows).`,
    )
    .action(async (paths: string[], opts: { format: AuditFormat; verbose?: boolean; flows?: boolean }) => {
      if (opts.flows && !FLOW_FORMATS.includes(opts.format))
        throw new UsageError(`--flows prints text or json, not ${opts.format}`);
      const [{ auditManifestsWithFlows, formatAudit, formatFlows }, { auditExitCode }, { loadManifestInputs }] =
        await Promise.all([
          import("../pipeline/audit-manifests.js"),
          import("../audit/run-audit.js"),
          import("../inventory/load-manifest-inputs.js"),
        ]);
      const { result, flows, note } = auditManifestsWithFlows(await loadManifestInputs(paths));
      if (note) process.stderr.write(`hamon: ${note}\n`);
      const color = opts.format === "text" && process.stdout.isTTY === true && !process.env.NO_COLOR;
      process.stdout.write(
        opts.flows
          ? formatFlows(flows, opts.format, { color })
          : formatAudit(result, opts.format, {
              color,
              verbose: opts.verbose === true,
              version: program.version() ?? "0.0.0",
            }),
      );
      process.exitCode = auditExitCode(result);
    });
}
