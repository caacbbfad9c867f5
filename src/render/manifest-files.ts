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

/** Relative path → file content, in a stable order. */
export function manifestFiles(folders: RenderedFolder[], extra: Record<string, string> = {}): Map<string, string> {
  const files = new Map<string, string>();
  for (const { folder, objects } of folders) {
    const names: string[] = [];
    for (const object of objects) {
      const file = objectFileName(object.kind, object.metadata?.name);
      if (names.includes(file)) throw new Error(`hamon bug: two objects would be written to ${folder}/${file}`);
      names.push(file);
      files.set(`${folder}/${file}`, stringify(object.toJSON(), YAML_OPTIONS));
    }
    files.set(`${folder}/kustomization.yaml`, kustomization(names));
  }
  files.set("kustomization.yaml", kustomization(folders.map((f) => f.folder)));
  for (const [path, content] of Object.entries(extra)) files.set(path, content);
  return files;
}
