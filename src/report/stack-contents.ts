/**
 * What a monitoring stack's manifests hold, counted the same way for any input: the targets it
 * scrapes, its alerting and recording rules, its dashboards, the replicas of its HA components,
 * its NetworkPolicies, PDBs and enforced Pod Security levels. docs/comparison.md compares hamon's
 * render with kube-prometheus by these numbers (src/pipeline/comparison-table.ts).
 */
import type { Inventory } from "../inventory/model.js";
import { clusterTargetOf } from "../inventory/cluster-target-recognition.js";
import { asRecords, asStringMap, get } from "../k8s/json.js";
import { alertRules } from "./alert-rules.js";
import { grafanaDashboards } from "./grafana-dashboards.js";
import { CLUSTER_TARGETS, clusterTargetOfMonitor, scrapeTargets, type ClusterTarget } from "./scrape-targets.js";

/** The namespace label that makes Pod Security admission refuse pods above a level (kubernetes.io/docs/concepts/security/pod-security-admission/). */
const ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";

export interface StackContents {
  /** ServiceMonitors and PodMonitors. */
  monitors: number;
  /** The cluster's own targets among them, in CLUSTER_TARGETS order. */
  clusterTargets: ClusterTarget[];
  alertRules: number;
  /** Distinct alert names (one alert may have a rule per severity). */
  alertNames: number;
  recordingRules: number;
  dashboards: number;
  /** Replicas per component (Prometheus: per shard), for the components present. */
  replicas: Partial<Record<"prometheus" | "alertmanager" | "grafana" | "postgresql" | "kube-state-metrics", number>>;
  prometheusShards: number;
  /** Thanos components with pods: thanos-query, thanos-store, … */
  thanos: string[];
  networkPolicies: number;
  podDisruptionBudgets: number;
  /** `namespace: level` of every namespace that enforces a Pod Security level, sorted. */
  podSecurityEnforced: string[];
}

export function stackContents(inv: Inventory): StackContents {
  const targets = scrapeTargets(inv);
  const found = new Set(targets.map((t) => clusterTargetOfMonitor(t.monitor, t.component)));
  const alerts = alertRules(inv);
  let recordingRules = 0;
  for (const o of inv.objects.filter((x) => x.ref.kind === "PrometheusRule"))
    for (const g of asRecords(get(o.raw, "spec", "groups")))
      for (const r of asRecords(g.rules)) if (typeof r.record === "string") recordingRules++;
  const replicas: StackContents["replicas"] = {};
  let prometheusShards = 0;
  const thanos = new Set<string>();
  for (const g of inv.podGroups) {
    const name = clusterTargetOf(g) ?? g.component;
    if (name === "prometheus") prometheusShards++;
    if (
      name === "prometheus" ||
      name === "alertmanager" ||
      name === "grafana" ||
      name === "postgresql" ||
      name === "kube-state-metrics"
    )
      replicas[name] = Math.max(replicas[name] ?? 0, g.replicas);
    if (name?.startsWith("thanos-") && name !== "thanos-sidecar") thanos.add(name);
  }
  const podSecurityEnforced = inv.objects
    .filter((o) => o.ref.kind === "Namespace")
    .flatMap((o) => {
      const level = asStringMap(get(o.raw, "metadata", "labels"))[ENFORCE_LABEL];
      return level ? [`${o.ref.name}: ${level}`] : [];
    })
    .sort();
  return {
    monitors: targets.length,
    clusterTargets: CLUSTER_TARGETS.filter((t) => found.has(t)),
    alertRules: alerts.length,
    alertNames: new Set(alerts.map((a) => a.name)).size,
    recordingRules,
    dashboards: grafanaDashboards(inv).length,
    replicas,
    prometheusShards,
    thanos: [...thanos].sort(),
    networkPolicies: inv.networkPolicies.length,
    podDisruptionBudgets: inv.pdbs.length,
    podSecurityEnforced,
  };
}
