/**
 * zod's issues in plain words: what was found and what was expected, for people who write YAML
 * ("a mapping", "a whole number", "a list with at least 1 item"), never zod's internal names.
 */
import { plural } from "../plural.js";
import type * as z from "zod";

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a mapping (key: value lines)",
  array: "a list",
  null: "nothing (null)",
  bigint: "a whole number",
  date: "a date",
};

/** A value as the user wrote it, roughly: strings quoted, collections by kind. */
export function describeValue(v: unknown): string {
  if (v === undefined) return "(missing)";
  if (v === null) return "nothing (null)";
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `a list of ${plural(v.length, "item")}`;
  if (typeof v === "object") return "a mapping";
  return String(v);
}

/** What an issue found: its input, or for a bad discriminator the tag that did not match. */
export function foundText(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_union" && "discriminator" in issue && typeof issue.discriminator === "string") {
    const input = issue.input as Record<string, unknown> | undefined;
    const tag = input !== null && typeof input === "object" ? input[issue.discriminator] : undefined;
    return describeValue(tag);
  }
  if (issue.code === "invalid_key") return describeValue(issue.input);
  return describeValue(issue.input);
}

/** Custom messages are written as what is expected; strip zod's framing if any slipped through. */
const bare = (message: string) => message.replace(/^Invalid input: /, "").replace(/^expected /i, "");

const sizeWhat = (origin: string, n: number | bigint): string => {
  const count = Number(n);
  if (origin === "array" || origin === "set") return plural(count, "item");
  if (origin === "string") return plural(count, "character");
  return String(n);
};

export function expectedText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return TYPE_NAMES[issue.expected] ?? issue.expected;
    case "too_small": {
      if (issue.origin === "string" && Number(issue.minimum) === 1) return "non-empty text";
      if (issue.origin === "array" || issue.origin === "set" || issue.origin === "string") {
        const min = Number(issue.minimum) + (issue.inclusive ? 0 : 1);
        return `${issue.origin === "string" ? "text" : "a list"} with at least ${sizeWhat(issue.origin, min)}`;
      }
      return `a value ${issue.inclusive ? "≥" : ">"} ${String(issue.minimum)}`;
    }
    case "too_big": {
      if (issue.origin === "array" || issue.origin === "set" || issue.origin === "string") {
        const max = Number(issue.maximum) - (issue.inclusive ? 0 : 1);
        return `${issue.origin === "string" ? "text" : "a list"} with at most ${sizeWhat(issue.origin, max)}`;
      }
      return `a value ${issue.inclusive ? "≤" : "<"} ${String(issue.maximum)}`;
    }
    case "invalid_value":
      return issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union": {
      if ("options" in issue && Array.isArray(issue.options) && issue.options.length > 0) {
        return `one of ${issue.options.map((o) => JSON.stringify(o)).join(", ")}`;
      }
      // One expectation per alternative: `"auto" or a whole number`.
      const alternatives = issue.errors.map((branch) => (branch[0] ? expectedText(branch[0]) : undefined));
      const distinct = [...new Set(alternatives.filter((a): a is string => a !== undefined))];
      return distinct.length > 0 ? distinct.join(" or ") : "one of the documented forms (see `hamon schema`)";
    }
    case "invalid_key":
      return issue.issues[0] ? expectedText(issue.issues[0]) : bare(issue.message);
    case "invalid_element":
      return issue.issues[0] ? expectedText(issue.issues[0]) : bare(issue.message);
    case "not_multiple_of":
      return `a multiple of ${String(issue.divisor)}`;
    default:
      return bare(issue.message);
  }
}
