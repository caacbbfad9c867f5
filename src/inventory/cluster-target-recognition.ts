/**
 * Which of the cluster's own exporters a workload is (node-exporter, kube-state-metrics): hamon's
 * `hamon.io/component` label when present, otherwise a container's image name
 * (`quay.io/prometheus/node-exporter`, `registry.k8s.io/kube-state-metrics/kube-state-metrics`).
 * They are no component of the stack (their PodGroup stays `other` for the audit); the simulator
 * reports them beside the stack's components.
 */
import type { PodGroup } from "./model.js";
import { imageName } from "./component-recognition.js";
import { CLUSTER_TARGET_COMPONENTS, COMPONENT_LABEL, type ClusterTargetComponent } from "../vocabulary.js";

/** The exporters that run as pods; `cluster-monitors` are ServiceMonitors only. */
export type ExporterComponent = Extract<ClusterTargetComponent, "node-exporter" | "kube-state-metrics">;

const BY_IMAGE: Readonly<Record<string, ExporterComponent>> = {
  "node-exporter": "node-exporter",
  "kube-state-metrics": "kube-state-metrics",
};

export function clusterTargetOf(group: PodGroup): ExporterComponent | undefined {
  if (group.component !== "other") return undefined;
  const labelled = group.template.metadata?.labels?.[COMPONENT_LABEL];
  if (labelled !== undefined && (CLUSTER_TARGET_COMPONENTS as readonly string[]).includes(labelled))
    return BY_IMAGE[labelled];
  for (const c of group.template.spec?.containers ?? []) {
    const found = BY_IMAGE[imageName(c.image ?? "")];
    if (found) return found;
  }
  return undefined;
}
