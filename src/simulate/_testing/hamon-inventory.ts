/**
 * Test helper: hamon's own render → Inventory, standing in for the inventory reader (written on
 * another branch). Operator CRs are expanded the way their operators create pods:
 * - Prometheus: one group per shard, labels `app.kubernetes.io/name: prometheus`,
 *   `app.kubernetes.io/instance`, `prometheus`, `operator.prometheus.io/name`,
 *   `operator.prometheus.io/shard` (prometheus-operator pkg/prometheus/statefulset.go), the
 *   prometheus and thanos-sidecar containers' resources;
 * - Alertmanager: `app.kubernetes.io/name: alertmanager`, `alertmanager: <name>`;
 * - CloudNativePG Cluster: `instances` pods labelled `cnpg.io/cluster`, `cnpg.io/podRole:
 *   instance`, with the required anti-affinity CNPG generates from `spec.affinity`
 *   (cloudnative-pg.io/documentation/current/scheduling/).
 */
import type { IPodSpec, IPodTemplateSpec } from "kubernetes-models/v1";
import type { Inventory, InventoryObject, MonitoringComponent, PodDisruptionBudgetInfo, PodGroup, StorageClassInfo } from "../../inventory/model.js";
import { matchesSelector } from "../_labels.js";
import { renderFromSpecText, type RenderResult } from "../../pipeline/render-pipeline.js";
import { nodesFromSpec } from "../topology.js";
import type { SimNode } from "../model.js";

type Json = Record<string, any>;  

/** Block-storage CSI drivers whose volumes live in one zone. */
const ZONAL_PROVISIONERS = ["ebs.csi.aws.com", "pd.csi.storage.gke.io", "disk.csi.azure.com", "kubernetes.io/aws-ebs", "kubernetes.io/gce-pd"];

function inventoryObject(folder: string, raw: Json): InventoryObject {
  return {
    ref: { apiVersion: raw.apiVersion, kind: raw.kind, name: raw.metadata.name, ...(raw.metadata.namespace ? { namespace: raw.metadata.namespace } : {}) },
    source: { file: `${folder}/${raw.kind}-${raw.metadata.name}.yaml`, line: 1 },
    raw,
    suppressed: { rules: [] },
  };
}

function groupOf(owner: InventoryObject, component: MonitoringComponent, replicas: number, template: IPodTemplateSpec, volumeClaims: PodGroup["volumeClaims"], shard?: number): PodGroup {
  return {
    id: `${owner.ref.namespace}/${owner.ref.kind}/${owner.ref.name}${shard !== undefined ? `#shard-${shard}` : ""}`,
    owner,
    component,
    ...(shard !== undefined ? { shard } : {}),
    namespace: owner.ref.namespace ?? "default",
    replicas,
    template,
    volumeClaims,
    config: { flags: {}, env: {}, crSpec: owner.raw["spec"] as Json },
  };
}

/** The scheduling fields an Operator CR copies to its pods. */
function crPodSpec(spec: Json, containers: IPodSpec["containers"]): IPodSpec {
  const out: IPodSpec = { containers };
  for (const k of ["affinity", "topologySpreadConstraints", "nodeSelector", "tolerations", "priorityClassName"] as const) {
    if (spec[k] !== undefined) (out as Json)[k] = spec[k];
  }
  return out;
}

function claim(storage: Json | undefined): PodGroup["volumeClaims"] {
  const t = storage?.volumeClaimTemplate?.spec;
  return t ? [{ name: "data", storageClassName: t.storageClassName, storage: t.resources?.requests?.storage }] : [];
}

