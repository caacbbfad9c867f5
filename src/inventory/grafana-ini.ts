/**
 * grafana.ini and `GF_<SECTION>_<KEY>` environment overrides, merged as Grafana merges them:
 * environment wins over the file (grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#override-configuration-with-environment-variables).
 * Section and key names are lower-cased; in env names `.` and `-` of a section become `_`.
 */
export type IniSections = Record<string, Record<string, string>>;

/** Parses INI text: `[section]`, `key = value`, `;` and `#` comments. Keys before any section go to "". */
export function parseIni(text: string): IniSections {
  const out: IniSections = {};
  let section = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith(";") || line.startsWith("#")) continue;
    const header = /^\[([^\]]*)\]/.exec(line);
    if (header) {
      section = (header[1] ?? "").trim().toLowerCase();
      out[section] ??= {};
      continue;
    }
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    let value = line.slice(eq + 1).trim();
    if (
      value.length >= 2 &&
      ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))
    ) {
      value = value.slice(1, -1);
    }
    (out[section] ??= {})[key] = value;
  }
  return out;
}

/**
 * Sections whose names contain `_`, `.` or `-`: the env name alone cannot tell where the section
 * ends, so these are matched first (longest first). From grafana conf/defaults.ini.
 */
const MULTI_WORD_SECTIONS = [
  "unified_alerting.screenshots",
  "unified_alerting.state_history",
  "unified_alerting",
  "remote_cache",
  "auth.anonymous",
  "auth.basic",
  "auth.proxy",
  "auth.jwt",
  "auth.ldap",
  "auth.generic_oauth",
  "auth.github",
  "auth.gitlab",
  "auth.google",
  "auth.azuread",
  "auth.okta",
  "auth.grafana_com",
  "external_image_storage",
  "external_image_storage.s3",
  "external_image_storage.gcs",
  "dashboards",
  "date_formats",
  "feature_toggles",
  "grafana_net",
  "grafana_com",
  "live",
  "log.console",
  "log.file",
  "log.frontend",
  "metrics.graphite",
  "plugin.grafana-image-renderer",
  "rendering",
  "smtp",
  "tracing.opentelemetry",
  "tracing.opentelemetry.jaeger",
  "tracing.opentelemetry.otlp",
  "quota",
  "annotations",
  "explore",
  "query_history",
  "short_links",
  "public_dashboards",
  "server",
  "database",
  "security",
  "users",
  "auth",
  "session",
  "alerting",
  "analytics",
  "paths",
  "log",
  "metrics",
  "panels",
  "plugins",
  "snapshots",
  "emails",
];

const envNameOf = (section: string) => section.toUpperCase().replace(/[.-]/g, "_");
const SECTION_BY_ENV = [...new Set(MULTI_WORD_SECTIONS)]
  .map((s) => ({ section: s, env: envNameOf(s) + "_" }))
  .sort((a, b) => b.env.length - a.env.length);

/** `GF_DATABASE_TYPE` → ["database", "type"]; unknown sections split at the first `_`. */
export function sectionAndKeyOfEnv(name: string): [string, string] | undefined {
  if (!name.startsWith("GF_")) return undefined;
  const rest = name.slice(3);
  for (const { section, env } of SECTION_BY_ENV) {
    if (rest.startsWith(env) && rest.length > env.length) return [section, rest.slice(env.length).toLowerCase()];
  }
  const us = rest.indexOf("_");
  if (us <= 0 || us === rest.length - 1) return undefined;
  return [rest.slice(0, us).toLowerCase(), rest.slice(us + 1).toLowerCase()];
}

export function mergeGrafanaEnv(ini: IniSections, env: Record<string, string>): IniSections {
  const out: IniSections = {};
  for (const [s, keys] of Object.entries(ini)) out[s] = { ...keys };
  for (const [name, value] of Object.entries(env)) {
    const at = sectionAndKeyOfEnv(name);
    if (!at) continue;
    (out[at[0]] ??= {})[at[1]] = value;
  }
  return out;
}
