/** HAMON-AM-002. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { InventoryObject, PodGroup } from "../../inventory/model.js";
import type { Rule, RuleFinding } from "../rule.js";
import { asArray, asRecords, asString, get } from "../../k8s/json.js";
import { groupTitle, peersOf } from "./_helpers.js";

/** `alertmanager.monitoring.svc.cluster.local:9093` → { service, namespace } when it names a Service. */
function serviceOf(host: string, defaultNamespace: string): { service: string; namespace: string } | undefined {
  const h = host.replace(/^[a-z+]+:\/\//, "").replace(/[/:].*$/, "");
  if (/^\d+\.\d+\.\d+\.\d+$/.test(h)) return undefined;
  const parts = h.split(".");
  if (parts.length === 1) return { service: parts[0] as string, namespace: defaultNamespace };
  if (parts.length >= 2 && (parts[2] === "svc" || parts.length === 2))
    return { service: parts[0] as string, namespace: parts[1] as string };
  return undefined;
}

function clusterIpService(
  inv: { services: InventoryObject[] },
  ref: { service: string; namespace: string },
): InventoryObject | undefined {
  return inv.services.find(
    (s) =>
      s.ref.name === ref.service &&
      (s.ref.namespace ?? "default") === ref.namespace &&
      get(s.raw, "spec", "clusterIP") !== "None" &&
      get(s.raw, "spec", "type") !== "ExternalName",
  );
}

export const alertsThroughLoadBalancer: Rule = {
  id: "HAMON-AM-002",
  severity: "warning",
  title: "Alerts sent through one load-balanced address instead of to every Alertmanager",
  what:
    "The alerting targets of a Prometheus configuration (prometheus.yml `alerting.alertmanagers`) or of a Thanos " +
    "Ruler (`--alertmanagers.url`) are a ClusterIP Service, or fewer static targets than the Alertmanager " +
    "replicas in the input. Operator CRs are fine: the operator resolves the Service's endpoints, i.e. every " +
    "pod. Discovery that lists every pod is fine: `kubernetes_sd_configs`, `dns_sd_configs` of type SRV, Thanos " +
    "`dnssrv+`, or an A-record lookup of a headless Service; an A-record lookup of a ClusterIP Service " +
    "(`dns_sd_configs` of type A or AAAA, Thanos `dns+`) gives its one virtual IP and is reported.",
  why:
    "\"It's important not to load balance traffic between Prometheus and its Alertmanagers, but instead, point " +
    'Prometheus to a list of all Alertmanagers." Through a load balancer each alert reaches one replica; the ' +
    "replicas do not gossip alerts, only silences and the notification log, so a replica's loss drops the alerts " +
    "only it held until the next resend, and replicas disagree about what fires.",
  sources: [
    {
      title: "Prometheus: Alertmanager high availability",
      url: "https://prometheus.io/docs/alerting/latest/alertmanager/#high-availability",
    },
  ],
  severityReason:
    "Warning: alerts are re-sent (every minute by default) and eventually land; the guarantee of immediate, " +
    "exactly-once notification is lost, not the alert.",
  fix: "Discover every pod: kubernetes_sd_configs (role: endpoints or pod) or dns_sd_configs on the headless Service; Thanos Ruler: --alertmanagers.url=dnssrv+http://_web._tcp.<headless-svc>.",
  check(inv) {
    const out: RuleFinding[] = [];
    const amReplicas = (g: PodGroup) =>
      Math.max(0, ...peersOf(inv, g.namespace, "alertmanager").map((a) => a.replicas));
    for (const g of inv.podGroups) {
      if (g.component === "prometheus" && g.config.prometheusYaml) {
        const replicas = amReplicas(g);
        for (const am of asRecords(get(g.config.prometheusYaml, "alerting", "alertmanagers"))) {
          if (asArray(am.kubernetes_sd_configs).length > 0) continue; // every endpoint, i.e. every pod
          // dns_sd: SRV (the default) on a headless Service lists every pod; A/AAAA on a ClusterIP Service gives one virtual IP.
          const dnsNames = asRecords(am.dns_sd_configs)
            .filter((d) => (asString(d.type) ?? "SRV") !== "SRV")
            .flatMap((d) => asArray(d.names).map(String));
          const targets = asRecords(am.static_configs).flatMap((s) => asArray(s.targets).map(String));
          const lb = [...targets, ...dnsNames]
            .map((t) => serviceOf(t, g.namespace))
            .find((r) => r && clusterIpService(inv, r));
          if (lb || (targets.length > 0 && replicas >= 2 && targets.length < replicas)) {
            out.push({
              object: g.owner,
              message: lb
                ? `${groupTitle(g)} sends alerts to Service ${lb.namespace}/${lb.service}, a load-balanced ClusterIP: each alert reaches one Alertmanager`
                : `${groupTitle(g)} sends alerts to ${targets.length} static target(s) (${targets.join(", ")}) but ${replicas} Alertmanager replicas exist`,
            });
            break;
          }
        }
      }
      if (g.component === "thanos-ruler" && !g.config.crSpec) {
        for (const url of (g.config.flags["alertmanagers.url"] ?? []).flatMap((u) => u.split(","))) {
          // dnssrv+ lists every pod behind the port; dns+ resolves A records, one ClusterIP for a non-headless Service.
          if (/^dnssrv(noa)?\+/.test(url.trim())) continue;
          const ref = serviceOf(url.trim().replace(/^dns\+/, ""), g.namespace);
          if (ref && clusterIpService(inv, ref)) {
            out.push({
              object: g.owner,
              message: `${groupTitle(g)} sends alerts to Service ${ref.namespace}/${ref.service}, a load-balanced ClusterIP: each alert reaches one Alertmanager`,
            });
            break;
          }
        }
      }
    }
    return out;
  },
};
