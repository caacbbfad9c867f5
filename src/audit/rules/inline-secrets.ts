/** HAMON-SEC-001. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { InventoryObject } from "../../inventory/model.js";
import type { Rule, RuleFinding } from "../rule.js";
import { containerWords } from "../../inventory/component-recognition.js";
import { decodeConfigData, parseEmbeddedYaml } from "../../inventory/config-index.js";
import { parseCommandLine } from "../../inventory/flags.js";
import { parseIni } from "../../inventory/grafana-ini.js";
import { asRecords, asString, isRecord } from "../../k8s/json.js";
import { allContainers, groupTitle } from "./_helpers.js";

const SENSITIVE_ENV = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;
const NOT_A_VALUE_ENV =
  /(_FILE|_PATH|_DIR|_URL|_URI|_ENABLED|_TYPE|_NAME|_HEADER|_TTL|_LENGTH|_EXPIRY|_DURATION|_INTERVAL|_POLICY|_KEY_ID|_ROTATION.*|_MINUTES|_DAYS)$/i;
const SENSITIVE_FLAG = /(password|passwd|pass$|masterauth|secret|token|api[-_.]?key|credential)/i;
const NOT_A_VALUE_FLAG = /([-_.]file|[-_.]path|[-_.]dir|[-_.]url|[-_.]header|[-_.]ttl)$/i;
/** Keys in YAML configs that hold a credential. */
const SENSITIVE_YAML_KEY =
  /^(password|passwd|bearer_token|credentials|api_key|apikey|auth_token|token|routing_key|service_key|client_secret|secret|secret_key|access_key|secret_access_key|smtp_auth_password|smtp_auth_secret|basicauthpassword|slack_api_url|webhook_url|bot_token|api_secret)$/i;
const SENSITIVE_INI_KEY = /(password|secret|token|api_key)/i;
const NOT_A_VALUE_INI_KEY =
  /(_file|_path|_url|_header|_ttl|_length|_name|_enabled|_key_id|_rotation.*|_minutes|_days)$/i;
const URL_WITH_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:([^@\s/]+)@/i;

