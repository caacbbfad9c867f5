import { Option, type Command } from "commander";
import { addStackOptions, stackInputs } from "./stack-options.js";

export function registerSimulate(program: Command): void {
  addStackOptions(
    program
      .command("simulate")
      .description(
        "Place every pod as kube-scheduler would, then lose each node and zone, drain each node and roll an upgrade: what stays up?",
      ),
    true,
  )
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText(
      "after",
      `
Examples:
  hamon simulate                                   # the built-in example on its own node pool
  kubectl get nodes -o yaml > nodes.yaml
  hamon simulate hamon.yaml --nodes nodes.yaml     # your spec on your real nodes
  hamon simulate --manifests kube-prometheus/manifests --nodes nodes.yaml --format json

Statuses: ok (fully up), deg (degraded: fewer replicas, failover), DOWN (outage or data gap).
Exit codes: 0 no pod Pending and no single node or zone loss takes a component down, 1 otherwise, 2 bad input.`,
    )
    .action(
      async (specPath: string | undefined, opts: { manifests?: string[]; nodes?: string; format: "text" | "json" }) => {
        const [{ loadStack }, { simulate }, { formatSimulationText }, { simulationVerdict }] = await Promise.all([
          import("../pipeline/load-stack.js"),
          import("../simulate/simulate.js"),
          import("../simulate/format-text.js"),
          import("../simulate/verdict.js"),
        ]);
        const stack = await loadStack(stackInputs(specPath, opts));
        process.stderr.write(`hamon: simulating ${stack.subject}\n`);
        const result = simulate(stack.inventory, stack.nodes);
        process.stdout.write(
          opts.format === "json" ? JSON.stringify(result, null, 2) + "\n" : formatSimulationText(result),
        );
        process.exitCode = simulationVerdict(result).level === "error" ? 1 : 0;
      },
    );
}
