/**
 * Grafana from outside, asserted on the rendered objects: the way in (Ingress or HTTPRoute, each
 * valid against its schema), root_url, secret_key and single sign-on by reference, probes that a
 * database switchover does not turn into restarts, Redis only when enabled, and an external MySQL.
 */
import { describe, expect, it } from "vitest";
import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { exampleStack, exampleVariant } from "../../../test/support/example-stack.js";
import { matches, type Json, type RenderedView } from "../../../test/support/rendered.js";
import { prerequisitesMarkdown } from "../prerequisites.js";
import { PROXY_NAMESPACE_ANNOTATION, PROXY_POD_LABELS_ANNOTATION } from "../../vocabulary.js";
import { NAMESPACE_NAME_LABEL } from "../../k8s/well-known-labels.js";

const example = exampleStack().view;

/** The example with its whole `grafana:` block (the last one of the file) replaced. */
const withGrafana = (block: string) =>
  exampleVariant((yaml) => {
    const at = yaml.indexOf("\ngrafana:\n");
    if (at < 0) throw new Error("example has no grafana block");
    return `${yaml.slice(0, at)}\ngrafana:\n${block}`;
  }).view;

const container = (v: RenderedView) => v.one("Deployment", "grafana").spec.template.spec.containers[0] as Json;
const envOf = (v: RenderedView): Record<string, Json> =>
  Object.fromEntries((container(v).env as Json[]).map((e) => [e.name, e.value ?? e.valueFrom]));
/** The peers Grafana's NetworkPolicy admits to its HTTP port. */
const grafanaPortSources = (v: RenderedView): Json[] =>
  (v.one("NetworkPolicy", "allow-grafana").spec.ingress as Json[])
    .filter((r) => (r.ports as Json[]).some((p) => p.port === 3000))
    .map((r) => r.from ?? "any");
/** Ports Grafana may reach outside the cluster. */
const outsideEgress = (v: RenderedView): string[] =>
  (v.one("NetworkPolicy", "allow-grafana").spec.egress as Json[])
    .filter((r) => (r.to as Json[] | undefined)?.some((p) => p.ipBlock))
    .flatMap((r) => (r.ports as Json[]).map((p) => `${p.protocol}/${p.port}`));
const objectOf = (v: RenderedView, kind: string) =>
  v.folders.flatMap((f) => f.objects).find((o) => o.kind === kind) as { validate(): void; toJSON(): unknown };

const BASE = `  replicas: 2
  database: { type: cloudnativepg, instances: 3 }
`;
const HTTPROUTE = `${BASE}  ingress:
    type: httproute
    host: grafana.example.org
    parentRefs: [{ name: public, namespace: gateways, sectionName: https }]
    controller: { namespace: gateways, podLabels: { gateway.networking.k8s.io/gateway-name: public } }
`;

