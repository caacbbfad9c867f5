/**
 * Container command + args → flags. Go programs (Prometheus, Alertmanager, Thanos via kingpin)
 * accept `--name=value`, `--name value`, `-name=value`; a boolean flag stands alone or takes
 * `=false`. Names are kept without leading dashes; a flag without a value maps to "".
 * Kubernetes `$(VAR)` references are left as written.
 */
export interface ParsedCommandLine {
  /** Words before the first flag after the binary, e.g. Thanos' `query` subcommand. */
  positionals: string[];
  flags: Record<string, string[]>;
}

export function parseCommandLine(words: ReadonlyArray<unknown>): ParsedCommandLine {
  const flags: Record<string, string[]> = {};
  const positionals: string[] = [];
  const list = words.filter((w): w is string => typeof w === "string" || typeof w === "number").map(String);
  const add = (name: string, value: string) => {
    if (name === "") return;
    (flags[name] ??= []).push(value);
  };
  for (let i = 0; i < list.length; i++) {
    const word = list[i] as string;
    if (!word.startsWith("-") || word === "-" || word === "--") {
      positionals.push(word);
      continue;
    }
    const body = word.replace(/^--?/, "");
    const eq = body.indexOf("=");
    if (eq >= 0) {
      add(body.slice(0, eq), body.slice(eq + 1));
      continue;
    }
    const next = list[i + 1];
    // `--name value`: the next word is its value unless it is itself a flag.
    if (next !== undefined && !next.startsWith("-")) {
      add(body, next);
      i++;
    } else add(body, "");
  }
  return { positionals, flags };
}

/** Last value of a flag, as the Go flag packages apply it; undefined when absent. */
export const lastFlag = (flags: Record<string, string[]>, name: string): string | undefined => flags[name]?.at(-1);
