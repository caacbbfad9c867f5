/**
 * What HAMON-SEC-001 calls a credential written inline. Two questions, asked of every env var,
 * command-line flag and configuration key:
 *
 * - Does the name say it holds a credential? Its last word decides, as in English compounds:
 *   `GF_SECURITY_ADMIN_PASSWORD`, `--slack.api-token`, `--client-secret`, `secret_key` do;
 *   `--secret-field-selector` (a field selector over Secrets), `--secret-name` (a Secret's name),
 *   `PASSWORD_FILE`, `TOKEN_URL`, `token_rotation_interval_minutes` do not: a credential word
 *   that qualifies another word names what the option is about, not what it holds.
 * - Is the value a literal? References are not: `$(VAR)`, `${VAR}`, `$__file{…}`, `$__env{…}`,
 *   a file path, Prometheus' `<secret>` mask, booleans, numbers and durations, and Kubernetes
 *   label or field selectors (`type!=kubernetes.io/service-account-token,…`).
 *
 * Any value holding a URL with a password in it (`postgres://user:pw@host/db`) is a credential,
 * whatever its name.
 */
import { isRecord } from "../../k8s/json.js";

/** A last word that is a credential; `pass` alone and in redis' `requirepass`/`masterauth`. */
const CREDENTIAL_WORD =
  /^(pass|requirepass|masterauth)$|(password|passwd|passphrase|secret|token|credentials?|apikey|accesskey|secretkey|privatekey)$/;
/** `key` is a credential only after one of these (`API_KEY`, `secret_access_key`, `PRIVATE_KEY`). */
const KEY_QUALIFIER = /^(api|access|secret|private)$/;

/** The words of a name: `GF_SECURITY_ADMIN_PASSWORD__FILE`, `slack.api-token`, `clientSecret`. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

/** True when an env var, flag or configuration key named so holds a credential. */
export function namesACredential(name: string): boolean {
  const words = wordsOf(name);
  const last = words.at(-1);
  if (last === undefined) return false;
  if (last === "key") return KEY_QUALIFIER.test(words.at(-2) ?? "");
  return CREDENTIAL_WORD.test(last);
}

/**
 * A Kubernetes label or field selector: comma-separated requirements `key=value`, `key==value`,
 * `key!=value`, `key in (a,b)`, `key notin (a,b)` (kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors,
 * …/field-selectors/). One bare `a=b` is not taken for one: it could as well be a password.
 */
const REQUIREMENT =
  /^\s*(?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?\s*(?:(!=|==|=)\s*[^\s,=!()]+|\s(?:in|notin)\s*\([^()]*\))\s*$/;
function isSelector(v: string): boolean {
  const requirements = v.split(/,(?![^()]*\))/);
  if (!requirements.every((r) => REQUIREMENT.test(r))) return false;
  return requirements.length > 1 || /!=|==|\s(in|notin)\s*\(|^[^=]*[./][^=]*=/.test(v);
}

/** A value that is a reference, a path, a placeholder, a selector or not a credential at all. */
export function isReference(v: string): boolean {
  const t = v.trim();
  return (
    t === "" ||
    t.startsWith("ref:") ||
    /\$\(|\$\{|\$__(file|env|vault)\{/.test(t) ||
    /^(\/|\.\.?\/|~\/)/.test(t) || // a file path
    /^<[^>]*>$/.test(t) || // Prometheus' <secret> mask
    /^(true|false|\d+(\.\d+)?[a-z]*)$/i.test(t) ||
    isSelector(t)
  );
}

const URL_WITH_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:([^@\s/]+)@/i;

/** True when the value holds a URL with a literal password (`postgres://grafana:pw@db/grafana`). */
export function urlPassword(v: string): boolean {
  const m = URL_WITH_PASSWORD.exec(v);
  return m !== null && !isReference(m[1] ?? "");
}

/** Keys in YAML configs that hold a credential (Prometheus, Alertmanager, Grafana provisioning, Thanos objstore). */
const SENSITIVE_YAML_KEY =
  /^(password|passwd|bearer_token|credentials|api_key|apikey|auth_token|token|routing_key|service_key|client_secret|secret|secret_key|access_key|secret_access_key|smtp_auth_password|smtp_auth_secret|basicauthpassword|slack_api_url|webhook_url|bot_token|api_secret)$/i;

/** Words one of which every key SENSITIVE_YAML_KEY names contains, and the other signs yamlSecretPaths reads. */
const JSON_CREDENTIAL_HINT =
  /password|passwd|credentials|api_?key|token|routing_key|service_key|secret|access_key|slack_api_url|webhook_url|hooks\.slack\.com|securejsondata/i;

/**
 * Whether a JSON file (a Grafana dashboard, megabytes each) may hold what `yamlSecretPaths`
 * reports, read from its text alone so that the file need not be parsed when it cannot: JSON
 * writes keys and strings as they are, except for escapes (`\u0070assword`, `\/`), which send the
 * file to the parser. Every sensitive key name contains one of the words below, and a URL with
 * a password matches URL_WITH_PASSWORD in the text as in the value. A `.json` file that only the
 * YAML parser reads (comments, trailing commas) is not a dashboard Grafana loads either.
 */
export function jsonMayHoldCredential(text: string): boolean {
  return /\\[u/]/.test(text) || JSON_CREDENTIAL_HINT.test(text) || URL_WITH_PASSWORD.test(text);
}

/**
 * Paths (`global.slack_api_url`, `datasources.0.secureJsonData.password`) in a parsed YAML or
 * JSON config whose key holds a credential and whose value is a literal. The path is built only
 * for what is found: dashboards run to megabytes.
 */
export function yamlSecretPaths(value: unknown): string[] {
  const out: string[] = [];
  const path: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 40) return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(String(i));
        walk(v[i], depth + 1);
        path.pop();
      }
    } else if (isRecord(v)) {
      const parentIsSecure = path.at(-1) === "secureJsonData";
      for (const k of Object.keys(v)) {
        const val = v[k];
        path.push(k);
        if (typeof val === "string") {
          if (
            ((SENSITIVE_YAML_KEY.test(k) || parentIsSecure) && !isReference(val)) ||
            (k === "api_url" && val.includes("hooks.slack.com")) ||
            (val.includes("://") && urlPassword(val))
          )
            out.push(path.join("."));
        } else walk(val, depth + 1);
        path.pop();
      }
    }
  };
  walk(value, 0);
  return out;
}
