/**
 * Prometheus' target relabeling, the `replace`, `keep` and `drop` actions, to know a target's
 * labels before a real Prometheus scrapes it. Semantics of prometheus model/relabel/relabel.go
 * (Process, relabel) and prometheus.io/docs/prometheus/latest/configuration/configuration/#relabel_config:
 * source label values joined by `separator` (";"), `regex` ("(.*)") anchored at both ends,
 * `replacement` ("$1") expanded with the groups; `replace` sets `target_label`, or deletes it when
 * the expansion is empty; `keep`/`drop` keep or drop the target on a match. Afterwards `instance`
 * defaults to `__address__` and labels starting with `__` are removed (scrape/target.go,
 * PopulateLabels).
 */
import type { RelabelConfig } from "./service-monitor-scrape.js";

/** Go's `${1}`/`$1`/`${name}` expansion of a replacement over a match. */
function expand(replacement: string, match: RegExpExecArray): string {
  return replacement.replace(/\$(?:\{(\w+)\}|(\d+))/g, (_, braced: string | undefined, bare: string | undefined) => {
    const ref = braced ?? bare!;
    const value = /^\d+$/.test(ref) ? match[Number(ref)] : match.groups?.[ref];
    return value ?? "";
  });
}

/** The target's labels after relabeling, or undefined when a `keep`/`drop` removed the target. */
export function relabelTarget(
  labels: Readonly<Record<string, string>>,
  configs: readonly RelabelConfig[],
): Record<string, string> | undefined {
  const out: Record<string, string> = { ...labels };
  for (const c of configs) {
    const value = (c.source_labels ?? []).map((l) => out[l] ?? "").join(c.separator ?? ";");
    const match = new RegExp(`^(?:${c.regex ?? "(.*)"})$`).exec(value);
    const action = c.action ?? "replace";
    if (action === "keep" && !match) return undefined;
    if (action === "drop" && match) return undefined;
    if (action === "keep" || action === "drop") continue;
    if (action !== "replace") throw new Error(`hamon bug: relabel action ${action} is not replayed`);
    if (!match || c.target_label === undefined) continue;
    const result = expand(c.replacement ?? "$1", match);
    if (result === "") delete out[c.target_label];
    else out[c.target_label] = result;
  }
  if (out.instance === undefined && out.__address__ !== undefined) out.instance = out.__address__;
  return Object.fromEntries(Object.entries(out).filter(([k]) => !k.startsWith("__")));
}
