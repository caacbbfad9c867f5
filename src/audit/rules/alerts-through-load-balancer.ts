/** HAMON-AM-002. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { PodGroup } from "../../inventory/model.js";
import type { Rule, RuleFinding } from "../rule.js";
import { asArray, asRecords, get } from "../../k8s/json.js";
import { clusterIpServiceNamed, serviceOfHost } from "../../k8s/service-dns.js";
import { groupTitle, peersOf } from "./_helpers.js";

export const alertsThroughLoadBalancer: Rule = {
  id: "HAMON-AM-002",
  severity: "warning",
  title: "Alerts sent to one load-balanced address, not every Alertmanager",
  what:
    "The alerting targets of a Prometheus configuration (prometheus.yml `alerting.alertmanagers`) or of a Thanos " +
    "Ruler (`--alertmanagers.url`) are a ClusterIP Service, or fewer static targets than the Alertmanager " +
    "replicas in the input. Operator CRs are fine: the operator resolves the Service's endpoints, i.e. every " +
    "pod. Discovery that lists every pod is fine: `kubernetes_sd_configs`, or any DNS lookup of a headless Service " +
    "(`dns_sd_configs`, Thanos `dns+` or `dnssrv+`); a DNS lookup of a ClusterIP Service gives its one virtual IP, " +
    "for SRV records as for A records (the SRV target is the Service's own name), and is reported.",
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
    {
      title: "Kubernetes DNS-based service discovery specification",
      url: "https://github.com/kubernetes/dns/blob/master/docs/specification.md",
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
          // dns_sd, SRV or A/AAAA: a headless Service lists every pod, a ClusterIP Service gives its one virtual IP (src/k8s/service-dns.ts).
          const dnsNames = asRecords(am.dns_sd_configs).flatMap((d) => asArray(d.names).map(String));
          const targets = asRecords(am.static_configs).flatMap((s) => asArray(s.targets).map(String));
          const lb = [...targets, ...dnsNames]
            .map((t) => serviceOfHost(t, g.namespace))
            .find((r) => r && clusterIpServiceNamed(inv.services, r));
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
          // dns+ and dnssrv+ alike: one record per pod for a headless Service, the one ClusterIP otherwise.
          const ref = serviceOfHost(url.trim().replace(/^(dns|dnssrv|dnssrvnoa)\+/, ""), g.namespace);
          if (ref && clusterIpServiceNamed(inv.services, ref)) {
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
