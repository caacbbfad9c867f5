/** Dashboards provisioned to Grafana, asserted on the rendered objects. */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { exampleStack, exampleVariant } from "../../../test/support/example-stack.js";
import { withLine, type Json, type RenderedView } from "../../../test/support/rendered.js";
import { renderedDashboardJson } from "../../../test/support/rendered-monitoring.js";
import { selectorMatches } from "../../k8s/label-selector.js";
import { DASHBOARD_CONFIGMAP_LIMIT_BYTES, DASHBOARD_PROVIDERS_DIR, DASHBOARDS_DIR } from "./grafana-dashboards.js";
import { DASHBOARD_RULES_NAME } from "./dashboards/recording-rules.js";

const example = exampleStack().view;

const grafanaContainer = (v: RenderedView) => v.one("Deployment", "grafana").spec.template.spec.containers[0] as Json;
const grafanaVolumes = (v: RenderedView) => v.one("Deployment", "grafana").spec.template.spec.volumes as Json[];

describe("dashboard provisioning", () => {
  it("mounts the provider file and one folder of every dashboard ConfigMap, read-only", () => {
    const mounts = grafanaContainer(example).volumeMounts as Json[];
    const mountOf = (path: string) => mounts.find((m) => m.mountPath === path)!;
    expect(mountOf(DASHBOARD_PROVIDERS_DIR)).toMatchObject({ readOnly: true });
    expect(mountOf(DASHBOARDS_DIR)).toMatchObject({ readOnly: true });
    // Grafana's root filesystem stays read-only: provisioning only reads these.
    expect(grafanaContainer(example).securityContext.readOnlyRootFilesystem).toBe(true);

    const volume = (name: string) => grafanaVolumes(example).find((v) => v.name === name)!;
    const projected = (volume(mountOf(DASHBOARDS_DIR).name).projected.sources as Json[]).map((s) => s.configMap.name);
    const dashboardMaps = example
      .byKind("ConfigMap")
      .filter((cm) => Object.keys(cm.data).some((k) => k.endsWith(".json")))
      .map((cm) => cm.metadata.name);
    expect(projected.sort()).toEqual(dashboardMaps.sort());
    expect(projected).toHaveLength(4);

    // The provider loads exactly the folder the dashboards are mounted at.
    const providerMap = example.one("ConfigMap", volume(mountOf(DASHBOARD_PROVIDERS_DIR).name).configMap.name);
    const provider = parse(providerMap.data["dashboards.yaml"]) as Json;
    expect(provider.providers).toHaveLength(1);
    expect(provider.providers[0]).toMatchObject({ type: "file", options: { path: DASHBOARDS_DIR } });
  });

  it("keeps each dashboard ConfigMap within what kubectl apply can store, and one dashboard per ConfigMap", () => {
    for (const cm of example.byKind("ConfigMap").filter((c) => Object.keys(c.data).some((k) => k.endsWith(".json")))) {
      expect(Object.keys(cm.data)).toHaveLength(1);
      expect(Buffer.byteLength(JSON.stringify(cm)), cm.metadata.name).toBeLessThan(DASHBOARD_CONFIGMAP_LIMIT_BYTES);
    }
  });

  it("points every panel, query and variable at the datasource Grafana is provisioned with", () => {
    const datasources = parse(example.one("ConfigMap", "grafana-datasources").data["datasources.yaml"]) as Json;
    const uids = new Set((datasources.datasources as Json[]).map((d) => d.uid));
    const refs: Json[] = [];
    for (const d of renderedDashboardJson(exampleStack().render)) {
      const walk = (panels: Json[]) => {
        for (const p of panels) {
          if (p.type !== "row") refs.push(p.datasource, ...((p.targets ?? []) as Json[]).map((t) => t.datasource));
          walk((p.panels ?? []) as Json[]);
        }
      };
      walk(d.json.panels as Json[]);
      refs.push(...((d.json.templating?.list ?? []) as Json[]).map((v) => v.datasource));
    }
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) expect(uids.has(ref?.uid), JSON.stringify(ref)).toBe(true);
  });

  it("numbers panels uniquely within each dashboard and keeps uids stable", () => {
    for (const d of renderedDashboardJson(exampleStack().render)) {
      const ids = (d.json.panels as Json[]).map((p) => p.id);
      expect(new Set(ids).size, d.uid).toBe(ids.length);
      expect(d.uid).toMatch(/^hamon-/);
    }
  });

  it("renders the recording rules beside the dashboards, selected by the Prometheus CR", () => {
    const rule = example.one("PrometheusRule", DASHBOARD_RULES_NAME);
    const prometheus = example.one("Prometheus", "hamon");
    expect(selectorMatches(prometheus.spec.ruleSelector, rule.metadata.labels)).toBe(true);
    expect(rule.metadata.namespace).toBe(prometheus.metadata.namespace);
    expect(rule.spec.groups.map((g: Json) => g.name)).toEqual([
      "hamon-dashboards-node",
      "hamon-dashboards-cadvisor",
      "hamon-dashboards-kube-state-metrics",
    ]);
  });

  it("provisions nothing without Grafana (phase 2), and leaves Grafana as it was", () => {
    const phase2 = exampleVariant(withLine("phase: 4", "phase: 2")).view;
    expect(phase2.all.filter((o) => o.metadata?.name?.startsWith("grafana-dashboard"))).toEqual([]);
    expect(phase2.byKind("PrometheusRule").map((r) => r.metadata.name)).not.toContain(DASHBOARD_RULES_NAME);
  });

  it("renders only the recording rules of targets that are on", () => {
    const noNodes = exampleVariant(
      (yaml) => `${yaml}\ntargets: { nodeExporter: false, kubeStateMetrics: false }\n`,
    ).view;
    expect(noNodes.one("PrometheusRule", DASHBOARD_RULES_NAME).spec.groups.map((g: Json) => g.name)).toEqual([
      "hamon-dashboards-cadvisor",
    ]);
    const projected = grafanaVolumes(noNodes).find((v) => v.name === "dashboards")!.projected.sources as Json[];
    expect(projected.map((s) => s.configMap.name)).toEqual([
      "grafana-dashboard-cluster-overview",
      "grafana-dashboard-ha-health",
    ]);
  });

  it("renders the same bytes twice", () => {
    const again = exampleVariant((yaml) => yaml).render.files;
    for (const [path, text] of exampleStack().render.files)
      if (path.startsWith("grafana/")) expect(again.get(path), path).toBe(text);
  });
});
