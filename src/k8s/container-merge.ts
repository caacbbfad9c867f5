/**
 * A strategic merge patch of one Container onto another, as the API machinery applies it
 * (k8s.io/apimachinery pkg/util/strategicpatch, with the patch tags of k8s.io/api core/v1
 * types.go): maps merge key by key, a list with a merge key merges element by element on that
 * key (`ports` on containerPort, `env` on name, `volumeMounts` on mountPath, `volumeDevices` on
 * devicePath), every other list and every scalar is replaced, and `null` deletes the field.
 */
import { isRecord, type Json } from "./json.js";

/** The Container lists that merge by key (`patchStrategy:"merge"` and `patchMergeKey` in core/v1 types.go). */
const MERGE_KEYS: Record<string, string> = {
  ports: "containerPort",
  env: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
};

function mergeMaps(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (isRecord(value) && isRecord(out[key])) out[key] = mergeMaps(out[key] as Json, value);
    else out[key] = value;
  }
  return out;
}

function mergeList(base: unknown, patch: unknown, mergeKey: string): unknown {
  if (!Array.isArray(base) || !Array.isArray(patch)) return patch;
  const out: unknown[] = [...base];
  for (const item of patch) {
    const at = isRecord(item) ? out.findIndex((b) => isRecord(b) && b[mergeKey] === item[mergeKey]) : -1;
    if (at >= 0) out[at] = mergeMaps(out[at] as Json, item as Json);
    else out.push(item);
  }
  return out;
}

/** `patch` applied to `base` with strategic merge semantics. */
export function mergeContainer(base: Json, patch: Json): Json {
  const merged = mergeMaps(base, patch);
  for (const [field, key] of Object.entries(MERGE_KEYS))
    if (patch[field] !== undefined && patch[field] !== null) merged[field] = mergeList(base[field], patch[field], key);
  return merged;
}
