/** Maps failures to exit codes and messages: 2 for input the user must fix, 3 for anything unexpected. */
import { EXIT_INPUT, EXIT_UNEXPECTED, InputError } from "../errors.js";

export { EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, EXIT_UNEXPECTED } from "../errors.js";

export function reportFailure(e: unknown): number {
  if (e instanceof InputError) {
    process.stderr.write(`hamon: ${e.message}\n`);
    return EXIT_INPUT;
  }
  // A bug: one line, no stack trace (HAMON_DEBUG=1 shows it), and a code that is not "findings".
  const message = e instanceof Error ? `${e.name}: ${e.message.split("\n")[0]}` : String(e);
  process.stderr.write(`hamon: unexpected error (a bug in hamon, please report it): ${message}\n`);
  if (process.env.HAMON_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return EXIT_UNEXPECTED;
}
