/** Reading Grafana's effective settings (grafana.ini merged with GF_* env) with Grafana's defaults (grafana conf/defaults.ini). */
import type { Inventory, PodGroup } from "../../inventory/model.js";
import { configFilesOf } from "../../inventory/config-index.js";
import { sectionAndKeyOfEnv } from "../../inventory/grafana-ini.js";
import { configFileLocation, iniLine } from "../related-location.js";
import type { RelatedLocation } from "../rule.js";
import { asRecords, asString, get } from "../../k8s/json.js";
import { podSpec } from "./_helpers.js";

export function grafanaSetting(g: PodGroup, section: string, key: string): string | undefined {
  const v = g.config.grafanaIni?.[section]?.[key];
  return v === undefined || v === "" ? undefined : v;
}

/**
 * `[database] type`, default sqlite3 (conf/defaults.ini); when only `[database] url` is set,
 * Grafana takes the type from its scheme (`postgres://…`, `mysql://…`).
 */
export function grafanaDatabaseType(g: PodGroup): string {
  const type = grafanaSetting(g, "database", "type");
  if (type) return type.toLowerCase();
  const scheme = /^([a-z0-9]+):\/\//i.exec(grafanaSetting(g, "database", "url") ?? "")?.[1];
  return (scheme ?? "sqlite3").toLowerCase();
}

/** Host part of `[database] host` or of the `url` setting. */
export function grafanaDatabaseHost(g: PodGroup): string | undefined {
  const url = grafanaSetting(g, "database", "url");
  if (url) return /@([^/:?]+)/.exec(url)?.[1] ?? /:\/\/([^/:?]+)/.exec(url)?.[1];
  return grafanaSetting(g, "database", "host")?.replace(/:\d+$/, "");
}

export const isLocalHost = (h: string | undefined) =>
  h !== undefined && /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/i.test(h);

/** What backs `[paths] data` (default /var/lib/grafana in the official image): emptyDir, a claim, or nothing mounted. */
export function grafanaDataVolume(g: PodGroup): "emptyDir" | "persistentVolumeClaim" | "other" | "none" {
  const dataPath = (grafanaSetting(g, "paths", "data") ?? "/var/lib/grafana").replace(/\/$/, "");
  const spec = podSpec(g);
  const main = asRecords(spec.containers).find((c) => c.name === g.mainContainer) ?? asRecords(spec.containers)[0];
  const mount = asRecords(main?.volumeMounts).find((m) => asString(m.mountPath)?.replace(/\/$/, "") === dataPath);
  if (!mount) return g.volumeClaims.length > 0 ? "persistentVolumeClaim" : "none";
  const volume = asRecords(spec.volumes).find((v) => v.name === mount.name);
  if (!volume) return g.volumeClaims.some((c) => c.name === mount.name) ? "persistentVolumeClaim" : "other";
  if (get(volume, "emptyDir") !== undefined) return "emptyDir";
  if (get(volume, "persistentVolumeClaim") !== undefined) return "persistentVolumeClaim";
  return "other";
}

/**
 * Where a Grafana setting goes in the grafana.ini the pod mounts, for a finding's second location:
 * the key's line, else its section's, else the file. None when no grafana.ini of the input was
 * found, or when a `GF_<SECTION>_<KEY>` variable sets it (env wins: the fix is the workload's env).
 */
export function grafanaIniLocation(
  inv: Inventory,
  g: PodGroup,
  section: string,
  key: string,
  message: string,
): RelatedLocation[] {
  const file = g.config.files?.grafanaIni;
  if (!file) return [];
  const fromEnv = Object.keys(g.config.env).some((name) => {
    const at = sectionAndKeyOfEnv(name);
    return at !== undefined && at[0] === section && at[1] === key;
  });
  if (fromEnv) return [];
  const text = configFilesOf(inv).dataOf(file.object)[file.key] ?? "";
  return [configFileLocation(file, iniLine(text, section, key), message)];
}

/** Settings whose value a report may print; others (a database url, a cache connstr) may hold a password. */
const PRINTABLE = new Set(["type", "host"]);

/** "[database] type = sqlite3", "[database] url is set", or "[database] type is not set (default sqlite3)". */
export function describeGrafanaSetting(g: PodGroup, section: string, key: string, fallback?: string): string {
  const v = grafanaSetting(g, section, key);
  if (v === undefined) return `[${section}] ${key} is not set${fallback ? ` (default ${fallback})` : ""}`;
  return PRINTABLE.has(key) ? `[${section}] ${key} = ${v}` : `[${section}] ${key} is set`;
}
