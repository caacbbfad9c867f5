/** The README's generated sections, each between `<!-- name:start -->` and `<!-- name:end -->`: here the spec reference. */
import { specReferenceMarkdown } from "./spec-reference.js";

/** Replaces what stands between a section's two markers with `body` (which ends with a newline). */
export function replaceMarkedSection(readme: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md lacks the ${start} … ${end} markers`);
  return readme.slice(0, from + start.length) + "\n" + body + readme.slice(to);
}

export function replaceGeneratedSection(readme: string): string {
  return replaceMarkedSection(readme, "spec-reference", specReferenceMarkdown());
}
