/** The options simulate, report and plan share: which spec, which manifests, which nodes. */
import type { Command } from "commander";
import type { StackInputs } from "../pipeline/load-stack.js";

export function addStackOptions(command: Command, manifests: boolean): Command {
  command.argument("[spec]", "hamon.yaml (default: the built-in example)");
  if (manifests)
    command.option(
      "-m, --manifests <paths...>",
      "analyse these manifest files or folders instead of hamon's render (e.g. a Helm or kustomize output)",
    );
  return command.option("-n, --nodes <file>", "nodes from `kubectl get nodes -o yaml` instead of the spec's node pool");
}

export function stackInputs(specPath: string | undefined, opts: { manifests?: string[]; nodes?: string }): StackInputs {
  return {
    ...(specPath !== undefined ? { specPath } : {}),
    ...(opts.manifests ? { manifests: opts.manifests } : {}),
    ...(opts.nodes !== undefined ? { nodesPath: opts.nodes } : {}),
  };
}
