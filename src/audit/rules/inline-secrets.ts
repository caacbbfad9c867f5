/** HAMON-SEC-001. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { ConfigFiles, InventoryObject } from "../../inventory/model.js";
import type { Rule, RuleFinding } from "../rule.js";
import { configFileLocation, iniLine, yamlLine } from "../related-location.js";
import { containerWords } from "../../inventory/component-recognition.js";
import { configFilesOf } from "../../inventory/config-index.js";
import { parseCommandLine } from "../../inventory/flags.js";
import { asRecords, asString } from "../../k8s/json.js";
import { allContainers, groupTitle } from "./_helpers.js";
import { isReference, jsonMayHoldCredential, namesACredential, urlPassword, yamlSecretPaths } from "./_credentials.js";

const listed = (places: string[], max: number) =>
  `${places.slice(0, max).join(", ")}${places.length > max ? ", …" : ""}`;

function configMapFindings(o: InventoryObject, files: ConfigFiles): RuleFinding[] {
  const out: RuleFinding[] = [];
  const data = files.dataOf(o);
  // Env-style keys (imported with envFrom) holding a credential: `GF_SECURITY_ADMIN_PASSWORD: admin`.
  const envKeys = Object.entries(data)
    .filter(([k, v]) => !k.includes(".") && namesACredential(k) && !isReference(v))
    .map(([k]) => k);
  if (envKeys.length > 0) {
    out.push({
      object: o,
      related: envKeys
        .slice(0, 4)
        .map((k) => configFileLocation({ object: o, key: k }, undefined, "a credential written as a plain key")),
      message: `ConfigMap ${o.ref.namespace ?? "default"}/${o.ref.name} holds credentials as plain keys: ${listed(envKeys, 4)}`,
      fix: "Move these keys to a Secret (envFrom secretRef works the same way)",
    });
  }
  for (const [key, text] of Object.entries(data)) {
    let places: string[] = [];
    let lines: Array<number | undefined> = [];
    if (/\.ini$/i.test(key)) {
      for (const [section, keys] of Object.entries(files.ini(text)))
        for (const [k, v] of Object.entries(keys))
          if (namesACredential(k) && !isReference(v)) {
            places.push(`[${section}] ${k}`);
            lines.push(iniLine(text, section, k));
          }
    } else if (/\.(ya?ml|json)$/i.test(key)) {
      if (/\.json$/i.test(key) && !jsonMayHoldCredential(text)) continue; // a dashboard with nothing to find: not parsed
      const parsed = files.yaml(text);
      if (parsed) places = yamlSecretPaths(parsed);
      // Only for the few places reported: a dotted key reads as its nearest written ancestor.
      lines = places.slice(0, 4).map((p) => yamlLine(text, p.split(".")));
    }
    if (places.length === 0) continue;
    out.push({
      object: o,
      related: places
        .slice(0, 4)
        .map((p, i) => configFileLocation({ object: o, key }, lines[i], `${p}: a credential written inline`)),
      message: `ConfigMap ${o.ref.namespace ?? "default"}/${o.ref.name} key ${key} holds credentials inline at ${listed(places, 4)}`,
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
    "path, not a label or field selector) in:\n" +
    "- a container env var whose name ends in password, secret, token, API key, access key or credentials " +
    "(`GF_SECURITY_ADMIN_PASSWORD: admin`), or any env var or argument holding a URL with a password in it " +
    "(`postgres://grafana:pw@db/grafana`);\n" +
    "- a command-line flag of that kind (`--password=…`, `--slack.api-token=…`, `--client-secret=…`). The name's " +
    "last word decides: `--secret-field-selector` holds a selector and `--secret-name` a Secret's name, not a " +
    "credential;\n" +
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
    const files = configFilesOf(inv);
    for (const g of inv.podGroups) {
      const places: string[] = [];
      for (const c of allContainers(g)) {
        const cname = asString(c.name) ?? "?";
        for (const e of asRecords(c.env)) {
          const name = asString(e.name);
          const value = typeof e.value === "string" ? e.value : undefined;
          if (!name || value === undefined || isReference(value)) continue;
          if (namesACredential(name) || urlPassword(value)) places.push(`env ${name} (container ${cname})`);
        }
        const { flags } = parseCommandLine(containerWords(c));
        for (const [flag, values] of Object.entries(flags)) {
          for (const value of values) {
            // Inline YAML configs (Thanos --objstore.config, --tracing.config, …) hold keys of their own.
            if (/[.-]config$/.test(flag) && /[:{]/.test(value)) {
              const inline = files.yaml(value);
              const paths = inline ? yamlSecretPaths(inline) : [];
              if (paths.length > 0) {
                places.push(`flag --${flag} (container ${cname}) at ${paths.slice(0, 3).join(", ")}`);
                break;
              }
            }
            if (isReference(value)) continue;
            if (namesACredential(flag) || urlPassword(value)) {
              places.push(`flag --${flag} (container ${cname})`);
              break;
            }
          }
        }
      }
      if (places.length > 0)
        out.push({ object: g.owner, message: `${groupTitle(g)} has credentials inline: ${places.join(", ")}` });
    }
    for (const o of inv.objects) if (o.ref.kind === "ConfigMap") out.push(...configMapFindings(o, files));
    return out;
  },
};
