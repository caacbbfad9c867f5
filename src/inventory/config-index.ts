/**
 * The ConfigMaps and Secrets of the input and the files they hold, each decoded and parsed at most
 * once per inventory: readInventory builds one index, and the inventory, the rules and the flow
 * analysis all read it (`configFilesOf`). A real stack carries megabytes of embedded files
 * (Grafana dashboards, large rule files); parsing them once per reader was most of the audit's time.
 *
 * - Secret `data` is base64 (kubernetes.io/docs/concepts/configuration/secret/); `stringData` wins
 *   over `data` for the same key, as the API server merges it.
 * - An embedded YAML or JSON file (prometheus.yml, alertmanager.yml, a bucket config, a dashboard)
 *   is parsed by its text, so the same text is parsed once whoever asks and under whichever name;
 *   JSON (a dashboard) takes the JSON parser, which reads the same values as the YAML one (JSON is
 *   YAML 1.2) many times faster. Parsing never throws: what is not a mapping is `undefined`.
 * - INI (grafana.ini) likewise, by its text.
 *
 * Parsed values are shared between readers: read them, never change them.
 */
import { parse } from "yaml";
import type { ConfigFiles, ConfigKind, Inventory, InventoryObject } from "./model.js";
import { parseIni, type IniSections } from "./grafana-ini.js";
import { asRecord, isRecord, type Json } from "../k8s/json.js";

export type { ConfigKind } from "./model.js";

const isConfigKind = (kind: string): kind is ConfigKind => kind === "ConfigMap" || kind === "Secret";

export class ConfigIndex implements ConfigFiles {
  private readonly byName = new Map<string, InventoryObject>();
  private readonly decoded = new Map<InventoryObject, Record<string, string>>();
  private readonly parsedYaml = new Map<string, Json | undefined>();
  private readonly parsedIni = new Map<string, IniSections>();
  /** How many texts were parsed (YAML, JSON or INI): each at most once. */
  private parses = 0;

  /** Indexes the ConfigMaps and Secrets among `objects`; the last of a name wins, as `kubectl apply` would leave it. */
  constructor(objects: Iterable<InventoryObject> = []) {
    for (const o of objects) this.add(o);
  }

  /** Adds one object when it is a ConfigMap or Secret. */
  add(object: InventoryObject): void {
    const { kind, name } = object.ref;
    if (isConfigKind(kind)) this.byName.set(nameKey(kind, namespaceOf(object), name), object);
  }

  object(kind: ConfigKind, namespace: string, name: string): InventoryObject | undefined {
    return this.byName.get(nameKey(kind, namespace, name));
  }

  data(kind: ConfigKind, namespace: string, name: string): Record<string, string> | undefined {
    const object = this.object(kind, namespace, name);
    return object && this.dataOf(object);
  }

  dataOf(object: InventoryObject): Record<string, string> {
    let data = this.decoded.get(object);
    if (!data) {
      data = decodeConfigData(object);
      this.decoded.set(object, data);
    }
    return data;
  }

  yaml(text: string): Json | undefined {
    if (this.parsedYaml.has(text)) return this.parsedYaml.get(text);
    this.parses++;
    const parsed = parseEmbeddedYaml(text);
    this.parsedYaml.set(text, parsed);
    return parsed;
  }

  yamlOf(object: InventoryObject, key: string): Json | undefined {
    const text = this.dataOf(object)[key];
    return text === undefined ? undefined : this.yaml(text);
  }

  ini(text: string): IniSections {
    let sections = this.parsedIni.get(text);
    if (!sections) {
      this.parses++;
      sections = parseIni(text);
      this.parsedIni.set(text, sections);
    }
    return sections;
  }

  /** Texts parsed so far; a text asked for again is not parsed again. */
  get parsedTexts(): number {
    return this.parses;
  }
}

const namespaceOf = (o: InventoryObject) => o.ref.namespace ?? "default";
const nameKey = (kind: ConfigKind, namespace: string, name: string) => `${kind}\u0000${namespace}\u0000${name}`;

/** The inventory's index; an inventory built by hand (tests) gets one on first use. */
const builtOnDemand = new WeakMap<Inventory, ConfigFiles>();
export function configFilesOf(inventory: Inventory): ConfigFiles {
  if (inventory.configs) return inventory.configs;
  let index = builtOnDemand.get(inventory);
  if (!index) {
    index = new ConfigIndex(inventory.objects);
    builtOnDemand.set(inventory, index);
  }
  return index;
}

/** Decoded string data of one ConfigMap or Secret, uncached: read it through the index. */
export function decodeConfigData(object: InventoryObject): Record<string, string> {
  const out: Record<string, string> = {};
  const raw = object.raw;
  const isSecret = object.ref.kind === "Secret";
  for (const [k, v] of Object.entries(asRecord(raw.data))) {
    if (typeof v !== "string") continue;
    out[k] = isSecret ? decodeBase64(v) : v;
  }
  if (isSecret) for (const [k, v] of Object.entries(asRecord(raw.stringData))) if (typeof v === "string") out[k] = v;
  return out;
}

function decodeBase64(v: string): string {
  const compact = v.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return v; // not base64: keep it as written
  return Buffer.from(compact, "base64").toString("utf8");
}

/** Starts and ends like a JSON object or array (`{"…`, `[{…`), unlike a YAML flow mapping (`{type: S3}`) or an INI file. */
const LOOKS_LIKE_JSON = /^\s*(\{\s*["}]|\[\s*([-"{[\]\d]|true|false|null))[^]*[}\]]\s*$/;

/**
 * Embedded YAML or JSON as a mapping, or undefined when it is not one; uncached: read it through
 * the index. A text that looks like JSON is read by JSON.parse, and by the YAML parser only when
 * JSON.parse refuses it (JSON with comments or trailing commas).
 */
export function parseEmbeddedYaml(text: string): Json | undefined {
  if (LOOKS_LIKE_JSON.test(text)) {
    try {
      const v: unknown = JSON.parse(text);
      return isRecord(v) ? v : undefined;
    } catch {
      // not JSON after all: YAML below
    }
  }
  try {
    // logLevel "error": the library would otherwise print Node warnings (an unresolved tag) on the user's terminal.
    const v: unknown = parse(text, { uniqueKeys: false, maxAliasCount: 100, logLevel: "error" });
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
