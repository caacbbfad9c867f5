/**
 * The generated sections of the documentation: what stands between `<!-- name:start -->` and
 * `<!-- name:end -->` in a Markdown file is rewritten by `npm run docs`, and a test checks that the
 * committed text is current. Here the spec reference (docs/spec-reference.md); the README's rule
 * table uses the same markers (src/audit/rule-docs/).
 */
import { specReferenceMarkdown } from "./spec-reference.js";

/** The page that holds the generated spec reference, relative to the repository root. */
export const SPEC_REFERENCE_PATH = "docs/spec-reference.md";
export const SPEC_REFERENCE_SECTION = "spec-reference";

/** Replaces what stands between a section's two markers in `doc` (the text of `file`) with `body` (which ends with a newline). */
export function replaceMarkedSection(doc: string, name: string, body: string, file = "README.md"): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} lacks the ${start} … ${end} markers`);
  return doc.slice(0, from + start.length) + "\n" + body + doc.slice(to);
}

/** docs/spec-reference.md with its table regenerated from the schema. */
export function replaceSpecReference(page: string): string {
  return replaceMarkedSection(page, SPEC_REFERENCE_SECTION, specReferenceMarkdown(), SPEC_REFERENCE_PATH);
}
