#!/usr/bin/env node
/** hamon's command line: parses, calls the pipeline, prints. No logic lives here. */
import { Command } from "commander";
import { registerAudit } from "./cli/audit-command.js";
import { reportFailure } from "./cli/exit.js";
import { registerInit } from "./cli/init-command.js";
import { registerLab } from "./cli/lab-command.js";
import { registerPlan } from "./cli/plan-command.js";
import { registerRender } from "./cli/render-command.js";
import { registerReport } from "./cli/report-command.js";
import { registerRules } from "./cli/rules-command.js";
import { registerSchema } from "./cli/schema-command.js";
import { registerSimulate } from "./cli/simulate-command.js";
import { registerSize } from "./cli/size-command.js";

const program = new Command("hamon")
  .description(
    "Render a highly available Prometheus, Thanos, Alertmanager and Grafana stack for Kubernetes from one spec, and prove it is HA.",
  )
  .version("0.1.0")
  .showHelpAfterError()
  .exitOverride((err) => {
    // commander's own usage errors (unknown option, missing argument) exit 2, like every input error.
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

registerPlan(program);
registerInit(program);
registerRender(program);
registerAudit(program);
registerRules(program);
registerSimulate(program);
registerReport(program);
registerLab(program);
registerSize(program);
registerSchema(program);

// Whatever escapes a command (also from a stray callback) ends as one line and an exit code.
const fail = (e: unknown) => process.exit(reportFailure(e));
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);
program.parseAsync(process.argv).catch(fail);
