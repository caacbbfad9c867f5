/**
 * Ingresses and HTTPRoutes that say where their proxy pods run (the hamon.io/proxy-namespace
 * annotation, src/vocabulary.ts): users reach each route's backend Services from those pods, not
 * from outside the cluster. Nothing else in the objects says where a controller runs, so a route
 * without the annotation changes nothing (its users are taken to come from outside).
 *
 * Backends: an Ingress names Services in `spec.defaultBackend.service` and
 * `spec.rules[].http.paths[].backend.service` (kubernetes.io/docs/concepts/services-networking/ingress/),
 * always in its own namespace; an HTTPRoute in `spec.rules[].backendRefs[]`, kind Service unless
 * it says otherwise, in the route's namespace unless it names one (gateway-api apis/v1/httproute_types.go).
 */
import type { Inventory, InventoryObject } from "../../inventory/model.js";
import { asRecord, asRecords, asString, asStringMap } from "../../k8s/json.js";
import { PROXY_NAMESPACE_ANNOTATION, PROXY_POD_LABELS_ANNOTATION } from "../../vocabulary.js";

export interface RouteProxy {
  route: InventoryObject;
  /** Where the proxy pods run. */
  namespace: string;
  /** Their labels; {} for every pod of the namespace. */
  podLabels: Record<string, string>;
  /** The Services the route sends users to, as namespace/name. */
  backends: string[];
}

/** `a=b,c=d` → {a: b, c: d}; undefined when a part is not `key=value`. */
function parseLabels(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined || text.trim() === "") return {};
  const out: Record<string, string> = {};
  for (const part of text.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) return undefined;
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

function ingressBackends(spec: Record<string, unknown>): string[] {
  const services = [
    asRecord(asRecord(spec.defaultBackend).service),
    ...asRecords(spec.rules).flatMap((r) =>
      asRecords(asRecord(r.http).paths).map((p) => asRecord(asRecord(p.backend).service)),
    ),
  ];
  return services.flatMap((s) => (asString(s.name) ? [asString(s.name) as string] : []));
}

function httpRouteBackends(spec: Record<string, unknown>, namespace: string): string[] {
  return asRecords(spec.rules)
    .flatMap((r) => asRecords(r.backendRefs))
    .filter((b) => (asString(b.kind) ?? "Service") === "Service" && (asString(b.group) ?? "") === "")
    .flatMap((b) => (asString(b.name) ? [`${asString(b.namespace) ?? namespace}/${asString(b.name)}`] : []));
}

export function routeProxies(inv: Inventory): RouteProxy[] {
  const out: RouteProxy[] = [];
  for (const o of inv.objects) {
    const isIngress = o.ref.kind === "Ingress" && o.ref.apiVersion.startsWith("networking.k8s.io/");
    const isRoute = o.ref.kind === "HTTPRoute" && o.ref.apiVersion.startsWith("gateway.networking.k8s.io/");
    if (!isIngress && !isRoute) continue;
    const annotations = asStringMap(asRecord(o.raw.metadata).annotations);
    const namespace = annotations[PROXY_NAMESPACE_ANNOTATION]?.trim();
    const podLabels = parseLabels(annotations[PROXY_POD_LABELS_ANNOTATION]);
    if (!namespace || !podLabels) continue;
    const ns = o.ref.namespace ?? "default";
    const spec = asRecord(o.raw.spec);
    const backends = isIngress ? ingressBackends(spec).map((name) => `${ns}/${name}`) : httpRouteBackends(spec, ns);
    out.push({ route: o, namespace, podLabels, backends: [...new Set(backends)] });
  }
  return out;
}
