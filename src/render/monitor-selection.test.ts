import { describe, expect, it } from "vitest";
import { hamonStack } from "../../test/support/example-stack.js";
import { selectorMatches } from "../k8s/label-selector.js";
import { NAMESPACE_NAME_LABEL } from "../k8s/well-known-labels.js";
import { SpecError } from "../spec/load.js";

const base = "cluster: { name: c, zones: [a, b, c] }\nstorage: { provisioner: p }\n";

describe("which monitors Prometheus selects", () => {
  it("selects every monitor of every namespace by default", () => {
    const cr = hamonStack(base).view.one("Prometheus", "hamon").spec;
    expect([cr.serviceMonitorSelector, cr.serviceMonitorNamespaceSelector]).toEqual([{}, {}]);
    expect([cr.podMonitorSelector, cr.podMonitorNamespaceSelector]).toEqual([{}, {}]);
  });

  it("narrowed by the spec, still selects every monitor hamon renders, in the namespaces hamon renders", () => {
    const v = hamonStack(
      base +
        "targets: { serviceMonitors: { labels: { team: platform }, namespaceLabels: { monitoring: 'on' } }, podMonitors: { labels: { scrape: 'yes' } } }\n",
    ).view;
    const cr = v.one("Prometheus", "hamon").spec;
    expect(cr.serviceMonitorSelector).toEqual({ matchLabels: { team: "platform" } });
    expect(cr.podMonitorSelector).toEqual({ matchLabels: { scrape: "yes" } });
    expect(cr.podMonitorNamespaceSelector).toEqual({});
    const namespaces = new Map(v.byKind("Namespace").map((n) => [n.metadata.name, n.metadata.labels]));
    const monitors = v.byKind("ServiceMonitor");
    expect(monitors.length).toBeGreaterThan(8);
    for (const m of monitors) {
      expect(selectorMatches(cr.serviceMonitorSelector, m.metadata.labels), m.metadata.name).toBe(true);
      const nsLabels = { ...namespaces.get(m.metadata.namespace), [NAMESPACE_NAME_LABEL]: m.metadata.namespace };
      expect(selectorMatches(cr.serviceMonitorNamespaceSelector, nsLabels), m.metadata.name).toBe(true);
    }
  });

  it("refuses kubernetes.io/metadata.name among the namespace labels, which hamon cannot put on its own namespaces", () => {
    const edit = `targets: { serviceMonitors: { namespaceLabels: { ${NAMESPACE_NAME_LABEL}: apps } } }\n`;
    let error: unknown;
    try {
      hamonStack(base + edit);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).issues.map((i) => i.path)).toEqual(["targets.serviceMonitors.namespaceLabels"]);
    expect((error as Error).message).toContain("labels you put on namespaces yourself");
  });
});
