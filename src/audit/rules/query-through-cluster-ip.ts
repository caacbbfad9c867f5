/** HAMON-THANOS-005. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Inventory, InventoryObject, PodGroup } from "../../inventory/model.js";
import type { Rule, RuleFinding } from "../rule.js";
import { parse } from "yaml";
import { asArray, asRecords, asString, asStringMap, get } from "../../k8s/json.js";
import { clusterIpServiceNamed, serviceOfHost } from "../../k8s/service-dns.js";
import { groupTitle, podLabels, podSpec } from "./_helpers.js";

/**
 * StoreAPI flags of `thanos query` whose values are addresses (thanos.io/tip/components/query.md):
 * `--endpoint`, `--endpoint-strict`, and `--store`, `--store.sd-files` (removed in v0.38 in favour
 * of `--endpoint` and `--endpoint.sd-files`, still in many manifests).
 */
const ADDRESS_FLAGS = ["endpoint", "endpoint-strict", "store"];
const SD_FILE_FLAGS = ["store.sd-files", "endpoint.sd-files"];

/** Replicas whose data differ: a query must reach each (Store Gateways serve the same bucket, so one is enough). */
const NEEDS_FAN_OUT = new Set(["prometheus", "thanos-ruler", "thanos-receive"]);

/** Targets in file_sd files (`[{targets: [...]}]`) the Query pod mounts from a ConfigMap in the input. */
function sdFileTargets(inv: Inventory, q: PodGroup): string[] {
  const files = SD_FILE_FLAGS.flatMap((f) => q.config.flags[f] ?? []).map((p) => p.split("/").at(-1) ?? "");
  if (files.length === 0) return [];
  const mounted = new Set(asRecords(podSpec(q).volumes).map((v) => asString(get(v, "configMap", "name"))));
  const out: string[] = [];
  for (const cm of inv.objects) {
    if (cm.ref.kind !== "ConfigMap" || (cm.ref.namespace ?? "default") !== q.namespace || !mounted.has(cm.ref.name))
      continue;
    const data = asStringMap(cm.raw.data);
    for (const f of files) {
      const text = data[f];
      if (text === undefined) continue;
      for (const entry of asRecords(parseSdFile(text))) out.push(...asArray(entry.targets).map(String));
    }
  }
  return out;
}

/** A file_sd file: JSON or YAML, a list of `{targets, labels}` (prometheus.io file_sd_config); [] when unreadable. */
function parseSdFile(text: string): unknown {
  try {
    return parse(text, { maxAliasCount: 100 }) as unknown;
  } catch {
    return [];
  }
}

function selectedGroups(inv: Inventory, service: InventoryObject): PodGroup[] {
  const selector = asStringMap(get(service.raw, "spec", "selector"));
  if (Object.keys(selector).length === 0) return [];
  const ns = service.ref.namespace ?? "default";
  return inv.podGroups.filter((g) => {
    if (g.namespace !== ns) return false;
    const labels = podLabels(g);
    return Object.entries(selector).every(([k, v]) => labels[k] === v);
  });
}

export const queryThroughClusterIp: Rule = {
  id: "HAMON-THANOS-005",
  severity: "error",
  title: "Thanos Query reaches HA replicas via a ClusterIP",
  what:
    "A Thanos Query whose StoreAPI address (`--endpoint`, `--endpoint-strict`, the older `--store`, or a target " +
    "in a `--store.sd-files` / `--endpoint.sd-files` file mounted from a ConfigMap in the input), with or without " +
    "`dns+` / `dnssrv+`, names a Service that has a cluster IP and selects the pods of a Prometheus (its " +
    "sidecar), Thanos Ruler or Thanos Receive with 2 or more replicas.",
  why:
    "Cluster DNS answers for a Service with a cluster IP with that one virtual IP, for A and for SRV lookups " +
    "alike; only a headless Service returns a record per pod. Query then holds one connection that kube-proxy " +
    "sends to one replica (always the same one with `sessionAffinity: ClientIP`): no fan-out, nothing to " +
    "deduplicate, and the gaps of that replica are not filled from the other. Store Gateways are exempt: every " +
    "replica serves the same bucket.",
  sources: [
    { title: "Thanos Query: service discovery and flags", url: "https://thanos.io/tip/components/query.md/" },
    { title: "Thanos: service discovery (dns+, dnssrv+)", url: "https://thanos.io/tip/thanos/service-discovery.md/" },
    {
      title: "Kubernetes DNS for Services and Pods",
      url: "https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/",
    },
    {
      title: "Kubernetes DNS-based service discovery specification",
      url: "https://github.com/kubernetes/dns/blob/master/docs/specification.md",
    },
  ],
  severityReason:
    "Error: every query sees one replica only; the HA pair gives no protection to the data read, and a reschedule " +
    "of that replica shows as a gap.",
  fix: "Point Query at a headless Service (clusterIP: None) selecting the pods, with --endpoint=dnssrv+_grpc._tcp.<service>.<namespace>.svc (for Operator CRs: prometheus-operated, thanos-ruler-operated).",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const q of inv.podGroups) {
      if (q.component !== "thanos-query") continue;
      const addresses = [
        ...ADDRESS_FLAGS.flatMap((f) => (q.config.flags[f] ?? []).map((v) => ({ value: v, where: `--${f}=${v}` }))),
        ...sdFileTargets(inv, q).map((v) => ({ value: v, where: `target ${v} of its sd file` })),
      ];
      for (const { value, where } of addresses) {
        const ref = serviceOfHost(value.replace(/^(dns|dnssrv|dnssrvnoa)\+/, ""), q.namespace);
        const service = ref && clusterIpServiceNamed(inv.services, ref);
        if (!service) continue;
        const behind = selectedGroups(inv, service).filter((g) => NEEDS_FAN_OUT.has(g.component) && g.replicas >= 2);
        if (behind.length === 0) continue;
        const sticky =
          get(service.raw, "spec", "sessionAffinity") === "ClientIP"
            ? ", always the same one (sessionAffinity: ClientIP)"
            : "";
        out.push({
          object: q.owner,
          message:
            `${groupTitle(q)} reaches ${behind.map(groupTitle).join(", ")} through Service ${ref.namespace}/${ref.service} ` +
            `(${where}), which has a cluster IP: each query sees one replica${sticky}, nothing is deduplicated and gaps are not filled`,
        });
      }
    }
    return out;
  },
};
