/**
 * One table of specs a user may write wrong, each refused as a SpecError (exit 2) with the spec
 * path to change and a message that says what was found and what is expected. Through the whole
 * render pipeline, so that a case caught by no check would render (and fail here).
 */
import { describe, expect, it } from "vitest";
import { renderFromSpecText } from "../pipeline/render-pipeline.js";
import { InputError } from "../errors.js";
import { SpecError, type SpecIssue } from "./load.js";

const BASE = "cluster: { name: c, zones: [a, b, c] }\nstorage: { provisioner: ebs.csi.aws.com }\n";

function issuesOf(text: string): SpecIssue[] {
  try {
    renderFromSpecText(text, "s.yaml");
  } catch (e) {
    if (e instanceof SpecError) return e.issues;
    throw e;
  }
  throw new Error("expected a SpecError, but the spec rendered");
}

/** [what, spec text after BASE (or a whole spec), path, message of `found …; expected …`]. */
const CASES: Array<[string, string, string, RegExp]> = [
  // ── 1. size, aliases: see load.test.ts ──
  // ── 2. names and labels as the API server validates them ──
  [
    "Secret name with upper case",
    "objectStorage: { secretName: Thanos_Objstore }",
    "objectStorage.secretName",
    /found "Thanos_Objstore"; expected a Secret name \(a DNS-1123 subdomain\): lower-case letters, digits, '-' and '\.' only/,
  ],
  [
    "Grafana admin Secret name",
    "grafana: { adminSecretName: 'admin secret' }",
    "grafana.adminSecretName",
    /expected a Secret name \(a DNS-1123 subdomain\)/,
  ],
  ["Redis Secret name", "grafana: { redis: { secretName: -redis } }", "grafana.redis.secretName", /a Secret name/],
  [
    "external database Secret name",
    "grafana: { database: { type: external, host: db, secretName: Grafana.DB } }",
    "grafana.database.secretName",
    /found "Grafana\.DB"; expected a Secret name/,
  ],
  [
    "Secret name longer than 253 characters",
    `objectStorage: { secretName: ${"a".repeat(254)} }`,
    "objectStorage.secretName",
    /at most 253 characters \(it has 254\)/,
  ],
  [
    "Secret key with a slash",
    "objectStorage: { secretKey: conf/objstore.yml }",
    "objectStorage.secretKey",
    /expected a key of a Secret's data: letters, digits, '-', '_' and '\.' only/,
  ],
  [
    "namespace with upper case",
    "namespace: Monitoring",
    "namespace",
    /expected a namespace name \(a DNS-1123 label\): lower-case letters/,
  ],
  [
    "cluster name longer than a DNS label",
    `cluster: { name: ${"c".repeat(64)}, zones: [a, b, c] }\nstorage: { provisioner: p }`,
    "cluster.name",
    /a cluster name \(a DNS-1123 label\): at most 63 characters \(it has 64\)/,
  ],
  [
    "node label key with a space",
    "nodePool: { labels: { 'dedicated pool': monitoring } }",
    "nodePool.labels.dedicated pool",
    /found "dedicated pool"; expected a node label key \(a Kubernetes label key: \[prefix\/\]name\): a name \(after any '\/'\) of letters, digits/,
  ],
  [
    "node label key with an upper-case prefix",
    "nodePool: { labels: { Hamon.io/pool: monitoring } }",
    "nodePool.labels.Hamon.io/pool",
    /a prefix \(before '\/'\) of lower-case letters/,
  ],
  [
    "node label value with a slash",
    "nodePool: { labels: { hamon.io/pool: mon/itoring } }",
    "nodePool.labels.hamon.io/pool",
    /found "mon\/itoring"; expected a node label value \(a Kubernetes label value\): letters, digits, '-', '_' and '\.' only/,
  ],
  [
    "node label value of 64 characters",
    `nodePool: { labels: { pool: ${"v".repeat(64)} } }`,
    "nodePool.labels.pool",
    /at most 63 characters \(it has 64\)/,
  ],
  ["taint key with two slashes", "nodePool: { taint: { key: a/b/c } }", "nodePool.taint.key", /at most one '\/'/],
  ["taint value with a space", "nodePool: { taint: { value: 'two words' } }", "nodePool.taint.value", /a taint value/],
  [
    "zone that is not a label value",
    "cluster: { name: c, zones: [eu-west-1a, 'eu west 1b'] }\nstorage: { provisioner: p }",
    "cluster.zones[1]",
    /found "eu west 1b"; expected a zone name \(a Kubernetes label value\)/,
  ],
  [
    "empty zone name",
    "cluster: { name: c, zones: [a, ''] }\nstorage: { provisioner: p }",
    "cluster.zones[1]",
    /expected a non-empty zone name \(the value of the node label topology\.kubernetes\.io\/zone\)/,
  ],
  [
    "zone listed twice",
    "cluster: { name: c, zones: [a, a] }\nstorage: { provisioner: p }",
    "cluster.zones",
    /found a list of 2 items; expected distinct zone names \(one appears twice\)/,
  ],
  [
    "StorageClass provisioner with a space",
    "cluster: { name: c, zones: [a, b, c] }\nstorage: { provisioner: 'ebs csi' }",
    "storage.provisioner",
    /found "ebs csi"; expected a CSI provisioner name: a name \(after any '\/'\) of letters, digits, '-', '_' and '\.' only/,
  ],
  [
    "image tag with a space",
    "grafana: { redis: { version: '7.2 5' } }",
    "grafana.redis.version",
    /expected an image tag: letters, digits/,
  ],
  // ── 3. retention, and nodes too small ──
  [
    "Thanos raw retention 0s (keep forever upstream)",
    "workload: { longTermRetention: { raw: 0s } }",
    "workload.longTermRetention.raw",
    /found 0s; expected a finite retention such as 30d or 10y: Thanos reads 0 as keep forever, and hamon sizes the bucket/,
  ],
  [
    "Thanos 1h retention 0d",
    "workload: { longTermRetention: { oneHour: 0d } }",
    "workload.longTermRetention.oneHour",
    /found 0s; expected a finite retention/,
  ],
  [
    "raw retention shorter than the 40h 5m downsampling needs",
    "workload: { longTermRetention: { raw: 39h } }",
    "workload.longTermRetention.raw",
    /found 1d15h; expected at least 40h: the Compactor makes 5m data only from raw blocks 40 hours old/,
  ],
  [
    "5m retention shorter than the 10 days 1h downsampling needs",
    "workload: { longTermRetention: { fiveMinutes: 9d } }",
    "workload.longTermRetention.fiveMinutes",
    /found 9d; expected at least 10d: the Compactor makes 1h data only from 5m blocks 10 days old/,
  ],
  [
    "a retention Thanos cannot parse",
    "workload: { longTermRetention: { oneHour: 293y } }",
    "workload.longTermRetention.oneHour",
    /found "293y"; expected a duration of at most 292y, the longest Prometheus and Thanos can parse/,
  ],
  [
    "absurd local retention",
    "workload: { localRetention: 100y }",
    "workload.localRetention",
    /found 100y; expected a local retention of at most 10y: each Prometheus keeps it on its own volume/,
  ],
  [
    "local retention whose volume no cloud disk holds",
    "workload: { activeSeries: 2000000, localRetention: 10y }\nprometheus: { shards: 1 }",
    "workload.localRetention",
    /found a Prometheus volume of \d+Gi; expected a volume of at most 64Ti, the largest block volume the major clouds offer: shorten workload\.localRetention/,
  ],
  [
    "memory too small for any pod",
    "nodePool: { memory: 1Mi }",
    "nodePool.memory",
    /^found nodes with 1Mi of memory; expected at least 2Gi: a pod runs on one node, and a Thanos Query pod requests 2Gi$/,
  ],
  [
    "CPU too small for any pod",
    "nodePool: { cpu: 1m }",
    "nodePool.cpu",
    /^found nodes with 1m CPU; expected at least 1 CPU: a pod runs on one node, and the Thanos Compactor requests 1 CPU$/,
  ],
  [
    "a resources override larger than a node",
    "thanos: { query: { resources: { memory: 64Gi } } }",
    "thanos.query.resources.memory",
    /found a Thanos Query pod requesting 64Gi; expected at most a node's 32Gi \(nodePool\.memory\)/,
  ],
  [
    "a zero quantity",
    "nodePool: { cpu: 0 }",
    "nodePool.cpu",
    /found 0; expected a CPU quantity greater than 0 and at most 4096/,
  ],
  [
    "a quantity no node has",
    "nodePool: { memory: 1e30 }",
    "nodePool.memory",
    /expected a memory quantity greater than 0 and at most 64Ti/,
  ],
  [
    "a volume size of 0",
    "prometheus: { storageSize: '0' }",
    "prometheus.storageSize",
    /found "0"; expected a volume size greater than 0 and at most 64Ti/,
  ],
  [
    "a quantity that is not one",
    "nodePool: { memory: 32GB }",
    "nodePool.memory",
    /a memory quantity such as 512Mi or 32Gi/,
  ],
  // ── 4. messages in plain words ──
  [
    "a fraction where a count goes",
    "prometheus: { replicas: 2.5 }",
    "prometheus.replicas",
    /found 2\.5; expected a whole number$/,
  ],
  ["a number where a mapping goes", "prometheus: 3", "prometheus", /found 3; expected a mapping \(key: value lines\)$/],
  ["a number where text goes", "prometheus: { version: 3 }", "prometheus.version", /found 3; expected text$/],
  [
    "shards neither auto nor a count",
    "prometheus: { shards: many }",
    "prometheus.shards",
    /found "many"; expected "auto" or a number$/,
  ],
  [
    "an empty list of zones",
    "cluster: { name: c, zones: [] }\nstorage: { provisioner: p }",
    "cluster.zones",
    /found a list of 0 items; expected a list with at least 1 item$/,
  ],
  [
    "a database type that does not exist",
    "grafana: { database: { type: mysql } }",
    "grafana.database.type",
    /^found "mysql"; expected one of "cloudnativepg", "external"$/,
  ],
  [
    "a database without a type",
    "grafana: { database: { host: db } }",
    "grafana.database.type",
    /^found \(missing\); expected one of "cloudnativepg", "external"$/,
  ],
  [
    "CloudNativePG's default 3 instances on 2 zones",
    "cluster: { name: c, zones: [a, b] }\nstorage: { provisioner: p }",
    "grafana.database.instances",
    /found 3 PostgreSQL instances; expected at most 2: .* either set grafana\.database\.instances: 2 \(the trade-off: a zone loss leaves a single instance, the primary or a promoted standby, with no standby until the zone returns\), or use grafana\.database\.type: external/,
  ],
  [
    "CloudNativePG on a single zone",
    "cluster: { name: c, zones: [a] }\nstorage: { provisioner: p }\nnodePool: { nodesPerZone: 3 }\nalertmanager: { replicas: 3 }\ngrafana: { database: { type: cloudnativepg, instances: 2 } }",
    "grafana.database.instances",
    /one zone holds one instance, which is not highly available: use grafana\.database\.type: external/,
  ],
  [
    "one zone of one node, counted in the singular",
    "cluster: { name: c, zones: [a] }\nstorage: { provisioner: p }\nnodePool: { nodesPerZone: 1 }\nphase: 1\nalertmanager: { replicas: 2 }",
    "prometheus.replicas",
    /the pool has 1 zone × nodePool\.nodesPerZone 1 = 1 node$/,
  ],
  // ── 5. namespaces hamon must not take over ──
  ...(["kube-system", "default", "kube-public", "kube-node-lease", "kube-monitoring"] as const).map(
    (ns): [string, string, string, RegExp] => [
      `namespace ${ns}`,
      `namespace: ${ns}`,
      "namespace",
      /expected a namespace used by the stack alone, neither default nor one starting with kube-: hamon labels its namespace Pod Security "restricted" and puts a default-deny NetworkPolicy in it, which would cut off every other workload there$/,
    ],
  ),
  // ── 6. external PostgreSQL address ──
  ...(
    [
      ["pg:notaport", /a port from 1 to 65535 after ':' \(default 5432 when left out\)$/],
      ["pg:0", /a port from 1 to 65535/],
      ["pg:65536", /a port from 1 to 65535/],
      ["pg:", /a port from 1 to 65535/],
      ["pg:5432:1", /^found "pg:5432:1"; expected hostname\[:port\]: a DNS name or IPv4 address/],
      ["db host", /a host name of letters, digits, '-' and '\.'/],
      ["", /^found ""; expected hostname\[:port\]/],
      ...["localhost:5432", "127.0.0.1", "[::1]:5433", "[0:0:0:0:0:0:0:1]"].map(
        (loopback) => [loopback, /a loopback address \(localhost, 127\.x, ::1\) is inside each Grafana pod/] as const,
      ),
    ] as const
  ).map(([host, message]): [string, string, string, RegExp] => [
    `external host ${JSON.stringify(host)}`,
    `grafana: { database: { type: external, host: '${host}', secretName: grafana-db } }`,
    "grafana.database.host",
    message,
  ]), // ── 7. Grafana from outside, MySQL ──
  [
    "a MySQL port that is no port names MySQL's default",
    "grafana: { database: { type: external, engine: mysql, host: 'my:x', secretName: db } }",
    "grafana.database.host",
    /a port from 1 to 65535 after ':' \(default 3306 when left out\)$/,
  ],
  [
    "a MySQL on localhost",
    "grafana: { database: { type: external, engine: mysql, host: localhost, secretName: db } }",
    "grafana.database.host",
    /a loopback address/,
  ],
  [
    "a database engine Grafana HA does not support",
    "grafana: { database: { type: external, engine: sqlite3, host: db, secretName: db } }",
    "grafana.database.engine",
    /^found "sqlite3"; expected one of "postgres", "mysql"$/,
  ],
  [
    "single sign-on without a way in",
    "grafana: { oauth: { clientId: g, clientSecret: { secretName: idp }, authUrl: 'https://i/a', tokenUrl: 'https://i/t', apiUrl: 'https://i/u' } }",
    "grafana.oauth",
    /expected grafana\.ingress as well: the identity provider sends users back to Grafana's root_url/,
  ],
  [
    "an OAuth token URL that is no URL",
    "grafana: { ingress: { type: ingress, host: g.example.com }, oauth: { clientId: g, clientSecret: { secretName: idp }, authUrl: 'https://i/a', tokenUrl: 'login.example.com/token', apiUrl: 'https://i/u' } }",
    "grafana.oauth.tokenUrl",
    /^found "login\.example\.com\/token"; expected an http or https URL/,
  ],
  [
    "an OAuth scope with a space",
    "grafana: { ingress: { type: ingress, host: g.example.com }, oauth: { clientId: g, clientSecret: { secretName: idp }, authUrl: 'https://i/a', tokenUrl: 'https://i/t', apiUrl: 'https://i/u', scopes: ['openid email'] } }",
    "grafana.oauth.scopes[0]",
    /expected an OAuth scope: printable characters, no space/,
  ],
  [
    "an OAuth client secret given as a value",
    "grafana: { ingress: { type: ingress, host: g.example.com }, oauth: { clientId: g, clientSecret: s3cr3t, authUrl: 'https://i/a', tokenUrl: 'https://i/t', apiUrl: 'https://i/u' } }",
    "grafana.oauth.clientSecret",
    /^found "s3cr3t"; expected a mapping \(key: value lines\)$/,
  ],
  [
    "a way in of an unknown type",
    "grafana: { ingress: { type: route, host: g.example.com } }",
    "grafana.ingress.type",
    /^found "route"; expected one of "ingress", "httproute"$/,
  ],
  ...(
    [
      ["*.example.com", /expected a host name such as grafana\.example\.com \(a DNS-1123 subdomain, no wildcard\)/],
      ["Grafana.example.com", /lower-case letters, digits, '-' and '\.' only/],
      ["10.0.0.1", /expected a DNS name such as grafana\.example\.com, not an IP address/],
    ] as const
  ).map(([host, message]): [string, string, string, RegExp] => [
    `way-in host ${JSON.stringify(host)}`,
    `grafana: { ingress: { type: ingress, host: '${host}' } }`,
    "grafana.ingress.host",
    message,
  ]),
  [
    "an HTTPRoute without a Gateway",
    "grafana: { ingress: { type: httproute, host: g.example.com, parentRefs: [], controller: { namespace: gw } } }",
    "grafana.ingress.parentRefs",
    /found a list of 0 items; expected a list with at least 1 item$/,
  ],
  [
    "an HTTPRoute without saying where the Gateway's proxy runs",
    "grafana: { ingress: { type: httproute, host: g.example.com, parentRefs: [{ name: gw }] } }",
    "grafana.ingress.controller",
    /^found \(missing\); expected a mapping \(key: value lines\)$/,
  ],
  [
    "an ingress controller namespace that is no namespace name",
    "grafana: { ingress: { type: ingress, host: g.example.com, controller: { namespace: Ingress_Nginx } } }",
    "grafana.ingress.controller.namespace",
    /expected a namespace name \(a DNS-1123 label\)/,
  ],
  [
    "a cert-manager issuer of an unknown kind",
    "grafana: { ingress: { type: ingress, host: g.example.com, tls: { certManager: { kind: Vault, name: v } } } }",
    "grafana.ingress.tls.certManager.kind",
    /^found "Vault"; expected one of "ClusterIssuer", "Issuer"$/,
  ],
  [
    "a secret_key Secret name with upper case",
    "grafana: { secretKey: { secretName: Grafana-Key } }",
    "grafana.secretKey.secretName",
    /expected a Secret name \(a DNS-1123 subdomain\)/,
  ],
  [
    "Redis switched on with a word",
    "grafana: { redis: { enabled: yes please } }",
    "grafana.redis.enabled",
    /^found "yes please"; expected true or false$/,
  ],
];

