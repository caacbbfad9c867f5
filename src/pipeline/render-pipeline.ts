/**
 * spec text → spec → sizing → rendered folders → files. The one path every command that renders
 * takes; nothing here touches the disk.
 */
import { sizeStack, type StackSizing } from "../sizing/size-stack.js";
import { feasibilityIssues } from "./feasibility.js";
import { loadSpec, SpecError, type LoadedSpec } from "../spec/load.js";
import { SizingInputError } from "../sizing/workload-input.js";
import type { Spec } from "../spec/schema.js";
import { manifestFiles, renderedManifests, type RenderedManifest } from "../render/manifest-files.js";
import { prerequisitesMarkdown } from "../render/prerequisites.js";
import { renderStack, type RenderedFolder } from "../render/render-stack.js";

export interface RenderResult {
  spec: Spec;
  sizing: StackSizing;
  folders: RenderedFolder[];
  /** Every rendered object as the plain JSON its file holds, with its folder and file name. */
  manifests: RenderedManifest[];
  files: Map<string, string>;
}

/** Sizing rejects values the schema lets through (a 100ms scrape interval): a spec error at its path. */
function sizeOrSpecError(loaded: LoadedSpec, file: string): StackSizing {
  try {
    return sizeStack(loaded.spec);
  } catch (e) {
    if (!(e instanceof SizingInputError)) throw e;
    throw new SpecError(file, [
      { path: e.field, ...loaded.locate(e.field.split(".")), found: e.found, expected: e.expected },
    ]);
  }
}

export function renderFromSpecText(text: string, file: string): RenderResult {
  const loaded = loadSpec(text, file);
  const sizing = sizeOrSpecError(loaded, file);
  const issues = feasibilityIssues(loaded, sizing);
  if (issues.length > 0) throw new SpecError(file, issues);
  const folders = renderStack(loaded.spec, sizing);
  const manifests = renderedManifests(folders);
  const files = manifestFiles(folders, manifests, { "PREREQUISITES.md": prerequisitesMarkdown(loaded.spec) });
  return { spec: loaded.spec, sizing, folders, manifests, files };
}
