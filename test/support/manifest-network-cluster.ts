/**
 * Test helper: a NetworkCluster from third-party manifests: pods from workload templates
 * (Deployment, StatefulSet, DaemonSet) and from Prometheus Operator CRs (with the labels and
 * ports the operator gives their pods), NetworkPolicies as written.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import type { ClusterPod, ContainerPort, NetworkCluster, NetworkPolicyObject } from "../../src/netpol/model.js";
import { operatorPodPorts } from "../../src/netpol/from-inventory.js";
import { alertmanagerPodLabels, prometheusPodLabels } from "../../src/upstream/prometheus-operator.js";

type Json = Record<string, any>;

/** Every document of every .yaml file directly in `dir`. */
export function readManifests(dir: string): Json[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort()
    .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), "utf8")).map((d) => d.toJS() as Json | null))
    .filter((o): o is Json => o !== null && typeof o === "object");
}

/**
 * Labels the Prometheus Operator puts on the pods of a CR (pkg/prometheus/statefulset.go and
 * pkg/alertmanager/statefulset.go): podMetadata labels plus its own.
 */
function operatorPodLabels(cr: Json): Record<string, string> {
  const own =
    cr.kind === "Prometheus" ? prometheusPodLabels(cr.metadata.name, 0) : alertmanagerPodLabels(cr.metadata.name);
  return { ...(cr.spec?.podMetadata?.labels ?? {}), ...own };
}

export function manifestCluster(objects: Json[]): NetworkCluster {
  const pods: ClusterPod[] = [];
  for (const o of objects) {
    const ns = o.metadata?.namespace ?? "default";
    if (["Deployment", "StatefulSet", "DaemonSet"].includes(o.kind)) {
      const t = o.spec?.template ?? {};
      const ports: ContainerPort[] = (t.spec?.containers ?? []).flatMap((c: Json) => c.ports ?? []);
      pods.push({ namespace: ns, name: `${o.metadata.name}-0`, labels: t.metadata?.labels ?? {}, ports });
    } else if (o.kind === "Prometheus" || o.kind === "Alertmanager") {
      for (let i = 0; i < Math.min(o.spec?.replicas ?? 1, 2); i++) {
        pods.push({
          namespace: ns,
          name: `${o.kind.toLowerCase()}-${o.metadata.name}-${i}`,
          labels: operatorPodLabels(o),
          ports: operatorPodPorts(o.kind, o.spec),
        });
      }
    }
  }
  const policies = objects.filter((o) => o.kind === "NetworkPolicy") as NetworkPolicyObject[];
  const namespaces = [...new Set(pods.map((p) => p.namespace))].map((name) => ({ name }));
  return { policies, pods, namespaces };
}
