/**
 * The Prometheus CR selects ServiceMonitors by one label selector and their namespaces by another
 * (spec `targets.serviceMonitors`; prometheus-operator Documentation/api-reference/api.md,
 * PrometheusSpec). A label selector cannot say "these, or hamon's own", so hamon's monitors carry
 * the labels the spec asks for, and the namespaces hamon renders carry the namespace labels: the
 * stack keeps scraping itself and the cluster whatever the user narrows the selection to.
 */
import type { Spec } from "../spec/schema.js";
import type { Manifest } from "./manifest.js";

interface Labelled {
  metadata?: { labels?: Record<string, string> } | undefined;
}

function addLabels(object: Manifest, labels: Record<string, string>): void {
  if (Object.keys(labels).length === 0) return;
  const meta = ((object as Labelled).metadata ??= {});
  meta.labels = { ...meta.labels, ...labels };
}

/** Adds the spec's selection labels to every rendered ServiceMonitor and Namespace, in place. */
export function withMonitorSelection(spec: Spec, folders: ReadonlyArray<{ objects: Manifest[] }>): void {
  const { labels, namespaceLabels } = spec.targets.serviceMonitors;
  for (const object of folders.flatMap((f) => f.objects)) {
    if (object.kind === "ServiceMonitor") addLabels(object, labels);
    if (object.kind === "Namespace") addLabels(object, namespaceLabels);
  }
}
