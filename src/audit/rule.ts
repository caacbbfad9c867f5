/**
 * What an audit rule is: an id, a severity, its documentation as fields (title, what it checks,
 * why with its sources, why this severity, the fix), and a check over the Inventory. The fields
 * are the one home of a rule's prose: `hamon rules`, SARIF, docs/rules/ and the README's rule
 * table are all generated from them.
 */
import type { Inventory, InventoryObject, ObjectRef, SourceRef } from "../inventory/model.js";

export type Severity = "error" | "warning" | "info";

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** What each severity means, for every rule. */
export const SEVERITY_MEANING: Record<Severity, string> = {
  error:
    "one ordinary event — a node lost, a drain, a rollout — makes a monitoring function unavailable or wrong (no alerts, doubled or lost data), or a credential is exposed.",
  warning:
    "HA holds in the common case but rests on luck (default scheduler spreading, one drain at a time), degrades (duplicate notifications), or a setting has no effect.",
  info: "needs knowledge the manifests do not carry (e.g. a PriorityClass not in the input).",
};

/** What a rule's check reports: the object to blame, what was found, and optionally a sharper fix or severity. */
export interface RuleFinding {
  object: InventoryObject;
  message: string;
  /** Overrides the rule's fix for this case. */
  fix?: string;
  /** Overrides the rule's severity for this case; the rule's `severityReason` explains when. */
  severity?: Severity;
  /** Where the fix goes when it is not in `object`: the config file (a ConfigMap's or Secret's key) that causes it. */
  related?: RelatedLocation[];
}

/**
 * A second place a finding points at: a configuration file embedded in a ConfigMap or Secret
 * (grafana.ini, prometheus.yml, …), where the fix goes. `file:line` is the line in the input:
 * the embedded file's line itself when the key is a literal block scalar (`key: |`), else the
 * key's line (Secret `data` is base64), else the object's.
 */
export interface RelatedLocation {
  file: string;
  line: number;
  /** The ConfigMap or Secret. */
  object: ObjectRef;
  key: string;
  /** 1-based line inside the embedded file, when the setting (or its section) is written there. */
  lineInKey?: number;
  /** What is there, or what to change there. */
  message: string;
}

/** An upstream document (doc page or source file) a rule follows. */
export interface RuleSource {
  title: string;
  /** Absolute https URL. */
  url: string;
}

/**
 * A rule's documentation. Prose is Markdown-light: plain sentences, `code` in backticks, and
 * lines starting with "- " for list items; it reads the same as plain text.
 */
export interface RuleDoc {
  /** One line, shown in every listing and finding report. */
  title: string;
  /** What the rule checks: the objects and settings it looks at, and which cases it reports. */
  what: string;
  /** Why it matters: what goes wrong, as the sources say. */
  why: string;
  /** The upstream documents `what` and `why` rest on, at least one. */
  sources: ReadonlyArray<RuleSource>;
  /** Why this severity, and which cases are milder. */
  severityReason: string;
  /** Default fix hint; a finding may give a sharper one. */
  fix: string;
}

export interface Rule extends RuleDoc {
  /** Stable id, used in output and in `hamon.io/ignore`. */
  id: string;
  /** The highest severity the rule reports. */
  severity: Severity;
  check(inventory: Inventory): RuleFinding[];
}

export interface Finding {
  rule: string;
  severity: Severity;
  object: ObjectRef;
  source: SourceRef;
  message: string;
  fix: string;
  related?: RelatedLocation[];
}

export interface SuppressedFinding extends Finding {
  reason?: string;
}