describe("the way in: an Ingress (the example)", () => {
  const ingress = example.one("Ingress", "grafana");

  it("routes the host to the Grafana Service's http port, with TLS from cert-manager", () => {
    expect(ingress.spec.ingressClassName).toBe("nginx");
    expect(ingress.spec.rules).toEqual([
      {
        host: "grafana.example.com",
        http: {
          paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "grafana", port: { name: "http" } } } }],
        },
      },
    ]);
    const service = example.one("Service", "grafana");
    expect(service.spec.ports.map((p: Json) => p.name)).toContain("http");
    expect(matches(service.spec.selector, example.one("Deployment", "grafana").spec.template.metadata.labels)).toBe(
      true,
    );
    expect(ingress.spec.tls).toEqual([{ hosts: ["grafana.example.com"], secretName: "grafana-tls" }]);
    expect(ingress.metadata.annotations["cert-manager.io/cluster-issuer"]).toBe("letsencrypt");
  });

  it("is valid against the networking.k8s.io/v1 schema, which would refuse a broken one", () => {
    const object = objectOf(example, "Ingress");
    expect(() => object.validate()).not.toThrow();
    const broken = structuredClone(object.toJSON()) as Json;
    broken.spec.rules[0].http.paths[0].pathType = "Anything";
    expect(() => new Ingress(broken as never).validate()).toThrow();
  });

  it("sets Grafana's root_url and domain from the host", () => {
    const env = envOf(example);
    expect(env.GF_SERVER_ROOT_URL).toBe("https://grafana.example.com/");
    expect(env.GF_SERVER_DOMAIN).toBe("grafana.example.com");
  });

  it("admits only the ingress controller's pods and Prometheus' scrape to Grafana's port", () => {
    expect(grafanaPortSources(example)).toEqual([
      [
        {
          namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: "ingress-nginx" } },
          podSelector: {
            matchLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" },
          },
        },
      ],
      [{ podSelector: { matchLabels: { "hamon.io/component": "prometheus" } } }],
    ]);
  });

  it("says on the Ingress where its controller runs, for the audit's flows", () => {
    expect(ingress.metadata.annotations[PROXY_NAMESPACE_ANNOTATION]).toBe("ingress-nginx");
    expect(ingress.metadata.annotations[PROXY_POD_LABELS_ANNOTATION]).toBe(
      "app.kubernetes.io/name=ingress-nginx,app.kubernetes.io/component=controller",
    );
  });

  it("uses a namespaced Issuer's annotation, and leaves TLS out when the spec has none", () => {
    const issuer = withGrafana(
      `${BASE}  ingress: { type: ingress, host: g.example.com, tls: { certManager: { kind: Issuer, name: local-ca } } }\n`,
    ).one("Ingress", "grafana");
    expect(issuer.metadata.annotations["cert-manager.io/issuer"]).toBe("local-ca");
    expect(issuer.metadata.annotations["cert-manager.io/cluster-issuer"]).toBeUndefined();
    expect(issuer.spec.ingressClassName).toBeUndefined();
    const plain = withGrafana(`${BASE}  ingress: { type: ingress, host: g.example.com }\n`).one("Ingress", "grafana");
    expect(plain.spec.tls).toBeUndefined();
    expect(Object.keys(plain.metadata.annotations).filter((k) => k.startsWith("cert-manager.io/"))).toEqual([]);
  });
});

describe("the way in: a Gateway API HTTPRoute", () => {
  const v = withGrafana(HTTPROUTE);
  const route = v.one("HTTPRoute", "grafana");

  it("attaches to the spec's Gateway and sends the host to the Grafana Service's port", () => {
    expect(v.byKind("Ingress")).toEqual([]);
    expect(route.apiVersion).toBe("gateway.networking.k8s.io/v1");
    expect(route.spec.parentRefs).toEqual([{ name: "public", namespace: "gateways", sectionName: "https" }]);
    expect(route.spec.hostnames).toEqual(["grafana.example.org"]);
    const port = route.spec.rules[0].backendRefs[0];
    expect(port.name).toBe("grafana");
    expect(v.one("Service", "grafana").spec.ports.map((p: Json) => p.port)).toContain(port.port);
    expect(envOf(v).GF_SERVER_ROOT_URL).toBe("https://grafana.example.org/");
  });

  it("is valid against the Gateway API CRD schema, which would refuse a broken one", () => {
    const object = objectOf(v, "HTTPRoute");
    expect(() => object.validate()).not.toThrow();
    const broken = structuredClone(object.toJSON()) as Json;
    broken.spec.hostnames = ["Not A Host"];
    expect(() => new HTTPRoute(broken as never).validate()).toThrow();
  });

  it("admits the Gateway's proxy pods to Grafana's port", () => {
    expect(grafanaPortSources(v)[0]).toEqual([
      {
        namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: "gateways" } },
        podSelector: { matchLabels: { "gateway.networking.k8s.io/gateway-name": "public" } },
      },
    ]);
  });

  it("tells PREREQUISITES what the Gateway must allow", () => {
    const text = prerequisitesMarkdown(v.spec);
    expect(text).toContain("`gateways/public`");
    expect(text).toContain("allows routes from this namespace");
  });
});

