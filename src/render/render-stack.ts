/**
 * The whole stack for a spec, the components its features turn on, validated against the Kubernetes and CRD schemas.
 * Pure: the same spec gives the same objects in the same order.
 */
import type { Spec } from "../spec/schema.js";
import type { StackSizing } from "../sizing/size-stack.js";
import { renderAlertmanager } from "./components/alertmanager.js";
import { renderClusterAlertRules } from "./components/cluster-alert-rules.js";
import { renderClusterMonitors } from "./components/cluster-monitors.js";
import { renderKubeStateMetrics } from "./components/kube-state-metrics.js";
import { renderNodeExporter } from "./components/node-exporter.js";
import { withMonitorSelection } from "./monitor-selection.js";
import { renderGrafana } from "./components/grafana.js";
import { renderMetaMonitoringRules } from "./components/meta-monitoring-rules.js";
import { renderNetworkPolicies } from "./components/network-policies.js";
import { renderPlatform } from "./components/platform.js";
import { renderPostgresql } from "./components/postgresql.js";
import { renderPrometheus } from "./components/prometheus.js";
import { renderRedis } from "./components/redis.js";
import { renderThanosCompact } from "./components/thanos-compact.js";
import { renderThanosQuery } from "./components/thanos-query.js";
import { renderThanosQueryFrontend } from "./components/thanos-query-frontend.js";
import { renderThanosStore } from "./components/thanos-store.js";
import { hasThanosRuler, renderThanosRuler } from "./components/thanos-ruler.js";
import { validateAll, type ComponentRender } from "./manifest.js";
import { features } from "../spec/features.js";

/** A component's objects and the folder they are written to. */
export interface RenderedFolder extends ComponentRender {
  folder: string;
}

export function renderStack(spec: Spec, sizing: StackSizing): RenderedFolder[] {
  const f = features(spec);
  const folders: RenderedFolder[] = [
    { folder: "platform", ...renderPlatform(spec) },
    { folder: "prometheus", ...renderPrometheus(spec, sizing) },
    { folder: "alertmanager", ...renderAlertmanager(spec, sizing) },
  ];
  if (f.thanos) {
    folders.push(
      { folder: "thanos-query", ...renderThanosQuery(spec, sizing) },
      { folder: "thanos-query-frontend", ...renderThanosQueryFrontend(spec, sizing) },
      { folder: "thanos-store", ...renderThanosStore(spec, sizing) },
      { folder: "thanos-compact", ...renderThanosCompact(spec, sizing) },
    );
    if (hasThanosRuler(spec, sizing)) folders.push({ folder: "thanos-ruler", ...renderThanosRuler(spec, sizing) });
  }
  if (f.grafana) {
    folders.push({ folder: "grafana", ...renderGrafana(spec, sizing) });
    const postgres = renderPostgresql(spec, sizing);
    if (postgres.objects.length > 0) folders.push({ folder: "postgresql", ...postgres });
    if (f.redis) folders.push({ folder: "redis", ...renderRedis(spec, sizing) });
  }
  if (spec.targets.nodeExporter) folders.push({ folder: "node-exporter", ...renderNodeExporter(spec) });
  if (spec.targets.kubeStateMetrics) folders.push({ folder: "kube-state-metrics", ...renderKubeStateMetrics(spec) });
  const clusterMonitors = renderClusterMonitors(spec);
  if (clusterMonitors.objects.length > 0) folders.push({ folder: "cluster-monitors", ...clusterMonitors });
  if (f.networkPolicies) {
    folders.push({
      folder: "network-policies",
      ...renderNetworkPolicies(
        spec,
        folders.map((f) => f.component),
      ),
    });
  }
  const rules = renderMetaMonitoringRules(spec, sizing);
  rules.objects.push(...renderClusterAlertRules(spec).objects);
  folders.push({ folder: "rules", ...rules });
  withMonitorSelection(spec, folders);
  validateAll(folders);
  return folders;
}
