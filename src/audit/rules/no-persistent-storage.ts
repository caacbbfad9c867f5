/** HAMON-STORAGE-002. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { PodGroup } from "../../inventory/model.js";
import type { Rule, RuleFinding } from "../rule.js";
import { asRecords, isRecord } from "../../k8s/json.js";
import { crStorageIsPersistent } from "../../upstream/prometheus-operator.js";
import { groupTitle, podSpec } from "./_helpers.js";

const LOST: Record<string, string> = {
  prometheus: "its TSDB (every sample not yet uploaded, and all history without Thanos)",
  alertmanager: "its silences and notification log",
};

/** A CR: its storage spec. A workload: a claim template or a persistentVolumeClaim volume (hostPath counts: it outlives the pod on its node). */
function persistent(g: PodGroup): boolean {
  if (g.config.crSpec) return crStorageIsPersistent(g.config.crSpec);
  if (g.volumeClaims.length > 0) return true;
  return asRecords(podSpec(g).volumes).some((v) => isRecord(v.persistentVolumeClaim) || isRecord(v.hostPath));
}

export const noPersistentStorage: Rule = {
  id: "HAMON-STORAGE-002",
  severity: "error",
  title: "Prometheus/Alertmanager on ephemeral storage",
  what:
    "A Prometheus or Alertmanager whose data is not on a PersistentVolumeClaim: a Prometheus Operator CR without " +
    "`spec.storage.volumeClaimTemplate` (left out, the operator uses an emptyDir; `emptyDir` and `ephemeral` are " +
    "deleted with the pod too), or a StatefulSet or Deployment with no claim template and no " +
    "persistentVolumeClaim (or hostPath) volume. Prometheus Agent keeps only a WAL and is not judged.",
  why:
    "An emptyDir lives and dies with its pod: every reschedule (node loss, drain, upgrade) starts Prometheus " +
    "with an empty TSDB, so that replica's history is gone (Thanos has only what the sidecar had uploaded, " +
    "2-hour blocks), and starts Alertmanager without its silences and notification log, so silenced alerts " +
    "page again and sent ones may be sent twice. With several replicas the others keep the data and " +
    "Alertmanager peers gossip silences back; with one there is nothing to recover from.",
  sources: [
    {
      title: "Prometheus Operator API reference: StorageSpec",
      url: "https://github.com/prometheus-operator/prometheus-operator/blob/main/Documentation/api-reference/api.md#monitoring.coreos.com/v1.StorageSpec",
    },
    {
      title: "Prometheus Operator: storage",
      url: "https://prometheus-operator.dev/docs/platform/storage/",
    },
    { title: "Kubernetes: emptyDir", url: "https://kubernetes.io/docs/concepts/storage/volumes/#emptydir" },
    { title: "Alertmanager: high availability", url: "https://github.com/prometheus/alertmanager#high-availability" },
  ],
  severityReason:
    "Warning with 2 or more replicas: another replica still holds the history and the silences, but each " +
    "reschedule loses a copy and the replicas diverge. Error with one replica: one ordinary reschedule loses " +
    "everything.",
  fix: "Give it a PersistentVolumeClaim: spec.storage.volumeClaimTemplate on the CR, volumeClaimTemplates on a StatefulSet.",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const g of inv.podGroups) {
      const lost = LOST[g.component];
      if (!lost || g.perNode || g.replicas < 1 || g.owner.ref.kind === "PrometheusAgent") continue;
      if (g.shard !== undefined && g.shard > 0) continue; // one finding per CR, not per shard
      if (persistent(g)) continue;
      out.push({
        object: g.owner,
        severity: g.replicas === 1 ? "error" : "warning",
        message: `${groupTitle(g)} keeps its data in a volume deleted with the pod: every reschedule loses ${lost}${g.replicas === 1 ? ", and it has no other replica" : ""}`,
      });
    }
    return out;
  },
};
