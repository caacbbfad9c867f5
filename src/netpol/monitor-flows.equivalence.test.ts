/**
 * The indexed scrape resolution (ScrapeTargets: Services and pods by namespace, each monitor
 * resolved once by content, one flow per target pod name, port and monitor) against the plain
 * reading it replaced (every monitor over every Service and pod, per scraper), on random inputs
 * with monitors, Services and pods given twice: the same flows once merged by their ends and
 * monitor, in the same order.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { selectorMatches } from "../k8s/label-selector.js";
import type { ClusterPod, ContainerPort, NetworkCluster } from "./model.js";
import { scrapeFlows, type ScrapeFlow } from "./monitor-flows.js";

type Json = Record<string, any>;

/** The reading before the index, as it was written (src/netpol/monitor-flows.ts before issue #13's speed work). */
function plainScrapeFlows(objects: Json[], cluster: NetworkCluster, scrapers: ClusterPod[]): ScrapeFlow[] {
  const namespaces = [
    ...new Set([...cluster.pods.map((p) => p.namespace), ...objects.map((o) => o.metadata?.namespace).filter(Boolean)]),
  ];
  const monitored = (m: Json) =>
    m.spec?.namespaceSelector?.any ? namespaces : (m.spec?.namespaceSelector?.matchNames ?? [m.metadata.namespace]);
  const targets: Array<{ pod: ClusterPod; port: number | string; monitor: string }> = [];
  for (const sm of objects.filter((o) => o.kind === "ServiceMonitor")) {
    const nss = monitored(sm);
    const services = objects.filter(
      (s) =>
        s.kind === "Service" &&
        nss.includes(s.metadata.namespace) &&
        selectorMatches(sm.spec.selector ?? {}, s.metadata.labels ?? {}),
    );
    for (const svc of services)
      for (const ep of sm.spec.endpoints ?? []) {
        const sp = (svc.spec.ports ?? []).find((p: Json) => p.name === ep.port);
        if (!sp || !svc.spec.selector) continue;
        for (const pod of cluster.pods.filter(
          (p) =>
            p.namespace === svc.metadata.namespace && selectorMatches({ matchLabels: svc.spec.selector }, p.labels),
        ))
          targets.push({
            pod,
            port: sp.targetPort ?? sp.port,
            monitor: `${sm.metadata.namespace}/${sm.metadata.name}`,
          });
      }
  }
  for (const pm of objects.filter((o) => o.kind === "PodMonitor")) {
    const nss = monitored(pm);
    for (const ep of pm.spec.podMetricsEndpoints ?? [])
      for (const pod of cluster.pods.filter(
        (p) => nss.includes(p.namespace) && selectorMatches(pm.spec.selector ?? {}, p.labels),
      ))
        targets.push({ pod, port: ep.port, monitor: `${pm.metadata.namespace}/${pm.metadata.name}` });
  }
  return scrapers.flatMap((from) =>
    targets
      .filter((t) => t.pod !== from)
      .map((t) => ({
        from: { kind: "pod" as const, pod: from },
        to: { kind: "pod" as const, pod: t.pod },
        port: t.port,
        monitor: t.monitor,
      })),
  );
}

/** Flows merged as required-flows-from-inventory.ts merges them (ends by name, port), with their monitor: first of each kept. */
function merged(flows: ScrapeFlow[]): string[] {
  const name = (e: ScrapeFlow["to"]) => (e.kind === "pod" ? `${e.pod.namespace}/${e.pod.name}` : e.ip);
  return [...new Set(flows.map((f) => `${name(f.from)} > ${name(f.to)} :${f.port} by ${f.monitor}`))];
}

const NAMESPACES = ["a", "b", "c"];
const label = fc.constantFrom("app", "tier");
const value = fc.constantFrom("x", "y");
const labels = fc.dictionary(label, value, { maxKeys: 2 });
const namespace = fc.constantFrom(...NAMESPACES);
const podArb = fc.record({
  namespace,
  name: fc.constantFrom("p1", "p2", "p3"),
  labels,
  ports: fc.constant<ContainerPort[]>([{ name: "metrics", containerPort: 9100 }]),
});
const serviceArb = fc.record({
  kind: fc.constant("Service"),
  metadata: fc.record({ namespace, name: fc.constantFrom("s1", "s2"), labels }),
  spec: fc.record({
    selector: labels,
    ports: fc.constant([
      { name: "metrics", port: 80, targetPort: "metrics" },
      { name: "web", port: 81 },
    ]),
  }),
});
const namespaceSelectorArb = fc.oneof(
  fc.constant(undefined),
  fc.constant({ any: true }),
  fc.record({ matchNames: fc.subarray(NAMESPACES) }),
);
const serviceMonitorArb = fc.record({
  kind: fc.constant("ServiceMonitor"),
  metadata: fc.record({ namespace, name: fc.constantFrom("m1", "m2") }),
  spec: fc.record({
    selector: fc.record({ matchLabels: labels }),
    namespaceSelector: namespaceSelectorArb,
    endpoints: fc.subarray([{ port: "metrics" }, { port: "web" }, { port: "none" }]),
  }),
});
const podMonitorArb = fc.record({
  kind: fc.constant("PodMonitor"),
  metadata: fc.record({ namespace, name: fc.constantFrom("pm1", "pm2") }),
  spec: fc.record({
    selector: fc.record({ matchLabels: labels }),
    namespaceSelector: namespaceSelectorArb,
    podMetricsEndpoints: fc.subarray([{ port: "metrics" }, { port: 9100 }]),
  }),
});
/** Some of a list given twice, as a file applied twice would give them. */
const withRepeats = <T>(arb: fc.Arbitrary<T[]>) =>
  arb.chain((items) => fc.subarray(items).map((again) => [...items, ...again]));

describe("scrape targets, indexed vs plain", () => {
  it("give the same merged flows on random monitors, Services and pods, some given twice", () => {
    fc.assert(
      fc.property(
        withRepeats(fc.array(podArb, { maxLength: 6 })),
        withRepeats(fc.array(fc.oneof(serviceArb, serviceMonitorArb, podMonitorArb), { maxLength: 8 })),
        fc.nat(),
        (pods, objects, pick) => {
          const cluster: NetworkCluster = { pods, policies: [], namespaces: NAMESPACES.map((name) => ({ name })) };
          const scrapers = pods.length > 0 ? [pods[pick % pods.length] as ClusterPod] : [];
          expect(merged(scrapeFlows(objects, cluster, scrapers))).toEqual(
            merged(plainScrapeFlows(objects, cluster, scrapers)),
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});
