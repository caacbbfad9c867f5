/**
 * The graph of flows a monitoring stack needs, derived from the components' own configuration
 * (flags, config files, operator CRs) rather than from names, each with the configuration that
 * asks for it. Flows with the same ends, port and protocol are merged, their reasons joined.
 */
import type { Inventory } from "../../inventory/model.js";
import { alertmanagerFlows } from "./alertmanager-flows.js";
import { clusterEndpointFlows } from "./cluster-endpoint-flows.js";
import { dnsFlows } from "./dns-flows.js";
import { flowContext } from "./flow-context.js";
import { genericFlagFlows } from "./generic-flag-flows.js";
import { grafanaFlows } from "./grafana-flows.js";
import { kubernetesApiFlows } from "./kubernetes-api-flows.js";
import type { DerivedFlows, RequiredFlow } from "./model.js";
import { ipv6Counterpart } from "./outside-addresses.js";
import { objectStorageFlows } from "./object-storage-flows.js";
import { postgresqlFlows } from "./postgresql-flows.js";
import { prometheusFlows } from "./prometheus-flows.js";
import { serviceViews } from "./services.js";
import { thanosFlows } from "./thanos-flows.js";

const endKey = (e: RequiredFlow["from"]) => (e.kind === "pod" ? `pod:${e.pod.namespace}/${e.pod.name}` : `ip:${e.ip}`);
export const flowKey = (f: RequiredFlow): string =>
  `${endKey(f.from)}>${endKey(f.to)}|${f.protocol ?? "TCP"}/${f.port}|${f.outsideHost ?? ""}`;

/** An outside end is reached over IPv4 or IPv6: two flows, alternatives of each other (outside-addresses.ts). */
function withBothFamilies(f: RequiredFlow): RequiredFlow[] {
  const end = f.to.kind === "ip" ? "to" : f.from.kind === "ip" ? "from" : undefined;
  if (!end) return [f];
  const e = f[end];
  const v6 = e.kind === "ip" ? ipv6Counterpart(e.ip) : undefined;
  if (!v6) return [f];
  const anyOf = f.anyOf ?? `outside|${flowKey(f)}`;
  return [
    { ...f, anyOf },
    { ...f, [end]: { kind: "ip", ip: v6 }, anyOf },
  ];
}

export function requiredFlowsFromInventory(inv: Inventory): DerivedFlows {
  const context = flowContext(inv);
  const services = serviceViews(inv);
  const all = [
    ...thanosFlows(inv, context, services),
    ...grafanaFlows(inv, context, services),
    ...prometheusFlows(inv, context, services),
    ...alertmanagerFlows(inv, context, services),
    ...postgresqlFlows(inv, context),
    ...objectStorageFlows(inv, context, services),
    ...kubernetesApiFlows(inv, context),
    // After the API server's own flows: a scrape of it merges into them, under their reason first.
    ...clusterEndpointFlows(inv, context),
    ...genericFlagFlows(inv, context, services),
    ...dnsFlows(inv, context),
  ];
  // Reasons kept as a set per flow and joined once: a flow asked for by many monitors (every
  // Prometheus selecting every copy of the API server's monitor) must not re-read its reasons each time.
  const merged = new Map<string, { flow: RequiredFlow; whys: Set<string> }>();
  for (const f of all.flatMap(withBothFamilies)) {
    const key = flowKey(f);
    const seen = merged.get(key);
    if (!seen) merged.set(key, { flow: { ...f }, whys: new Set(f.why.split("; ")) });
    else if (!seen.whys.has(f.why)) {
      for (const part of f.why.split("; ")) seen.whys.add(part);
      seen.flow.why = `${seen.flow.why}; ${f.why}`;
    }
  }
  return { context, flows: [...merged.values()].map((m) => m.flow) };
}
