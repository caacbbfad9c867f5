/** The README's generated section: the spec reference between its two markers. */
import { specReferenceMarkdown } from "./spec-reference.js";

const START = "<!-- spec-reference:start -->";
const END = "<!-- spec-reference:end -->";

export function replaceGeneratedSection(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${START} … ${END} markers`);
  return readme.slice(0, start + START.length) + "\n" + specReferenceMarkdown() + readme.slice(end);
}
