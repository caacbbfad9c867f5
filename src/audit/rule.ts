/**
 * What an audit rule is: an id, a severity, a one-line title, a rationale naming its source, a
 * check over the Inventory, and a fix. Severities mean, for every rule:
 *
 * - error: a single ordinary event (one node lost, one drain, one rollout) makes a monitoring
 *   function unavailable or wrong (no alerts, duplicated or lost data), or a credential is exposed;
 * - warning: HA holds in the common case but degrades or depends on luck (scheduler spreading,
 *   one drain at a time), or something has no effect;
 * - info: advice that needs knowledge the manifests do not carry.
 */
import type { Inventory, InventoryObject, ObjectRef, SourceRef } from "../inventory/model.js";

export type Severity = "error" | "warning" | "info";

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** What a rule's check reports: the object to blame, what was found, and optionally a sharper fix or severity. */
export interface RuleFinding {
  object: InventoryObject;
  message: string;
  /** Overrides the rule's fix for this case. */
  fix?: string;
  /** Overrides the rule's severity for this case; the rationale explains when. */
  severity?: Severity;
}

export interface Rule {
  /** Stable id, used in output and in `hamon.io/ignore`. */
  id: string;
  /** The highest severity the rule reports. */
  severity: Severity;
  title: string;
  /** Why, with the source (doc page or upstream file), and why this severity. */
  rationale: string;
  /** Default fix hint. */
  fix: string;
  check(inventory: Inventory): RuleFinding[];
}

export interface Finding {
  rule: string;
  severity: Severity;
  object: ObjectRef;
  source: SourceRef;
  message: string;
  fix: string;
}

export interface SuppressedFinding extends Finding {
  reason?: string;
}
