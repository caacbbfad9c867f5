/**
 * What Thanos Receive does by itself: its replication defaults, the write quorum, and the hashring
 * file format. Sources: thanos.io/tip/components/receive.md (flags, "Hashring configuration",
 * "Quorum"), thanos-io/thanos pkg/receive/handler.go (`writeQuorum`) and pkg/receive/hashring.go
 * (ketama: "insufficient nodes" when a hashring has fewer endpoints than the replication factor).
 */
import { asArray, asRecords, isRecord } from "../k8s/json.js";

/** `--receive.replication-factor` when left out: every series is written to one Receive only. */
export const DEFAULT_REPLICATION_FACTOR = 1;

/** The flags (without dashes) that give Receive a hashring: a router, or a router and ingestor in one. */
export const HASHRING_FLAGS = ["receive.hashrings-file", "receive.hashrings"] as const;

/**
 * Endpoints of each hashring in a hashrings file (a JSON array of `{hashring?, tenants?,
 * endpoints}`; an endpoint is `"host:port"` or, since v0.32, `{address, az}`). undefined when the
 * text is not such a file.
 */
export function hashringSizes(text: string): Array<{ name: string; endpoints: number }> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every(isRecord)) return undefined;
  return asRecords(parsed).map((h, i) => ({
    name: typeof h.hashring === "string" ? h.hashring : `#${i + 1}`,
    endpoints: asArray(h.endpoints).length,
  }));
}

/**
 * Copies that must succeed before Receive acknowledges a write (pkg/receive/handler.go
 * `writeQuorum`, quoted in receive.md "Quorum"): 1 at factor 2 (since v0.35), otherwise a majority.
 */
export function writeQuorum(replicationFactor: number): number {
  return replicationFactor === 2 ? 1 : Math.floor(replicationFactor / 2) + 1;
}

/** `--receive.replication-factor` from parsed flags (without dashes), the default when left out or invalid. */
export function replicationFactor(flags: Record<string, string[]>): number {
  const n = Number(flags["receive.replication-factor"]?.at(-1) ?? DEFAULT_REPLICATION_FACTOR);
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_REPLICATION_FACTOR;
}

/** True when the Receive distributes writes over a hashring (a router, or router and ingestor in one). */
export const hasHashring = (flags: Record<string, string[]>): boolean =>
  HASHRING_FLAGS.some((f) => flags[f] !== undefined);

/** Router only (hashring, no `--receive.local-endpoint`): stores nothing, forwards to the ingestors (receive.md, --receive.local-endpoint). */
export const routesOnly = (flags: Record<string, string[]>): boolean =>
  hasHashring(flags) && flags["receive.local-endpoint"] === undefined;

/** Router and ingestor in one (hashring and `--receive.local-endpoint`): its own pods hold the copies. */
export const routesAndIngests = (flags: Record<string, string[]>): boolean =>
  hasHashring(flags) && flags["receive.local-endpoint"] !== undefined;
