/**
 * The documentation holds together: every relative link in README.md, CONTRIBUTING.md and docs/
 * names a file that exists and, with an `#anchor` into Markdown, a heading of that file; and the
 * README stays short, for the user (the rest lives in docs/).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/**
 * The README carries what a user decides on (the two commands, what you get, the HA and the
 * comparison tables, usage, exit codes, the rules table) and links the rest: 20 KB holds that.
 */
const README_MAX_BYTES = 20 * 1024;

/** README.md, CONTRIBUTING.md and every Markdown file under docs/, relative to the repository root. */
function documentationFiles(): string[] {
  const underDocs = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? underDocs(`${dir}/${e.name}`) : e.name.endsWith(".md") ? [`${dir}/${e.name}`] : [],
    );
  return ["README.md", "CONTRIBUTING.md", ...underDocs("docs")];
}

/** The Markdown outside fenced code blocks, line by line (code holds no links or headings). */
function proseLines(markdown: string): string[] {
  let fence: string | undefined;
  const out: string[] = [];
  for (const line of markdown.split("\n")) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      continue;
    }
    if (fence === undefined) out.push(line);
  }
  return out;
}

/**
 * The ids GitHub gives a file's headings (github-slugger): the heading's text in lower case,
 * punctuation dropped, spaces turned into hyphens, a repeated id numbered `-1`, `-2`, ….
 */
function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const text = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[`*]/g, "");
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
      .replace(/ /g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    ids.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return ids;
}

/** Every inline link target of the prose (`[text](target)`), inline code spans left out. */
function linkTargets(markdown: string): string[] {
  const text = proseLines(markdown)
    .map((line) => line.replace(/(`+)[^`]*?\1/g, ""))
    .join("\n");
  return [...text.matchAll(/\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
}

/** The relative links of `file` (its text `markdown`) that do not resolve, each with the reason. */
function brokenLinks(file: string, markdown: string): string[] {
  const broken: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:: not ours to check
    const [pathPart = "", anchor] = target.split("#", 2);
    const sameFile = pathPart === "";
    const path = sameFile ? file : posix.normalize(posix.join(posix.dirname(file), decodeURI(pathPart)));
    if (!sameFile && (path.startsWith("../") || !existsSync(join(ROOT, path)))) {
      broken.push(`${file}: ${target}: ${path} does not exist in the repository`);
      continue;
    }
    if (anchor === undefined || !path.endsWith(".md")) continue;
    if (!sameFile && statSync(join(ROOT, path)).isDirectory()) continue;
    const text = sameFile ? markdown : readFileSync(join(ROOT, path), "utf8");
    if (!headingIds(text).has(decodeURIComponent(anchor)))
      broken.push(`${file}: ${target}: ${path} has no heading with the id "${anchor}"`);
  }
  return broken;
}

describe("the documentation's links", () => {
  it("every relative link resolves, to a file and to a heading", () => {
    const files = documentationFiles();
    expect(files).toContain("docs/design.md");
    expect(files.flatMap((f) => brokenLinks(f, readFileSync(join(ROOT, f), "utf8")))).toEqual([]);
  });

  it("reports a missing file, a missing heading and a link out of the repository (the check can fail)", () => {
    const page = [
      "# A page",
      "[ok](audit.md#suppressing-a-finding) [ok](#a-page) [ok](https://example.org/x.md#nowhere)",
      "[gone](no-such-page.md) [gone](audit.md#no-such-heading) [gone](#nowhere) [out](../../outside.md)",
      "`[code](not-a-link.md)`",
      "```",
      "[fenced](not-a-link-either.md)",
      "```",
    ].join("\n");
    expect(brokenLinks("docs/page.md", page)).toEqual([
      "docs/page.md: no-such-page.md: docs/no-such-page.md does not exist in the repository",
      'docs/page.md: audit.md#no-such-heading: docs/audit.md has no heading with the id "no-such-heading"',
      'docs/page.md: #nowhere: docs/page.md has no heading with the id "nowhere"',
      "docs/page.md: ../../outside.md: ../outside.md does not exist in the repository",
    ]);
  });

  it("gives headings GitHub's ids", () => {
    const ids = headingIds(
      [
        "## Audit any manifests: `hamon audit`",
        "### Redis: what Grafana's client supports, and the limit that follows",
        "## HTML report: `hamon report`, and `report.html` from `hamon plan`",
        "## Notes",
        "## Notes",
        "```",
        "# not a heading",
        "```",
      ].join("\n"),
    );
    expect([...ids]).toEqual([
      "audit-any-manifests-hamon-audit",
      "redis-what-grafanas-client-supports-and-the-limit-that-follows",
      "html-report-hamon-report-and-reporthtml-from-hamon-plan",
      "notes",
      "notes-1",
    ]);
  });
});

describe("the README", () => {
  it(`stays within ${README_MAX_BYTES / 1024} KB: it is for the user, the rest lives in docs/`, () => {
    expect(statSync(join(ROOT, "README.md")).size).toBeLessThanOrEqual(README_MAX_BYTES);
  });
});
