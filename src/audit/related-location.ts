/**
 * Locating a setting inside a configuration file embedded in a ConfigMap or Secret, for a
 * finding's second location (rule.ts RelatedLocation): the key, the line inside the file, and the
 * line in the input where that is. Only findings ask, so an embedded YAML file is read again
 * here, with its ranges, for the few files a finding names: the config index keeps values only.
 */
import { LineCounter, parseDocument, isMap, isSeq, type Node } from "yaml";
import type { ConfigFileRef, Inventory } from "../inventory/model.js";
import { configFilesOf } from "../inventory/config-index.js";
import type { RelatedLocation } from "./rule.js";

/** The line of a setting in INI text (grafana.ini): the key's last line in its section (the last wins), else the section's header. */
export function iniLine(text: string, section: string, key?: string): number | undefined {
  let current = "";
  let header: number | undefined;
  let found: number | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith(";") || line.startsWith("#")) return;
    const h = /^\[([^\]]*)\]/.exec(line);
    if (h) {
      current = (h[1] ?? "").trim().toLowerCase();
      if (current === section && header === undefined) header = i + 1;
      return;
    }
    const eq = line.indexOf("=");
    if (key !== undefined && current === section && eq > 0 && line.slice(0, eq).trim().toLowerCase() === key)
      found = i + 1;
  });
  return found ?? header;
}

/**
 * The line of the deepest node of `path` that a YAML or JSON text has: the path's own line when
 * it is written, else its nearest written ancestor's (the mapping where the missing key goes);
 * undefined when the text is not a mapping.
 */
export function yamlLine(text: string, path: ReadonlyArray<string | number>): number | undefined {
  const lineCounter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, logLevel: "silent" });
  } catch {
    return undefined;
  }
  if (doc.errors.length > 0) return undefined; // unreadable, as the config index found it
  let node = doc.contents as Node | null;
  if (!isMap(node) && !isSeq(node)) return undefined;
  let line: number | undefined;
  for (const step of path) {
    if (isMap(node)) {
      // The last of a key written twice is the one read (uniqueKeys off, as the config index reads it).
      const pair = [...node.items]
        .reverse()
        .find((p) => String((p.key as { value?: unknown } | null)?.value) === String(step));
      if (!pair) break;
      const key = pair.key as Node | null;
      if (key?.range) line = lineCounter.linePos(key.range[0]).line;
      node = pair.value as Node | null;
    } else if (isSeq(node) && /^\d+$/.test(String(step))) {
      const item = node.items[Number(step)] as Node | undefined;
      if (!item) break;
      if (item.range) line = lineCounter.linePos(item.range[0]).line;
      node = item;
    } else break;
  }
  return line;
}

/** The first line of a text that is neither blank nor a comment; undefined for an empty text. */
export function firstWrittenLine(text: string | undefined): number | undefined {
  const at = (text ?? "").split(/\r?\n/).findIndex((l) => l.trim() !== "" && !l.trim().startsWith("#"));
  return at < 0 ? undefined : at + 1;
}

/** A RelatedLocation at one key of a ConfigMap or Secret, and optionally a line inside it. */
export function configFileLocation(
  ref: ConfigFileRef,
  lineInKey: number | undefined,
  message: string,
): RelatedLocation {
  const { object, key } = ref;
  const place = object.embeddedFiles?.[key];
  const line =
    place?.firstLine !== undefined && lineInKey !== undefined
      ? place.firstLine + lineInKey - 1
      : (place?.line ?? object.source.line);
  return {
    file: object.source.file,
    line,
    object: object.ref,
    key,
    ...(lineInKey !== undefined ? { lineInKey } : {}),
    message,
  };
}

/** The location of a YAML setting (prometheus.yml, alertmanager.yml, a hashrings file) in a config file of the input. */
export function yamlSettingLocation(
  inv: Inventory,
  ref: ConfigFileRef,
  path: ReadonlyArray<string | number>,
  message: string,
): RelatedLocation {
  const text = configFilesOf(inv).dataOf(ref.object)[ref.key];
  return configFileLocation(ref, text === undefined ? undefined : yamlLine(text, path), message);
}

/**
 * A finding's `related` field at a YAML setting when its config comes from a file of the input
 * (`ref`), to spread into the finding; nothing when the config is not in a file (a CR's spec).
 */
export function relatedYamlSetting(
  inv: Inventory,
  ref: ConfigFileRef | undefined,
  path: ReadonlyArray<string | number>,
  message: string,
): { related?: RelatedLocation[] } {
  return ref ? { related: [yamlSettingLocation(inv, ref, path, message)] } : {};
}

/** "ConfigMap monitoring/grafana-config key grafana.ini line 12 (manifests.yaml:340)": how reports name it. */
export function describeRelated(r: RelatedLocation): string {
  const name = `${r.object.namespace ? `${r.object.namespace}/` : ""}${r.object.name}`;
  const inside = r.lineInKey !== undefined ? ` line ${r.lineInKey}` : "";
  return `${r.object.kind} ${name} key ${r.key}${inside} (${r.file}:${r.line})`;
}
