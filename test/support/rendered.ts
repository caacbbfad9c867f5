/** Test helpers: a render's objects as JSON, looked up by kind and name, and the pods they make. */
import { selectorMatches } from "../../src/k8s/label-selector.js";
import type { RenderResult } from "../../src/pipeline/render-pipeline.js";
import { alertmanagerPodLabels, prometheusPodLabels } from "../../src/upstream/prometheus-operator.js";

export type Json = Record<string, any>;

export interface RenderedView extends RenderResult {
  all: Json[];
  byKind: (kind: string) => Json[];
  one: (kind: string, name: string) => Json;
}

export function view(result: RenderResult): RenderedView {
  const all = result.folders.flatMap((f) => f.objects.map((o) => JSON.parse(JSON.stringify(o.toJSON())) as Json));
  const byKind = (kind: string) => all.filter((o) => o.kind === kind);
  const one = (kind: string, name: string) => {
    const found = all.find((o) => o.kind === kind && o.metadata?.name === name);
    if (!found) throw new Error(`no ${kind}/${name} rendered`);
    return found;
  };
  return { ...result, all, byKind, one };
}

/** The example with one top-level line replaced, e.g. withLine("phase: 4", "phase: 2"). */
export function withLine(from: string, to: string): (yaml: string) => string {
  return (yaml) => {
    if (!yaml.includes(from)) throw new Error(`example has no line ${from}`);
    return yaml.replace(from, to);
  };
}

export function matches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return selectorMatches({ matchLabels: selector }, labels ?? {});
}

/** What each rendered workload's pods look like, Operator CRs included (with the operator's pod labels). */
export interface RenderedPods {
  owner: string;
  labels: Record<string, string>;
  /** Pod-level fields: affinity, topologySpreadConstraints, tolerations, nodeSelector, priorityClassName, securityContext. */
  pod: Json;
  /** Containers hamon writes (empty for operator-made pods: the operator writes those). */
  containers: Json[];
  /** For a DaemonSet, 1: one pod per node. */
  replicas: number;
  /** The namespace its pods run in. */
  namespace: string;
}

export function renderedPods(v: RenderedView): RenderedPods[] {
  const pods: RenderedPods[] = [];
  for (const o of v.all) {
    const owner = `${o.kind}/${o.metadata.name}`;
    const namespace = o.metadata.namespace;
    if (o.kind === "Deployment" || o.kind === "StatefulSet" || o.kind === "DaemonSet") {
      pods.push({
        owner,
        labels: o.spec.template.metadata.labels,
        pod: o.spec.template.spec,
        containers: o.spec.template.spec.containers,
        replicas: o.kind === "DaemonSet" ? 1 : o.spec.replicas,
        namespace,
      });
    } else if (o.kind === "Prometheus") {
      for (let shard = 0; shard < (o.spec.shards ?? 1); shard++) {
        pods.push({
          owner: `${owner}#shard-${shard}`,
          labels: { ...o.spec.podMetadata.labels, ...prometheusPodLabels(o.metadata.name, shard) },
          pod: o.spec,
          containers: [],
          replicas: o.spec.replicas,
          namespace,
        });
      }
    } else if (o.kind === "Alertmanager") {
      pods.push({
        owner,
        labels: { ...o.spec.podMetadata.labels, ...alertmanagerPodLabels(o.metadata.name) },
        pod: o.spec,
        containers: [],
        replicas: o.spec.replicas,
        namespace,
      });
    }
  }
  return pods;
}