export function inventoryFromRender(render: RenderResult): Inventory {
  const inv: Inventory = { objects: [], podGroups: [], pdbs: [], services: [], networkPolicies: [], storageClasses: [], priorityClasses: [] };
  for (const folder of render.folders) {
    for (const o of folder.objects) {
      const raw = o.toJSON() as Json;
      const obj = inventoryObject(folder.folder, raw);
      inv.objects.push(obj);
      const ns: string = raw.metadata.namespace;
      const component = folder.component as MonitoringComponent;
      const spec: Json = raw.spec ?? {};
      switch (raw.kind) {
        case "Deployment":
        case "StatefulSet":
          inv.podGroups.push(
            groupOf(
              obj,
              component,
              spec.replicas ?? 1,
              spec.template,
              (spec.volumeClaimTemplates ?? []).map((t: Json) => ({ name: t.metadata.name, storageClassName: t.spec.storageClassName, storage: t.spec.resources?.requests?.storage })),
            ),
          );
          break;
        case "Prometheus": {
          const name: string = raw.metadata.name;
          const containers: IPodSpec["containers"] = [{ name: "prometheus", resources: spec.resources }];
          if (spec.thanos) containers.push({ name: "thanos-sidecar", resources: spec.thanos.resources });
          for (let shard = 0; shard < (spec.shards ?? 1); shard++) {
            const labels = {
              ...(spec.podMetadata?.labels ?? {}),
              "app.kubernetes.io/name": "prometheus",
              "app.kubernetes.io/instance": name,
              "app.kubernetes.io/managed-by": "prometheus-operator",
              prometheus: name,
              "operator.prometheus.io/name": name,
              "operator.prometheus.io/shard": String(shard),
            };
            inv.podGroups.push(groupOf(obj, "prometheus", spec.replicas ?? 1, { metadata: { labels }, spec: crPodSpec(spec, containers) }, claim(spec.storage), shard));
          }
          break;
        }
        case "Alertmanager": {
          const name: string = raw.metadata.name;
          const labels = {
            ...(spec.podMetadata?.labels ?? {}),
            "app.kubernetes.io/name": "alertmanager",
            "app.kubernetes.io/instance": name,
            "app.kubernetes.io/managed-by": "prometheus-operator",
            alertmanager: name,
          };
          inv.podGroups.push(groupOf(obj, "alertmanager", spec.replicas ?? 1, { metadata: { labels }, spec: crPodSpec(spec, [{ name: "alertmanager", resources: spec.resources }]) }, claim(spec.storage)));
          break;
        }
        case "Cluster": {
          const name: string = raw.metadata.name;
          const labels = { ...(spec.inheritedMetadata?.labels ?? {}), "cnpg.io/cluster": name, "cnpg.io/podRole": "instance" };
          const a: Json = spec.affinity ?? {};
          const podSpec: IPodSpec = { containers: [{ name: "postgres", resources: spec.resources }] };
          if (a.enablePodAntiAffinity !== false) {
            const term = {
              topologyKey: a.topologyKey ?? "kubernetes.io/hostname",
              labelSelector: {
                matchExpressions: [
                  { key: "cnpg.io/cluster", operator: "In", values: [name] },
                  { key: "cnpg.io/podRole", operator: "In", values: ["instance"] },
                ],
              },
            };
            podSpec.affinity =
              a.podAntiAffinityType === "required"
                ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } }
                : { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } };
          }
          if (a.nodeSelector) podSpec.nodeSelector = a.nodeSelector;
          if (a.tolerations) podSpec.tolerations = a.tolerations;
          if (spec.priorityClassName) podSpec.priorityClassName = spec.priorityClassName;
          const volumeClaims = [{ name: "pgdata", storageClassName: spec.storage?.storageClass, storage: spec.storage?.size }];
          inv.podGroups.push(groupOf(obj, "postgresql", spec.instances ?? 1, { metadata: { labels }, spec: podSpec }, volumeClaims));
          break;
        }
        case "PodDisruptionBudget": {
          const selector = spec.selector ?? {};
          const info: PodDisruptionBudgetInfo = {
            object: obj,
            namespace: ns,
            selector,
            ...(spec.minAvailable !== undefined ? { minAvailable: spec.minAvailable } : {}),
            ...(spec.maxUnavailable !== undefined ? { maxUnavailable: spec.maxUnavailable } : {}),
            selects: [],
          };
          inv.pdbs.push(info);
          break;
        }
        case "StorageClass": {
          const sc: StorageClassInfo = {
            object: obj,
            name: raw.metadata.name,
            provisioner: raw.provisioner,
            volumeBindingMode: raw.volumeBindingMode ?? "Immediate",
            zonal: ZONAL_PROVISIONERS.includes(raw.provisioner),
          };
          inv.storageClasses.push(sc);
          break;
        }
        case "PriorityClass":
          inv.priorityClasses.push(obj);
          break;
        case "Service":
          inv.services.push(obj);
          break;
        case "NetworkPolicy":
          inv.networkPolicies.push(obj);
          break;
      }
    }
  }
  for (const p of inv.pdbs) {
    p.selects = inv.podGroups.filter((g) => g.namespace === p.namespace && matchesSelector(p.selector, (g.template.metadata?.labels ?? {}) as Record<string, string>)).map((g) => g.id);
  }
  return inv;
}

/** Spec text → (inventory, the spec's node pool). */
export function hamonStack(specText: string): { inventory: Inventory; nodes: SimNode[]; render: RenderResult } {
  const render = renderFromSpecText(specText, "hamon.yaml");
  return { inventory: inventoryFromRender(render), nodes: nodesFromSpec(render.spec), render };
}
