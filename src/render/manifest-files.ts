/**
 * The rendered stack as files: one folder per component, one file per object, a
 * kustomization.yaml in each folder and one at the root, so that `kubectl kustomize DIR` and
 * `kubectl apply -k DIR` accept the output as it is. Pure and deterministic.
 */
import { stringify } from "yaml";
import type { RenderedFolder } from "./render-stack.js";

const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

function kustomization(resources: string[]): string {
  return stringify({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources }, YAML_OPTIONS);
}

export function objectFileName(kind: string, name: string | undefined): string {
  return `${kind.toLowerCase()}-${name ?? "unnamed"}.yaml`;
}

/** One rendered object and the file it is written to, as the plain JSON that the file holds. */
export interface RenderedManifest {
  folder: string;
  /** File name inside the folder. */
  file: string;
  object: Record<string, unknown>;
}

/** Every rendered object with its file, one object a file, in a stable order. */
export function renderedManifests(folders: RenderedFolder[]): RenderedManifest[] {
  const out: RenderedManifest[] = [];
  for (const { folder, objects } of folders) {
    const names = new Set<string>();
    for (const object of objects) {
      const file = objectFileName(object.kind, object.metadata?.name);
      if (names.has(file)) throw new Error(`hamon bug: two objects would be written to ${folder}/${file}`);
      names.add(file);
      out.push({ folder, file, object: object.toJSON() as Record<string, unknown> });
    }
  }
  return out;
}

/** Relative path → file content, in a stable order: `manifests` as renderedManifests gives them, folder by folder. */
export function manifestFiles(
  folders: RenderedFolder[],
  manifests: RenderedManifest[],
  extra: Record<string, string> = {},
): Map<string, string> {
  const files = new Map<string, string>();
  const byFolder = new Map<string, RenderedManifest[]>(folders.map((f) => [f.folder, []]));
  for (const m of manifests) byFolder.get(m.folder)!.push(m);
  for (const [folder, inFolder] of byFolder) {
    for (const m of inFolder) files.set(`${folder}/${m.file}`, stringify(m.object, YAML_OPTIONS));
    files.set(`${folder}/kustomization.yaml`, kustomization(inFolder.map((m) => m.file)));
  }
  files.set("kustomization.yaml", kustomization(folders.map((f) => f.folder)));
  for (const [path, content] of Object.entries(extra)) files.set(path, content);
  return files;
}