/** Wording the house rules forbid in any message. */
const BAD_WORDING = /expected expected|\ba object\b|\ba int\b|found undefined|\(s\)|\b1 nodes\b|found -\d/;

describe("specs refused at their path, with what was found and what is expected", () => {
  it.each(CASES)("%s", (_what, fragment, path, message) => {
    const text = fragment.startsWith("cluster:") ? fragment + "\n" : BASE + fragment + "\n";
    const issues = issuesOf(text);
    const issue = issues.find((i) => i.path === path);
    expect(issue, `issues: ${JSON.stringify(issues)}`).toBeDefined();
    expect(`found ${issue!.found}; expected ${issue!.expected}`).toMatch(message);
    for (const i of issues) {
      expect(i.line, i.path).toBeGreaterThan(0);
      expect(`found ${i.found}; expected ${i.expected}`).not.toMatch(BAD_WORDING);
    }
  });

  it("reports the spec error as input the user must fix (exit 2), not as a bug", () => {
    expect(() => renderFromSpecText(BASE + "namespace: default\n", "s.yaml")).toThrow(InputError);
  });

  it("still renders the shortest retentions downsampling allows, and an external database on its own port", () => {
    const ok = renderFromSpecText(
      BASE +
        "workload: { longTermRetention: { raw: 40h, fiveMinutes: 10d, oneHour: 1d } }\n" +
        "grafana: { database: { type: external, host: 'db.example.com:6543', secretName: grafana-db } }\n",
      "s.yaml",
    );
    expect(ok.spec.grafana.database.type === "external" && ok.spec.grafana.database.host.port).toBe(6543);
  });
});
