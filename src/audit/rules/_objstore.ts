/**
 * Which bucket a Thanos component writes to, as far as the manifests tell: the Secret or
 * ConfigMap mounted where `--objstore.config-file` points, or the inline `--objstore.config`.
 */
import type { PodGroup } from "../../inventory/model.js";
import { lastFlag } from "../../inventory/flags.js";
import { asRecords, asString, get } from "../../k8s/json.js";
import { podSpec } from "./_helpers.js";

export function bucketKey(g: PodGroup): string | undefined {
  const inline = lastFlag(g.config.flags, "objstore.config");
  if (inline) return `${g.namespace}|inline|${inline.replace(/\s+/g, " ").trim()}`;
  const file = lastFlag(g.config.flags, "objstore.config-file");
  if (!file) return undefined;
  const spec = podSpec(g);
  const volumes = asRecords(spec.volumes);
  const containers = asRecords(spec.containers);
  // The longest mountPath that holds the file names the volume; its Secret/ConfigMap names the bucket.
  let best: { path: string; volume: string } | undefined;
  for (const c of containers) {
    for (const m of asRecords(c.volumeMounts)) {
      const path = asString(m.mountPath);
      const volume = asString(m.name);
      if (!path || !volume) continue;
      if (
        (file === path || file.startsWith(path.endsWith("/") ? path : path + "/")) &&
        (!best || path.length > best.path.length)
      )
        best = { path, volume };
    }
  }
  const v = best ? volumes.find((x) => x.name === best.volume) : undefined;
  const secret = asString(get(v, "secret", "secretName"));
  const cm = asString(get(v, "configMap", "name"));
  const sub = best ? file.slice(best.path.length).replace(/^\//, "") : file;
  if (secret) return `${g.namespace}|secret|${secret}|${sub}`;
  if (cm) return `${g.namespace}|configmap|${cm}|${sub}`;
  return `${g.namespace}|file|${file}`;
}

export const hasBlockSelector = (g: PodGroup): boolean =>
  lastFlag(g.config.flags, "selector.relabel-config") !== undefined ||
  lastFlag(g.config.flags, "selector.relabel-config-file") !== undefined;

/** The block selector as written (inline config, or the file it names), for comparing two compactors. */
export const blockSelector = (g: PodGroup): string =>
  (
    lastFlag(g.config.flags, "selector.relabel-config") ??
    `file:${lastFlag(g.config.flags, "selector.relabel-config-file") ?? ""}`
  )
    .replace(/\s+/g, " ")
    .trim();
