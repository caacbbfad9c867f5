/** The spec's way into Grafana: `grafana.ingress` (Ingress or HTTPRoute) and `grafana.oauth` (single sign-on). */
import * as z from "zod";
import { dns1123SubdomainProblems, JSON_SCHEMA } from "../k8s/name-validation.js";
import { apiString, dnsLabel, secretName, labelMap, httpUrl, secretDataKey } from "./schema-fields.js";

/**
 * The host users type: one DNS name, as an Ingress rule's `host` and an HTTPRoute's `hostnames`
 * take it (a DNS-1123 subdomain, not an IP address: kubernetes pkg/apis/networking/validation/validation.go,
 * validateIngressRules; gateway-api apis/v1/shared_types.go, Hostname). Grafana's root_url is
 * built from it, so a wildcard is refused.
 */
const publicHost = apiString(
  "a host name such as grafana.example.com (a DNS-1123 subdomain, no wildcard)",
  dns1123SubdomainProblems,
  JSON_SCHEMA.dns1123Subdomain,
)
  .refine((h) => !/^[0-9.]+$/.test(h), {
    message: "a DNS name such as grafana.example.com, not an IP address (Ingress and HTTPRoute hosts are names)",
  })
  .meta({ examples: ["grafana.example.com"] });

/** Labels of the pods that proxy users to Grafana; {} admits every pod of their namespace. */
const proxyPodLabels = (def: Record<string, string>, what: string) =>
  labelMap("pod")
    .default(def)
    .describe(
      `Labels of the ${what} pods in that namespace; {} admits every pod there. Default ${
        Object.entries(def)
          .map(([k, v]) => `${k}=${v}`)
          .join(", ") || "{}"
      }.`,
    );
const PROXY_FLOW =
  "Grafana's NetworkPolicy admits exactly these pods to its port (phase 4), and `hamon audit --flows` shows the flow.";

/**
 * ingress-nginx's own manifests run the controller in namespace ingress-nginx with these labels
 * (kubernetes/ingress-nginx deploy/static/provider/cloud/deploy.yaml, Deployment ingress-nginx-controller).
 */
const INGRESS_NGINX = {
  namespace: "ingress-nginx",
  podLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" },
};

export const grafanaIngressSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("ingress").describe("A networking.k8s.io/v1 Ingress."),
    host: publicHost.describe("Host users reach Grafana at; Grafana's root_url is https://<host>/."),
    className: apiString(
      "an IngressClass name (a DNS-1123 subdomain)",
      dns1123SubdomainProblems,
      JSON_SCHEMA.dns1123Subdomain,
    )
      .optional()
      .describe("`ingressClassName`. Default: none (the cluster's default IngressClass)."),
    tls: z
      .strictObject({
        secretName: secretName
          .default("grafana-tls")
          .describe(
            "Secret of type kubernetes.io/tls with the certificate for `host`: yours, or the one cert-manager writes when `certManager` is set. Default grafana-tls.",
          ),
        certManager: z
          .strictObject({
            kind: z
              .enum(["ClusterIssuer", "Issuer"])
              .default("ClusterIssuer")
              .describe("ClusterIssuer or Issuer (in the stack's namespace). Default ClusterIssuer."),
            name: dnsLabel("an issuer name").describe("Name of the cert-manager issuer."),
          })
          .optional()
          .describe(
            "Let cert-manager issue the certificate into `secretName`: hamon annotates the Ingress with cert-manager.io/cluster-issuer or cert-manager.io/issuer (cert-manager.io/docs/usage/ingress/). Default: none (you create the Secret).",
          ),
      })
      .optional()
      .describe("TLS at the Ingress. Default: none (TLS ends before the controller, e.g. at a load balancer)."),
    controller: z
      .strictObject({
        namespace: dnsLabel("a namespace name")
          .default(INGRESS_NGINX.namespace)
          .describe(`Namespace of the ingress controller pods. Default ${INGRESS_NGINX.namespace}.`),
        podLabels: proxyPodLabels(INGRESS_NGINX.podLabels, "ingress controller"),
      })
      .prefault({})
      .describe(
        `Where the ingress controller runs (default: ingress-nginx as its manifests install it). ${PROXY_FLOW}`,
      ),
  }),
  z.strictObject({
    type: z.literal("httproute").describe("A Gateway API gateway.networking.k8s.io/v1 HTTPRoute."),
    host: publicHost.describe("Host users reach Grafana at; Grafana's root_url is https://<host>/."),
    parentRefs: z
      .array(
        z.strictObject({
          name: apiString(
            "a Gateway name (a DNS-1123 subdomain)",
            dns1123SubdomainProblems,
            JSON_SCHEMA.dns1123Subdomain,
          ),
          namespace: dnsLabel("a namespace name")
            .optional()
            .describe("The Gateway's namespace. Default: the stack's namespace."),
          sectionName: dnsLabel("a listener name")
            .optional()
            .describe(
              "The Gateway listener to attach to (its HTTPS listener). Default: every listener that admits the route.",
            ),
        }),
      )
      .min(1)
      .describe(
        "The Gateways the route attaches to; each must allow routes from the stack's namespace, and terminates TLS.",
      ),
    controller: z
      .strictObject({
        namespace: dnsLabel("a namespace name").describe("Namespace of the Gateway's proxy pods."),
        podLabels: proxyPodLabels({}, "Gateway's proxy"),
      })
      .describe(
        `Where the Gateway's proxy pods run (e.g. the Gateway's own namespace for Istio, envoy-gateway-system for Envoy Gateway). ${PROXY_FLOW}`,
      ),
  }),
]);

export const grafanaOAuthSchema = z.strictObject({
  name: z.string().min(1).default("SSO").describe("Label of the login button. Default SSO."),
  clientId: z.string().min(1).describe("OAuth client id registered at the identity provider (not a secret)."),
  clientSecret: z
    .strictObject({
      secretName: secretName.describe("Secret holding the OAuth client secret."),
      key: secretDataKey("client-secret"),
    })
    .describe(
      "The client secret, by reference: Grafana reads it from the Secret (GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET through secretKeyRef).",
    ),
  authUrl: httpUrl
    .meta({ examples: ["https://login.example.com/oauth2/authorize"] })
    .describe("Authorization endpoint, where the browser is sent to log in."),
  tokenUrl: httpUrl
    .meta({ examples: ["https://login.example.com/oauth2/token"] })
    .describe("Token endpoint; Grafana calls it, so its port is allowed out of Grafana's pods."),
  apiUrl: httpUrl
    .meta({ examples: ["https://login.example.com/oauth2/userinfo"] })
    .describe("User info endpoint; Grafana calls it, so its port is allowed out of Grafana's pods."),
  scopes: z
    .array(
      z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, {
        message: "an OAuth scope: printable characters, no space, quote or backslash",
      }),
    )
    .min(1)
    .default(["openid", "profile", "email"])
    .describe("Scopes asked for. Default openid, profile, email."),
  roleAttributePath: z
    .string()
    .min(1)
    .optional()
    .describe(
      "JMESPath over the ID token or user info that gives the Grafana role, e.g. contains(groups[*], 'admins') && 'Admin' || 'Viewer'. Default: none (new users get Viewer).",
    ),
});
