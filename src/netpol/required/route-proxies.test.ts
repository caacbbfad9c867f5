/**
 * Users' way to Grafana as the audit derives it: through the proxy pods an Ingress or HTTPRoute
 * names (hamon.io/proxy-namespace), else from outside; and Grafana's own calls to its identity
 * provider. On small inputs, and on hamon's own render with the annotation taken away.
 */
import { describe, expect, it } from "vitest";
import { readInventory } from "../../inventory/read-inventory.js";
import { inventoryFromRender } from "../../inventory/inventory-from-render.js";
import { runAudit } from "../../audit/run-audit.js";
import { exampleStack } from "../../../test/support/example-stack.js";
import { analyzeFlows, requiredFlowMatrix } from "./flow-analysis.js";
import { routeProxies } from "./route-proxies.js";

const GRAFANA = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: grafana, namespace: monitoring }
spec:
  replicas: 2
  selector: { matchLabels: { app: grafana } }
  template:
    metadata: { labels: { app: grafana } }
    spec:
      containers:
        - name: grafana
          image: docker.io/grafana/grafana:11.3.0
          ports: [{ name: http, containerPort: 3000 }]
          env:
            - { name: GF_AUTH_GENERIC_OAUTH_ENABLED, value: "true" }
            - { name: GF_AUTH_GENERIC_OAUTH_AUTH_URL, value: "https://browser-only.example.com/authorize" }
            - { name: GF_AUTH_GENERIC_OAUTH_TOKEN_URL, value: "https://idp.example.com:8443/token" }
            - { name: GF_AUTH_GENERIC_OAUTH_API_URL, value: "https://idp.example.com/userinfo" }
---
apiVersion: v1
kind: Service
metadata: { name: grafana, namespace: monitoring }
spec: { selector: { app: grafana }, ports: [{ name: http, port: 3000, targetPort: http }] }
`;
const ingress = (annotations: string, service = "grafana") => `
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: monitoring, annotations: { ${annotations} } }
spec:
  rules:
    - host: g.example.com
      http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: ${service}, port: { name: http } } } }] }
`;
const ROUTE = `
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: monitoring, annotations: { hamon.io/proxy-namespace: gateways } }
spec:
  parentRefs: [{ name: public, namespace: gateways }]
  rules: [{ backendRefs: [{ name: grafana, port: 3000 }] }]
`;

function usersOf(yaml: string) {
  const a = analyzeFlows(readInventory([{ file: "t.yaml", text: yaml }]));
  return {
    a,
    toGrafana: requiredFlowMatrix(a)
      .filter((r) => r.to.startsWith("Deployment monitoring/grafana") && r.port === "TCP/3000")
      .map((r) => r.from),
  };
}

describe("users' way to Grafana", () => {
  it("comes from outside the cluster when no route names its proxy", () => {
    expect(usersOf(GRAFANA).toGrafana).toEqual([
      "users (outside the cluster)",
      "users (outside the cluster) over IPv6",
    ]);
    // A route that does not say where its controller runs changes nothing: nothing else tells.
    expect(usersOf(GRAFANA + ingress("")).toGrafana).toEqual([
      "users (outside the cluster)",
      "users (outside the cluster) over IPv6",
    ]);
  });

  it("comes from the Ingress' proxy pods, assumed where the annotation says when not in the input", () => {
    const { a, toGrafana } = usersOf(
      GRAFANA + ingress("hamon.io/proxy-namespace: ingress-nginx, hamon.io/proxy-pod-labels: 'app=ingress,tier=edge'"),
    );
    expect(toGrafana).toEqual(["ingress-nginx/route proxy (assumed)"]);
    const assumed = a.context.assumed.find((p) => p.pod.namespace === "ingress-nginx");
    expect(assumed?.pod.labels).toEqual({ app: "ingress", tier: "edge" });
    expect(assumed?.why).toContain("Ingress monitoring/web");
  });

  it("comes from the controller's own pods when the input has them", () => {
    const controller = `
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: controller, namespace: ingress-nginx }
spec:
  selector: { matchLabels: { app: ingress } }
  template:
    metadata: { labels: { app: ingress } }
    spec: { containers: [{ name: c, image: registry.k8s.io/ingress-nginx/controller:v1.11.0 }] }
`;
    const { a, toGrafana } = usersOf(
      GRAFANA + ingress("hamon.io/proxy-namespace: ingress-nginx, hamon.io/proxy-pod-labels: app=ingress") + controller,
    );
    expect(toGrafana).toEqual(["Deployment ingress-nginx/controller"]);
    expect(a.context.assumed.map((p) => p.pod.namespace)).not.toContain("ingress-nginx");
  });

  it("comes from an HTTPRoute's Gateway proxy, every pod of its namespace when no labels are given", () => {
    expect(
      routeProxies(readInventory([{ file: "t.yaml", text: GRAFANA + ROUTE }])).map((r) => [r.namespace, r.backends]),
    ).toEqual([["gateways", ["monitoring/grafana"]]]);
    const { toGrafana, a } = usersOf(GRAFANA + ROUTE);
    expect(toGrafana).toEqual(["gateways/route proxy (assumed)"]);
    expect(a.context.assumed.find((p) => p.pod.namespace === "gateways")?.pod.labels).toEqual({});
  });

  it("is not changed by a route to another Service", () => {
    expect(usersOf(GRAFANA + ingress("hamon.io/proxy-namespace: ingress-nginx", "shop")).toGrafana).toEqual([
      "users (outside the cluster)",
      "users (outside the cluster) over IPv6",
    ]);
  });
});

describe("Grafana's single sign-on", () => {
  it("needs the token and user info endpoints, not the browser-only authorization URL", () => {
    const { a } = usersOf(GRAFANA);
    const rows = requiredFlowMatrix(a).filter((r) => r.why.includes("single sign-on") && !/IPv6/.test(r.to));
    expect(rows.map((r) => `${r.to} ${r.port}`).sort()).toEqual([
      "idp.example.com (outside the cluster) TCP/443",
      "idp.example.com (outside the cluster) TCP/8443",
    ]);
  });
});

describe("hamon's own Ingress, through the audit", () => {
  const { files } = exampleStack().render;

  it("needs the proxy annotation: without it users are taken to come from outside, which the policy blocks", () => {
    const path = "grafana/ingress-grafana.yaml";
    expect(files.get(path)).toContain("hamon.io/proxy-namespace: ingress-nginx");
    const without = new Map(files);
    without.set(path, (files.get(path) ?? "").replace(/ {4}hamon\.io\/proxy-[a-z-]+: .*\n/g, ""));
    const blocked = runAudit(inventoryFromRender(without)).findings.filter((f) => f.rule === "HAMON-NETPOL-001");
    expect(blocked.map((f) => f.message).join("\n")).toContain("users (outside the cluster)");
  });
});
