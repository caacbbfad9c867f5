/** HAMON-AM-002. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Inventory } from "../../inventory/model.js";
import { configFilesOf } from "../../inventory/config-index.js";
import { configFileLocation, firstWrittenLine, relatedYamlSetting, yamlSettingLocation } from "../related-location.js";
import { additionalAlertmanagerConfigsRef, thanosRulerAlertmanagerUrls } from "../../upstream/prometheus-operator.js";
import type { Rule, RuleFinding } from "../rule.js";
import { asArray, asRecords, get } from "../../k8s/json.js";
import { clusterIpServiceNamed, serviceOfHost } from "../../k8s/service-dns.js";
import { groupTitle, peersOf } from "./_helpers.js";

/** Keys that hold a prometheus.yml, by the names Prometheus and its charts use. */
const PROMETHEUS_CONFIG_KEY = /^prometheus\.ya?ml$/;

const indent = (text: string) =>
  text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");

const ALERTMANAGERS_PATH = ["alerting", "alertmanagers"];
const DISCOVER_HERE = "alerting.alertmanagers: discover every Alertmanager pod here";

export const alertsThroughLoadBalancer: Rule = {
  id: "HAMON-AM-002",
  severity: "warning",
  title: "Alerts sent to one load-balanced address, not every Alertmanager",
  what:
    "The alerting targets of a Prometheus configuration (prometheus.yml `alerting.alertmanagers`) or of a Thanos " +
    "Ruler (`--alertmanagers.url`, or a ThanosRuler CR's `alertmanagersUrl`, which the operator passes as that flag) are a ClusterIP Service, or fewer static targets than the Alertmanager " +
    "replicas in the input. A prometheus.yml (or prometheus.yaml) key is judged in every ConfigMap and Secret of " +
    "the input, mounted by a Prometheus workload (the finding names the workload) or not (it names the ConfigMap " +
    "or Secret); so are the entries of a Prometheus CR's `additionalAlertManagerConfigs` Secret. A Prometheus " +
    "CR's `alerting.alertmanagers[]` is fine whatever Service it names, headless or not: the operator discovers " +
    "that Service's endpoints, i.e. every pod. Discovery that lists every pod is fine: `kubernetes_sd_configs`, " +
    "or any DNS lookup of a headless Service (`dns_sd_configs`, Thanos `dns+` or `dnssrv+`); a DNS lookup of a " +
    "ClusterIP Service gives its one virtual IP, for SRV records as for A records (the SRV target is the " +
    "Service's own name), and is reported.",
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
      title: "Prometheus Operator API reference: AlertmanagerEndpoints (an Endpoints object)",
      url: "https://github.com/prometheus-operator/prometheus-operator/blob/main/Documentation/api-reference/api.md#monitoring.coreos.com/v1.AlertmanagerEndpoints",
    },
    {
      title: "Prometheus Operator source: generateAlertmanagerConfig (kubernetes_sd_configs, role endpoints)",
      url: "https://github.com/prometheus-operator/prometheus-operator/blob/main/pkg/prometheus/promcfg.go",
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
    const configs = configFilesOf(inv);
    const amReplicas = (namespace: string) =>
      Math.max(0, ...peersOf(inv, namespace, "alertmanager").map((a) => a.replicas));
    const judged = new Set<unknown>(); // prometheus.yml files judged through the workload that mounts them
    for (const g of inv.podGroups) {
      if (g.component === "prometheus" && g.config.prometheusYaml) {
        judged.add(g.config.prometheusYaml);
        const lb = singleAddress(inv, get(g.config.prometheusYaml, "alerting", "alertmanagers"), g.namespace);
        const file = g.config.files?.prometheusYaml;
        if (lb)
          out.push({
            object: g.owner,
            message: `${groupTitle(g)} sends alerts ${lb}`,
            ...relatedYamlSetting(inv, file, ALERTMANAGERS_PATH, DISCOVER_HERE),
          });
      }
      // A CR's alerting.alertmanagers[] goes through endpoints, every pod (src/upstream/prometheus-operator.ts);
      // its additionalAlertManagerConfigs are prometheus.yml entries, judged as such.
      const cr = g.config.crSpec;
      if (cr && g.owner.ref.kind === "Prometheus" && !(g.shard !== undefined && g.shard > 0)) {
        const ref = additionalAlertmanagerConfigsRef(cr);
        const text = ref && configs.data("Secret", g.namespace, ref.secret)?.[ref.key];
        // The key holds a YAML list; nested under one mapping key it parses through the shared index (one parse per text).
        const entries = text && get(configs.yaml(`alertmanagers:\n${indent(text)}`), "alertmanagers");
        const lb = entries && singleAddress(inv, entries, g.namespace);
        const secret = ref && configs.object("Secret", g.namespace, ref.secret);
        if (lb)
          out.push({
            object: g.owner,
            ...(secret
              ? {
                  related: [
                    // The key holds the list of alertmanagers entries: its first written line.
                    configFileLocation(
                      { object: secret, key: ref.key },
                      firstWrittenLine(text),
                      "alertmanagers entries: discover every Alertmanager pod here",
                    ),
                  ],
                }
              : {}),
            message: `${groupTitle(g)} sends alerts (additionalAlertManagerConfigs, Secret ${g.namespace}/${ref.secret} key ${ref.key}) ${lb}`,
          });
      }
      if (g.component === "thanos-ruler") {
        // A ThanosRuler CR's alertmanagersUrl becomes the same flags (src/upstream/prometheus-operator.ts).
        const urls = cr ? thanosRulerAlertmanagerUrls(cr) : (g.config.flags["alertmanagers.url"] ?? []);
        for (const url of urls.flatMap((u) => u.split(","))) {
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
    // A prometheus.yml no Prometheus of the input mounts (its workload elsewhere, or applied later) is judged as a file.
    for (const o of inv.objects) {
      if (o.ref.kind !== "ConfigMap" && o.ref.kind !== "Secret") continue;
      for (const key of Object.keys(configs.dataOf(o)).filter((k) => PROMETHEUS_CONFIG_KEY.test(k))) {
        const y = configs.yamlOf(o, key);
        if (!y || judged.has(y)) continue;
        const namespace = o.ref.namespace ?? "default";
        const lb = singleAddress(inv, get(y, "alerting", "alertmanagers"), namespace, amReplicas(namespace));
        if (lb)
          out.push({
            object: o,
            related: [yamlSettingLocation(inv, { object: o, key }, ALERTMANAGERS_PATH, DISCOVER_HERE)],
            message: `${o.ref.kind} ${namespace}/${o.ref.name} key ${key} (a prometheus.yml no Prometheus in the input mounts) sends alerts ${lb}`,
          });
      }
    }
    return out;

    /** How one `alerting.alertmanagers` list reaches a single address, in words; undefined when it reaches every pod. */
    function singleAddress(
      inventory: Inventory,
      alertmanagers: unknown,
      namespace: string,
      replicas = amReplicas(namespace),
    ): string | undefined {
      for (const am of asRecords(alertmanagers)) {
        if (asArray(am.kubernetes_sd_configs).length > 0) continue; // every endpoint, i.e. every pod
        // dns_sd, SRV or A/AAAA: a headless Service lists every pod, a ClusterIP Service gives its one virtual IP (src/k8s/service-dns.ts).
        const dnsNames = asRecords(am.dns_sd_configs).flatMap((d) => asArray(d.names).map(String));
        const targets = asRecords(am.static_configs).flatMap((s) => asArray(s.targets).map(String));
        const lb = [...targets, ...dnsNames]
          .map((t) => serviceOfHost(t, namespace))
          .find((r) => r && clusterIpServiceNamed(inventory.services, r));
        if (lb)
          return `to Service ${lb.namespace}/${lb.service}, a load-balanced ClusterIP: each alert reaches one Alertmanager`;
        if (targets.length > 0 && replicas >= 2 && targets.length < replicas)
          return `to ${targets.length} static target(s) (${targets.join(", ")}) but ${replicas} Alertmanager replicas exist`;
      }
      return undefined;
    }
  },
};
