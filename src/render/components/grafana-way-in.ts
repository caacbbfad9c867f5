/**
 * The way in to Grafana for users: a networking.k8s.io/v1 Ingress or a Gateway API
 * gateway.networking.k8s.io/v1 HTTPRoute to the Grafana Service, by the spec's choice.
 *
 * TLS: an Ingress names its certificate Secret in `spec.tls`; with a cert-manager issuer, the
 * annotation cert-manager.io/cluster-issuer or cert-manager.io/issuer makes cert-manager's
 * ingress-shim issue the certificate into that Secret (cert-manager.io/docs/usage/ingress/). An
 * HTTPRoute carries no TLS: its Gateway's listener terminates it
 * (gateway-api.sigs.k8s.io/guides/tls/), which the user's Gateway owns.
 *
 * Each route says where its proxy pods run (hamon.io/proxy-namespace, vocabulary.ts), so that
 * the audit derives the users' flow from the same facts the NetworkPolicy admits.
 */
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import type { Spec } from "../../spec/schema.js";
import type { Manifest } from "../manifest.js";
import { componentLabels, stackNames } from "../stack-facts.js";
import { DEFAULT_PORTS } from "../../upstream/ports.js";
import { PROXY_NAMESPACE_ANNOTATION, PROXY_POD_LABELS_ANNOTATION } from "../../vocabulary.js";

type GrafanaIngress = NonNullable<Spec["grafana"]["ingress"]>;

/** The URL users reach Grafana at: HTTPS at the host (TLS ends at the Ingress, a load balancer before it, or the Gateway). */
export const grafanaRootUrl = (ingress: GrafanaIngress): string => `https://${ingress.host}/`;

const CERT_MANAGER_ANNOTATION = {
  ClusterIssuer: "cert-manager.io/cluster-issuer",
  Issuer: "cert-manager.io/issuer",
} as const;

function proxyAnnotations(ingress: GrafanaIngress): Record<string, string> {
  const labels = Object.entries(ingress.controller.podLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  return {
    [PROXY_NAMESPACE_ANNOTATION]: ingress.controller.namespace,
    ...(labels === "" ? {} : { [PROXY_POD_LABELS_ANNOTATION]: labels }),
  };
}

/** The Ingress or HTTPRoute of `grafana.ingress`; none without it. */
export function renderGrafanaWayIn(spec: Spec): Manifest[] {
  const ingress = spec.grafana.ingress;
  if (!ingress) return [];
  const names = stackNames(spec);
  const labels = componentLabels("grafana", names.grafana);
  if (ingress.type === "ingress") {
    const certManager = ingress.tls?.certManager;
    return [
      new Ingress({
        metadata: {
          name: names.grafana,
          namespace: names.namespace,
          labels,
          annotations: {
            ...proxyAnnotations(ingress),
            ...(certManager ? { [CERT_MANAGER_ANNOTATION[certManager.kind]]: certManager.name } : {}),
          },
        },
        spec: {
          ...(ingress.className ? { ingressClassName: ingress.className } : {}),
          ...(ingress.tls ? { tls: [{ hosts: [ingress.host], secretName: ingress.tls.secretName }] } : {}),
          rules: [
            {
              host: ingress.host,
              http: {
                paths: [
                  {
                    path: "/",
                    pathType: "Prefix",
                    backend: { service: { name: names.grafana, port: { name: "http" } } },
                  },
                ],
              },
            },
          ],
        },
      }),
    ];
  }
  return [
    new HTTPRoute({
      metadata: { name: names.grafana, namespace: names.namespace, labels, annotations: proxyAnnotations(ingress) },
      spec: {
        parentRefs: ingress.parentRefs.map((p) => ({
          name: p.name,
          ...(p.namespace ? { namespace: p.namespace } : {}),
          ...(p.sectionName ? { sectionName: p.sectionName } : {}),
        })),
        hostnames: [ingress.host],
        rules: [
          {
            matches: [{ path: { type: "PathPrefix", value: "/" } }],
            backendRefs: [{ name: names.grafana, port: DEFAULT_PORTS.grafanaHttp }],
          },
        ],
      },
    }),
  ];
}