describe("without a way in", () => {
  const v = withGrafana(BASE);

  it("renders no route, no root_url, and leaves Grafana's port open to any peer", () => {
    expect([...v.byKind("Ingress"), ...v.byKind("HTTPRoute")]).toEqual([]);
    expect(envOf(v).GF_SERVER_ROOT_URL).toBeUndefined();
    expect(grafanaPortSources(v)).toEqual(["any"]);
  });
});

describe("secret_key and single sign-on, by reference", () => {
  it("reads secret_key from the Secret the spec names (default grafana-secret-key)", () => {
    expect(envOf(example).GF_SECURITY_SECRET_KEY).toEqual({
      secretKeyRef: { name: "grafana-secret-key", key: "secret-key" },
    });
    const custom = withGrafana(`${BASE}  secretKey: { secretName: my-key, key: k }\n`);
    expect(envOf(custom).GF_SECURITY_SECRET_KEY).toEqual({ secretKeyRef: { name: "my-key", key: "k" } });
    expect(prerequisitesMarkdown(custom.spec)).toContain("`my-key`, key `k`: Grafana's secret_key");
  });

  it("configures generic OAuth with the client secret from a Secret and no credential in the render", () => {
    const env = envOf(example);
    expect(env).toMatchObject({
      GF_AUTH_GENERIC_OAUTH_ENABLED: "true",
      GF_AUTH_GENERIC_OAUTH_CLIENT_ID: "grafana",
      GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: { secretKeyRef: { name: "grafana-oauth", key: "client-secret" } },
      GF_AUTH_GENERIC_OAUTH_SCOPES: "openid profile email",
      GF_AUTH_GENERIC_OAUTH_AUTH_URL: "https://login.example.com/oauth2/authorize",
      GF_AUTH_GENERIC_OAUTH_TOKEN_URL: "https://login.example.com/oauth2/token",
      GF_AUTH_GENERIC_OAUTH_API_URL: "https://login.example.com/oauth2/userinfo",
      GF_AUTH_GENERIC_OAUTH_USE_PKCE: "true",
    });
    expect(env.GF_AUTH_GENERIC_OAUTH_ROLE_ATTRIBUTE_PATH).toBeUndefined();
    expect(prerequisitesMarkdown(example.spec)).toContain(
      "redirect URL https://grafana.example.com/login/generic_oauth",
    );
  });

  it("lets Grafana reach the provider's token and user info ports, and nothing for the browser-only auth URL", () => {
    expect(outsideEgress(example)).toEqual(["TCP/443"]);
    const v = withGrafana(`${BASE}  ingress: { type: ingress, host: g.example.com }
  oauth:
    clientId: g
    clientSecret: { secretName: idp }
    authUrl: https://idp.example.com:9443/authorize
    tokenUrl: https://idp.example.com:8443/token
    apiUrl: http://idp.example.com/userinfo
    roleAttributePath: "contains(groups[*], 'admins') && 'Admin' || 'Viewer'"
`);
    expect(outsideEgress(v)).toEqual(["TCP/80", "TCP/8443"]);
    expect(envOf(v).GF_AUTH_GENERIC_OAUTH_ROLE_ATTRIBUTE_PATH).toBe(
      "contains(groups[*], 'admins') && 'Admin' || 'Viewer'",
    );
  });

  it("renders no OAuth setting and no egress to the outside without oauth", () => {
    const v = withGrafana(BASE);
    expect(Object.keys(envOf(v)).filter((k) => k.startsWith("GF_AUTH_"))).toEqual([]);
    expect(outsideEgress(v)).toEqual([]);
  });
});

describe("probes", () => {
  const c = container(example);

  it("keep liveness off the database: a switchover takes pods out of the Service, restarts none", () => {
    expect(c.livenessProbe.tcpSocket).toEqual({ port: "http" });
    expect(c.livenessProbe.httpGet).toBeUndefined();
    expect(c.readinessProbe.httpGet).toEqual({ path: "/api/health", port: "http" });
    // A first start or an upgrade runs migrations before serving: 5 minutes before liveness counts.
    expect(c.startupProbe.tcpSocket).toEqual({ port: "http" });
    expect(c.startupProbe.periodSeconds * c.startupProbe.failureThreshold).toBeGreaterThanOrEqual(300);
  });
});