/** A value that is a reference, a path, a placeholder or not a credential at all. */
export function isReference(v: string): boolean {
  const t = v.trim();
  return (
    t === "" ||
    t.startsWith("ref:") ||
    /\$\(|\$\{|\$__(file|env|vault)\{/.test(t) ||
    t.startsWith("/") ||
    /^<[^>]*>$/.test(t) || // Prometheus' <secret> mask
    /^(true|false|\d+(\.\d+)?[a-z]*)$/i.test(t)
  );
}

function urlPassword(v: string): boolean {
  const m = URL_WITH_PASSWORD.exec(v);
  return m !== null && !isReference(m[1] ?? "");
}

/** Paths in a parsed YAML config whose key is sensitive and whose value is a literal. */
export function yamlSecretPaths(v: unknown, path: string[] = [], out: string[] = [], depth = 0): string[] {
  if (depth > 40) return out;
  if (Array.isArray(v)) v.forEach((x, i) => yamlSecretPaths(x, [...path, String(i)], out, depth + 1));
  else if (isRecord(v)) {
    for (const [k, val] of Object.entries(v)) {
      const here = [...path, k];
      if (typeof val === "string") {
        const parentIsSecure = path.at(-1) === "secureJsonData";
        if ((SENSITIVE_YAML_KEY.test(k) || parentIsSecure) && !isReference(val)) out.push(here.join("."));
        else if (k === "api_url" && /hooks\.slack\.com/.test(val)) out.push(here.join("."));
        else if (urlPassword(val)) out.push(here.join("."));
      } else yamlSecretPaths(val, here, out, depth + 1);
    }
  }
  return out;
}

function configMapFindings(o: InventoryObject): RuleFinding[] {
  const out: RuleFinding[] = [];
  // Env-style keys (imported with envFrom) holding a credential: `GF_SECURITY_ADMIN_PASSWORD: admin`.
  const envKeys = Object.entries(decodeConfigData(o))
    .filter(([k, v]) => !k.includes(".") && SENSITIVE_ENV.test(k) && !NOT_A_VALUE_ENV.test(k) && !isReference(v))
    .map(([k]) => k);
  if (envKeys.length > 0) {
    out.push({
      object: o,
      message: `ConfigMap ${o.ref.namespace ?? "default"}/${o.ref.name} holds credentials as plain keys: ${envKeys.slice(0, 4).join(", ")}${envKeys.length > 4 ? ", …" : ""}`,
      fix: "Move these keys to a Secret (envFrom secretRef works the same way)",
    });
  }
  for (const [key, text] of Object.entries(decodeConfigData(o))) {
    let places: string[] = [];
    if (/\.ini$/i.test(key)) {
      for (const [section, keys] of Object.entries(parseIni(text)))
        for (const [k, v] of Object.entries(keys))
          if (SENSITIVE_INI_KEY.test(k) && !NOT_A_VALUE_INI_KEY.test(k) && !isReference(v))
            places.push(`[${section}] ${k}`);
    } else if (/\.(ya?ml|json)$/i.test(key)) {
      const parsed = parseEmbeddedYaml(text);
      if (parsed) places = yamlSecretPaths(parsed);
    }
    if (places.length === 0) continue;
    out.push({
      object: o,
      message: `ConfigMap ${o.ref.namespace ?? "default"}/${o.ref.name} key ${key} holds credentials inline at ${places.slice(0, 4).join(", ")}${places.length > 4 ? ", …" : ""}`,
      fix: "Move the file to a Secret (or use the *_file / $__file{} variants pointing at a mounted Secret)",
    });
  }
  return out;
}

export const inlineSecrets: Rule = {
  id: "HAMON-SEC-001",
  severity: "error",
  title: "Credentials inline in args, env or configuration",
  what:
    "A literal value (not a Secret reference, not `$(VAR)`, `${VAR}`, `$__file{…}` or `$__env{…}`, not a file " +
    "path) in:\n" +
    "- a container env var whose name says password, secret, token, API key, access key or credentials " +
    "(`GF_SECURITY_ADMIN_PASSWORD: admin`), or any env var or argument holding a URL with a password in it " +
    "(`postgres://grafana:pw@db/grafana`);\n" +
    "- a command-line flag of that kind (`--password=…`, `--slack.api-token=…`);\n" +
    "- a configuration file kept in a ConfigMap: prometheus.yml `basic_auth.password`, `bearer_token`, " +
    "`authorization.credentials`; alertmanager.yml `smtp_auth_password`, `slack_api_url`, `routing_key`, " +
    "`service_key`, `api_key`; grafana.ini `admin_password`, `secret_key`, `client_secret`; Grafana datasource " +
    "provisioning `secureJsonData`.\n" +
    "Findings say where a credential is, never its value.",
  why:
    "Manifests, ConfigMaps and pod specs are readable by anyone with read access to the namespace or the Git " +
    "repository; Secrets get separate RBAC, optional encryption at rest, and are kept out of `kubectl describe`. " +
    "The Prometheus and Alertmanager configurations offer `*_file` variants for exactly this.",
  sources: [
    { title: "Kubernetes: Secrets", url: "https://kubernetes.io/docs/concepts/configuration/secret/" },
    {
      title: "Kubernetes: good practices for Secrets",
      url: "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
    },
    {
      title: "Prometheus configuration",
      url: "https://prometheus.io/docs/prometheus/latest/configuration/configuration/",
    },
  ],
  severityReason: "Error: a credential exposed is a credential to rotate.",
  fix: "Put the value in a Secret and reference it: env valueFrom.secretKeyRef, a mounted file with the *_file setting, or $(VAR) in args.",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const g of inv.podGroups) {
      const places: string[] = [];
      for (const c of allContainers(g)) {
        const cname = asString(c.name) ?? "?";
        for (const e of asRecords(c.env)) {
          const name = asString(e.name);
          const value = typeof e.value === "string" ? e.value : undefined;
          if (!name || value === undefined || isReference(value)) continue;
          if ((SENSITIVE_ENV.test(name) && !NOT_A_VALUE_ENV.test(name)) || urlPassword(value))
            places.push(`env ${name} (container ${cname})`);
        }
        const { flags } = parseCommandLine(containerWords(c));
        for (const [flag, values] of Object.entries(flags)) {
          for (const value of values) {
            // Inline YAML configs (Thanos --objstore.config, --tracing.config, …) hold keys of their own.
            if (/[.-]config$/.test(flag) && /[:{]/.test(value)) {
              const inline = parseEmbeddedYaml(value);
              const paths = inline ? yamlSecretPaths(inline) : [];
              if (paths.length > 0) {
                places.push(`flag --${flag} (container ${cname}) at ${paths.slice(0, 3).join(", ")}`);
                break;
              }
            }
            if (isReference(value)) continue;
            if ((SENSITIVE_FLAG.test(flag) && !NOT_A_VALUE_FLAG.test(flag)) || urlPassword(value)) {
              places.push(`flag --${flag} (container ${cname})`);
              break;
            }
          }
        }
      }
      if (places.length > 0)
        out.push({ object: g.owner, message: `${groupTitle(g)} has credentials inline: ${places.join(", ")}` });
    }
    for (const o of inv.objects) if (o.ref.kind === "ConfigMap") out.push(...configMapFindings(o));
    return out;
  },
};
