import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isReference, jsonMayHoldCredential, namesACredential, yamlSecretPaths } from "./_credentials.js";

describe("a name holds a credential when its last word is one", () => {
  it.each([
    "GF_SECURITY_ADMIN_PASSWORD",
    "PGPASSWORD",
    "AWS_SECRET_ACCESS_KEY",
    "API_KEY",
    "slack.api-token",
    "client-secret",
    "cookie-secret",
    "requirepass",
    "masterauth",
    "secret_key",
    "admin_password",
    "clientSecret",
    "credentials",
  ])("%s does", (name) => expect(namesACredential(name)).toBe(true));

  it.each([
    "secret-field-selector",
    "secret-label-selector",
    "secret-name",
    "tls-secret-name",
    "GF_SECURITY_ADMIN_PASSWORD__FILE",
    "GF_AUTH_GENERIC_OAUTH_TOKEN_URL",
    "token_rotation_interval_minutes",
    "AWS_ACCESS_KEY_ID",
    "web.key-file",
    "tls-key",
    "bypass",
    "",
  ])("%s does not", (name) => expect(namesACredential(name)).toBe(false));
});

describe("references, placeholders and selectors are not literals", () => {
  it.each([
    "$(REDIS_PASSWORD)",
    "${PW}",
    "$__file{/run/secrets/pw}",
    "$__env{PW}",
    "/etc/secret/pw",
    "./secrets/pw",
    "<secret>",
    "",
    "true",
    "30s",
    "type!=kubernetes.io/dockercfg,type!=kubernetes.io/service-account-token,type!=helm.sh/release.v1",
    "app.kubernetes.io/part-of=alertmanager",
    "environment in (production, qa),tier notin (frontend)",
  ])("%s is a reference", (v) => expect(isReference(v)).toBe(true));

  it.each(["admin", "hunter2", "xoxb-123-abc", "a=b", "c2VjcmV0==", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"])(
    "%s is a literal",
    (v) => expect(isReference(v)).toBe(false),
  );
});

describe("yamlSecretPaths", () => {
  it("names the path of each literal credential, and only those", () => {
    const config = {
      global: { slack_api_url: "https://hooks.slack.com/services/T0/B0/X", smtp_auth_password_file: "/etc/am/smtp" },
      receivers: [
        { name: "pager", pagerduty_configs: [{ routing_key: "R0UT1NG" }] },
        { name: "web", webhook_configs: [{ url: "https://user:pw@hooks.example.com/alert" }] },
      ],
      datasources: [{ secureJsonData: { httpHeaderValue1: "Bearer abc" }, basicAuthPassword: "$__env{PW}" }],
    };
    expect(yamlSecretPaths(config)).toEqual([
      "global.slack_api_url",
      "receivers.0.pagerduty_configs.0.routing_key",
      "receivers.1.webhook_configs.0.url",
      "datasources.0.secureJsonData.httpHeaderValue1",
    ]);
  });
});

describe("jsonMayHoldCredential: a JSON file it lets go unparsed has nothing yamlSecretPaths would report", () => {
  const key = fc.constantFrom(
    ...["password", "basicAuthPassword", "bearer_token", "API_KEY", "routing_key", "secret_access_key"],
    ...["slack_api_url", "webhook_url", "api_url", "secureJsonData", "url", "title", "expr", "id", "panels"],
  );
  const value = fc.oneof(
    fc.constantFrom("hunter2", "https://u:p@db.example:5432/x", "https://hooks.slack.com/services/T/B/X", "$(TOKEN)"),
    fc.string({ maxLength: 8 }),
  );
  const json = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small" },
      value,
      fc.array(tie("node"), { maxLength: 3 }),
      fc.dictionary(key, tie("node"), { maxKeys: 3 }),
    ),
  })).node;

  it("holds on random JSON, and the sieve does let dashboards without credentials go", () => {
    fc.assert(
      fc.property(json, (doc) => {
        const text = JSON.stringify(doc);
        if (yamlSecretPaths(doc).length > 0) expect(jsonMayHoldCredential(text)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(jsonMayHoldCredential('{"panels": [{"title": "CPU", "expr": "rate(x[5m])"}]}')).toBe(false);
    expect(jsonMayHoldCredential('{"title": "pass\\u0077ord"}')).toBe(true);
  });
});
