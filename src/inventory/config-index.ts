/**
 * ConfigMaps and Secrets by namespace and name, decoded on first use: Secret `data` is base64
 * (kubernetes.io/docs/concepts/configuration/secret/), `stringData` wins over `data` for the same
 * key as the API server merges it. Embedded YAML is parsed once and never throws.
 */
import { parse } from "yaml";
import type { InventoryObject } from "./model.js";
import { asRecord, isRecord } from "../k8s/json.js";

export type ConfigKind = "ConfigMap" | "Secret";

export class ConfigIndex {
  private readonly objects = new Map<string, InventoryObject>();
  private readonly decoded = new Map<string, Record<string, string>>();

  add(object: InventoryObject): void {
    this.objects.set(
      this.key(object.ref.kind as ConfigKind, object.ref.namespace ?? "default", object.ref.name),
      object,
    );
  }

  private key(kind: ConfigKind, namespace: string, name: string) {
    return `${kind}\u0000${namespace}\u0000${name}`;
  }

  object(kind: ConfigKind, namespace: string, name: string): InventoryObject | undefined {
    return this.objects.get(this.key(kind, namespace, name));
  }

  /** Decoded string data of a ConfigMap or Secret; undefined when it is not in the inventory. */
  data(kind: ConfigKind, namespace: string, name: string): Record<string, string> | undefined {
    const key = this.key(kind, namespace, name);
    const cached = this.decoded.get(key);
    if (cached) return cached;
    const object = this.objects.get(key);
    if (!object) return undefined;
    const out = decodeConfigData(object);
    this.decoded.set(key, out);
    return out;
  }
}

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

/** Embedded YAML (prometheus.yml, alertmanager.yml) as an object, or undefined when it is not one. */
export function parseEmbeddedYaml(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = parse(text, { uniqueKeys: false, maxAliasCount: 100 });
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
