/** Defensive readers over untyped parsed YAML or JSON: any field may be missing or of the wrong type. */

export type Json = Record<string, unknown>;

export const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export const asRecord = (v: unknown): Json => (isRecord(v) ? v : {});

export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export const asRecords = (v: unknown): Json[] => asArray(v).filter(isRecord);

export const asString = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** A string map (labels, annotations, data): non-string values are stringified, non-records give {}. */
export function asStringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, val] of Object.entries(v)) {
    if (typeof val === "string") out[k] = val;
    else if (typeof val === "number" || typeof val === "boolean") out[k] = String(val);
  }
  return out;
}

/** A whole non-negative number, or undefined (YAML may give "3", 3.5, -1, null, …). */
export function asCount(v: unknown): number | undefined {
  const n = typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Path access: get(o, "spec", "template", "spec") → unknown. */
export function get(o: unknown, ...path: string[]): unknown {
  let cur: unknown = o;
  for (const key of path) {
    if (!isRecord(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}