describe("Redis", () => {
  it("is off by default: the cache lives in the database, no Redis object, Secret or flow", () => {
    expect(example.folders.map((f) => f.folder)).not.toContain("redis");
    expect(example.all.filter((o) => o.metadata?.name === "grafana-redis")).toEqual([]);
    expect(envOf(example).GF_REMOTE_CACHE_TYPE).toBeUndefined();
    expect(prerequisitesMarkdown(example.spec)).not.toContain("grafana-redis");
    expect(example.byKind("NetworkPolicy").map((p) => p.metadata.name)).not.toContain("allow-redis");
  });

  it("is rendered, used and allowed when enabled", () => {
    const v = withGrafana(`${BASE}  redis: { enabled: true }\n`);
    expect(v.folders.map((f) => f.folder)).toContain("redis");
    expect(envOf(v).GF_REMOTE_CACHE_TYPE).toBe("redis");
    expect(envOf(v).GF_REMOTE_CACHE_CONNSTR).toContain("addr=grafana-redis.monitoring.svc:6379");
    expect(v.one("NetworkPolicy", "allow-redis").spec.ingress.length).toBeGreaterThan(0);
    expect(prerequisitesMarkdown(v.spec)).toContain("`grafana-redis`, key `password`");
  });
});

describe("an external MySQL", () => {
  const mysql = (db: string) => withGrafana(`  replicas: 2\n  database: ${db}\n`);

  it("connects with Grafana's mysql type on 3306 by default, and allows exactly that port", () => {
    const v = mysql("{ type: external, engine: mysql, host: mysql.example.com, secretName: grafana-db }");
    const env = envOf(v);
    expect(env.GF_DATABASE_TYPE).toBe("mysql");
    expect(env.GF_DATABASE_HOST).toBe("mysql.example.com:3306");
    expect(env.GF_DATABASE_PASSWORD).toEqual({ secretKeyRef: { name: "grafana-db", key: "password" } });
    // require: encrypted without checking the certificate, which MySQL calls skip-verify.
    expect(env.GF_DATABASE_SSL_MODE).toBe("skip-verify");
    expect(outsideEgress(v)).toEqual(["TCP/3306"]);
    expect(v.byKind("Cluster")).toEqual([]);
    expect(prerequisitesMarkdown(v.spec)).toContain("the external MySQL user");
  });

  it("verifies the server against a CA certificate from a Secret, mounted read-only", () => {
    const v = mysql(
      "{ type: external, engine: mysql, host: 'mysql.example.com:3307', secretName: db, sslMode: verify-full, caSecret: { secretName: db-ca } }",
    );
    const env = envOf(v);
    expect(env.GF_DATABASE_SSL_MODE).toBe("true");
    expect(env.GF_DATABASE_CA_CERT_PATH).toBe("/etc/grafana/database-ca/ca.crt");
    expect(outsideEgress(v)).toEqual(["TCP/3307"]);
    const pod = v.one("Deployment", "grafana").spec.template.spec;
    expect(pod.volumes).toContainEqual({
      name: "database-ca",
      secret: { secretName: "db-ca", items: [{ key: "ca.crt", path: "ca.crt" }] },
    });
    expect(container(v).volumeMounts).toContainEqual({
      name: "database-ca",
      mountPath: "/etc/grafana/database-ca",
      readOnly: true,
    });
  });

  it("keeps PostgreSQL's ssl modes and port for engine postgres", () => {
    const env = envOf(mysql("{ type: external, host: pg.example.com, secretName: db, sslMode: verify-full }"));
    expect([env.GF_DATABASE_TYPE, env.GF_DATABASE_HOST, env.GF_DATABASE_SSL_MODE]).toEqual([
      "postgres",
      "pg.example.com:5432",
      "verify-full",
    ]);
  });
});
