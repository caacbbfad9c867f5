import type { Command } from "commander";
import { UsageError } from "../errors.js";

export function registerRules(program: Command): void {
  program
    .command("rules")
    .argument("[id]", "a rule id (HAMON-HA-001): print that rule in full")
    .description(
      "List the audit rules, or print one in full: what it checks, why (with sources), why its severity, the fix, and its example fixtures.",
    )
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      `
Examples:
  hamon rules                                   # every rule: id, severity, title
  hamon rules HAMON-HA-001                      # one rule in full
  hamon rules HAMON-HA-001 --format json | jq -r '.sources[].url'
  hamon rules --format json                     # every rule in full

Each rule's page, with its example fixtures as YAML: docs/rules/<id>.md.
Exit codes: 0 printed, 2 unknown rule id (the message lists the ids) or bad --format.`,
    )
    .action(async (id: string | undefined, opts: { format: string }) => {
      if (opts.format !== "text" && opts.format !== "json")
        throw new UsageError(`--format: found ${JSON.stringify(opts.format)}; expected text or json`);
      // Loaded when the command runs: the other commands do not pay for the rule catalog.
      const [{ RULES, ruleById }, { ruleExamples }, { ruleJson }, { ruleText, rulesListText }] = await Promise.all([
        import("../audit/catalog.js"),
        import("../audit/rule-docs/rule-files.js"),
        import("../audit/rule-docs/rule-json.js"),
        import("../audit/rule-docs/rule-text.js"),
      ]);
      if (id !== undefined) {
        const rule = ruleById(id);
        const examples = ruleExamples(rule.id);
        process.stdout.write(
          opts.format === "json" ? JSON.stringify(ruleJson(rule, examples), null, 2) + "\n" : ruleText(rule, examples),
        );
      } else {
        process.stdout.write(
          opts.format === "json"
            ? JSON.stringify(
                RULES.map((r) => ruleJson(r, ruleExamples(r.id))),
                null,
                2,
              ) + "\n"
            : rulesListText(RULES),
        );
      }
    });
}
