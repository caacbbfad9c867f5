/**
 * Runs the lab in a process of its own, so that a test can send it SIGINT the way a terminal's
 * Ctrl-C does. Exit 130 when interrupted (as the CLI), 0 otherwise.
 */
import { EXAMPLE_SPEC_YAML } from "../../src/spec/example.js";
import { LabInterruptedError, runLab } from "../../src/lab/run-lab.js";

try {
  await runLab({
    specText: EXAMPLE_SPEC_YAML,
    specFile: "(built-in example)",
    progress: (l) => process.stderr.write(`${l}\n`),
  });
} catch (e) {
  if (!(e instanceof LabInterruptedError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 130;
}
