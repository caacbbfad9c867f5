/**
 * Grafana's settings that depend on the spec, as `GF_<SECTION>_<KEY>` environment variables
 * (grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#override-configuration-with-environment-variables).
 * Every credential is a secretKeyRef: none is ever written in the render.
 */
import type { IEnvVar, IVolume, IVolumeMount } from "kubernetes-models/v1";
import type { Spec } from "../../spec/schema.js";
import type { StackNames } from "../stack-facts.js";
import { DEFAULT_PORTS } from "../../upstream/ports.js";
import { grafanaRootUrl } from "./grafana-way-in.js";

export const secretEnv = (name: string, secret: string, key: string): IEnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
});

/** Where the external database's CA certificate is mounted, when the spec gives one. */
const DATABASE_CA_DIR = "/etc/grafana/database-ca";

/**
 * `[database] ssl_mode` per engine: PostgreSQL takes disable, require and verify-full; MySQL
 * takes false, skip-verify (encrypted, unchecked) and true (checked)
 * (grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#ssl_mode).
 */
const MYSQL_SSL_MODE = { disable: "false", require: "skip-verify", "verify-full": "true" } as const;

export function grafanaDatabaseEnv(spec: Spec, names: StackNames): IEnvVar[] {
  const db = spec.grafana.database;
  if (db.type === "cloudnativepg") {
    return [
      { name: "GF_DATABASE_TYPE", value: "postgres" },
      { name: "GF_DATABASE_HOST", value: `${names.serviceDns(names.postgresRwService)}:${DEFAULT_PORTS.postgres}` },
      { name: "GF_DATABASE_NAME", value: "grafana" },
      // CloudNativePG writes the owner's credentials to <cluster>-app
      // (cloudnative-pg.io/documentation/current/applications/#secrets).
      secretEnv("GF_DATABASE_USER", names.postgresAppSecret, "username"),
      secretEnv("GF_DATABASE_PASSWORD", names.postgresAppSecret, "password"),
      { name: "GF_DATABASE_SSL_MODE", value: "require" },
    ];
  }
  return [
    { name: "GF_DATABASE_TYPE", value: db.engine },
    { name: "GF_DATABASE_HOST", value: db.host.toString() },
    { name: "GF_DATABASE_NAME", value: db.name },
    secretEnv("GF_DATABASE_USER", db.secretName, "username"),
    secretEnv("GF_DATABASE_PASSWORD", db.secretName, "password"),
    { name: "GF_DATABASE_SSL_MODE", value: db.engine === "mysql" ? MYSQL_SSL_MODE[db.sslMode] : db.sslMode },
    ...(db.caSecret ? [{ name: "GF_DATABASE_CA_CERT_PATH", value: `${DATABASE_CA_DIR}/${db.caSecret.key}` }] : []),
  ];
}

/** The Secret volume and mount of the external database's CA certificate; none without one. */
export function grafanaDatabaseCa(spec: Spec): { volumes: IVolume[]; volumeMounts: IVolumeMount[] } {
  const db = spec.grafana.database;
  if (db.type !== "external" || !db.caSecret) return { volumes: [], volumeMounts: [] };
  return {
    volumes: [
      {
        name: "database-ca",
        secret: { secretName: db.caSecret.secretName, items: [{ key: db.caSecret.key, path: db.caSecret.key }] },
      },
    ],
    volumeMounts: [{ name: "database-ca", mountPath: DATABASE_CA_DIR, readOnly: true }],
  };
}

/**
 * `[security] secret_key` encrypts data source and contact point secrets in the database; the
 * built-in default is public, every replica must share the key, and it cannot change without
 * re-encrypting them (grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#secret_key).
 */
export function grafanaSecretKeyEnv(spec: Spec): IEnvVar[] {
  const { secretName, key } = spec.grafana.secretKey;
  return [secretEnv("GF_SECURITY_SECRET_KEY", secretName, key)];
}

/**
 * `[server] root_url` and `domain` from the way in: Grafana builds its redirects, links in
 * notifications and the OAuth callback URL from them
 * (grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#root_url).
 */
export function grafanaServerEnv(spec: Spec): IEnvVar[] {
  const ingress = spec.grafana.ingress;
  if (!ingress) return [];
  return [
    { name: "GF_SERVER_DOMAIN", value: ingress.host },
    { name: "GF_SERVER_ROOT_URL", value: grafanaRootUrl(ingress) },
  ];
}

/**
 * Generic OAuth, for any OpenID Connect or OAuth2 provider, with explicit endpoints
 * (grafana.com/docs/grafana/latest/setup-grafana/configure-security/configure-authentication/generic-oauth/).
 * PKCE on, as those docs recommend; the client secret through secretKeyRef.
 */
export function grafanaOAuthEnv(spec: Spec): IEnvVar[] {
  const oauth = spec.grafana.oauth;
  if (!oauth) return [];
  return [
    { name: "GF_AUTH_GENERIC_OAUTH_ENABLED", value: "true" },
    { name: "GF_AUTH_GENERIC_OAUTH_NAME", value: oauth.name },
    { name: "GF_AUTH_GENERIC_OAUTH_CLIENT_ID", value: oauth.clientId },
    secretEnv("GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET", oauth.clientSecret.secretName, oauth.clientSecret.key),
    { name: "GF_AUTH_GENERIC_OAUTH_SCOPES", value: oauth.scopes.join(" ") },
    { name: "GF_AUTH_GENERIC_OAUTH_AUTH_URL", value: oauth.authUrl },
    { name: "GF_AUTH_GENERIC_OAUTH_TOKEN_URL", value: oauth.tokenUrl },
    { name: "GF_AUTH_GENERIC_OAUTH_API_URL", value: oauth.apiUrl },
    { name: "GF_AUTH_GENERIC_OAUTH_USE_PKCE", value: "true" },
    ...(oauth.roleAttributePath
      ? [{ name: "GF_AUTH_GENERIC_OAUTH_ROLE_ATTRIBUTE_PATH", value: oauth.roleAttributePath }]
      : []),
  ];
}

/**
 * The remote cache: Redis when the spec enables it; otherwise Grafana's default, `database`,
 * which keeps the cache in the database every replica shares already
 * (grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#remote_cache).
 */
export function grafanaCacheEnv(spec: Spec, names: StackNames): IEnvVar[] {
  if (!spec.grafana.redis.enabled) return [];
  return [
    secretEnv("REDIS_PASSWORD", spec.grafana.redis.secretName, "password"),
    { name: "GF_REMOTE_CACHE_TYPE", value: "redis" },
    // $(VAR) is expanded by the kubelet from the env above: the password never sits in the manifest.
    {
      name: "GF_REMOTE_CACHE_CONNSTR",
      value: `addr=${names.serviceDns(names.redis)}:${DEFAULT_PORTS.redis},db=0,password=$(REDIS_PASSWORD)`,
    },
  ];
}
