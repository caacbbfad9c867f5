/**
 * hamon's error vocabulary. Every error the user can cause and fix (a bad spec, an unreadable
 * file, a refused output path) extends `InputError`: the CLI prints its message and exits 2.
 * Anything else is a bug: one line, exit 3 (never 1, which means "findings" or "not HA").
 */

/** Input the user must fix: the message says where (file, line, spec path) and what was expected. */
export class InputError extends Error {
  override name = "InputError";
}

/** A bad invocation (an unknown format, flags that do not go together): exit code 2. */
export class UsageError extends InputError {
  override name = "UsageError";
}

export const EXIT_OK = 0;
/** Findings at error level, or not HA. */
export const EXIT_FINDINGS = 1;
/** Bad input, located. */
export const EXIT_INPUT = 2;
/** An unexpected error: a bug in hamon. */
export const EXIT_UNEXPECTED = 3;
