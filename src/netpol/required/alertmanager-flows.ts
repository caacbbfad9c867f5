/**
 * Flows Alertmanager asks for (prometheus.io/docs/alerting/latest/alertmanager/#high-availability,
 * github.com/prometheus/alertmanager README "High Availability"):
 * - peers ↔ each other, gossip over TCP and UDP on 9094: an Alertmanager CR with `replicas` > 1
 *   (the operator passes every pod as `--cluster.peer`, pkg/alertmanager/statefulset.go), or the
 *   `--cluster.peer` flags of a plain Alertmanager (resolved through Services);
 * - → notification receivers: every integration of `receivers[]` in alertmanager.yml
 *   (`*_configs`), to the host of its `url`/`api_url`/`smarthost` (HTTPS 443 when the integration
 *   uses its built-in default URL: PagerDuty, Opsgenie, Slack API, …;
 *   prometheus.io/docs/alerting/latest/configuration/#receiver-integration-settings).
 *   A receiver without integrations sends nothing and needs no flow.
 */
import type { Inventory } from "../../inventory/model.js";
import { asRecord, asRecords, asString, isRecord } from "../../k8s/json.js";
import { DEFAULT_PORTS } from "../../upstream/ports.js";
import type { Protocol } from "../model.js";
import type { FlowContext, RequiredFlow } from "./model.js";
import { OUTSIDE } from "./outside-addresses.js";
import { resolveAddress, type ServiceView } from "./services.js";
import { parseTargetAddress } from "./target-address.js";
import { atIp, atPod, flowsToResolution, originName, podOf } from "./_build.js";

const URL_KEYS = ["url", "api_url", "webhook_url", "smarthost", "apiURL", "url_file"];

export function alertmanagerFlows(inv: Inventory, ctx: FlowContext, services: ServiceView[]): RequiredFlow[] {
  const out: RequiredFlow[] = [];
  for (const g of inv.podGroups.filter((x) => x.component === "alertmanager")) {
    const pod = podOf(ctx, g);
    const name = originName(g);
    if (g.config.crSpec) {
      if (g.replicas >= 2) {
        for (const protocol of ["TCP", "UDP"] as Protocol[]) {
          out.push({
            from: atPod(pod),
            to: atPod(pod),
            port: DEFAULT_PORTS.alertmanagerCluster,
            protocol,
            why: `cluster gossip: ${name} spec.replicas = ${g.replicas} (the operator peers every pod on ${DEFAULT_PORTS.alertmanagerCluster})`,
            origin: g.owner,
          });
        }
      }
    } else {
      for (const peer of g.config.flags["cluster.peer"] ?? []) {
        const a = parseTargetAddress(peer);
        if (!a) continue;
        for (const protocol of ["TCP", "UDP"] as Protocol[]) {
          out.push(
            ...flowsToResolution(
              pod,
              resolveAddress(a, g.namespace, services, ctx.cluster, protocol),
              `cluster gossip: ${name} --cluster.peer=${peer}`,
              g.owner,
            ),
          );
        }
      }
    }
    const receivers = asRecords(g.config.alertmanagerYaml?.receivers);
    for (const r of receivers) {
      for (const [key, list] of Object.entries(r)) {
        if (!key.endsWith("_configs")) continue;
        for (const integration of asRecords(list)) {
          const raw = URL_KEYS.map((k) => asString(integration[k])).find((v) => v !== undefined && !v.startsWith("/"));
          const why = `notifications: ${name} receiver "${asString(r.name) ?? "?"}" ${key}`;
          const a = raw ? parseTargetAddress(raw) : undefined;
          if (a)
            out.push(
              ...flowsToResolution(
                pod,
                resolveAddress(a.port === undefined ? { ...a, port: 443 } : a, g.namespace, services, ctx.cluster),
                `${why} ${raw}`,
                g.owner,
              ),
            );
          else
            out.push({
              from: atPod(pod),
              to: atIp(OUTSIDE.internet.ip),
              port: 443,
              protocol: "TCP",
              why: `${why} (its default HTTPS endpoint)`,
              origin: g.owner,
            });
        }
      }
    }
  }
  // AlertmanagerConfig CRs (monitoring.coreos.com/v1alpha1) add receivers to the Alertmanagers that select them.
  for (const o of inv.objects.filter((x) => x.ref.kind === "AlertmanagerConfig")) {
    const integrations = asRecords(asRecord(o.raw.spec).receivers).some((r) =>
      Object.entries(r).some(([k, v]) => k.endsWith("Configs") && Array.isArray(v) && v.some(isRecord)),
    );
    if (!integrations) continue;
    for (const g of inv.podGroups.filter(
      (x) => x.component === "alertmanager" && isRecord(x.config.crSpec?.alertmanagerConfigSelector),
    )) {
      out.push({
        from: atPod(podOf(ctx, g)),
        to: atIp(OUTSIDE.internet.ip),
        port: 443,
        protocol: "TCP",
        why: `notifications: AlertmanagerConfig ${o.ref.namespace ?? "default"}/${o.ref.name} receivers`,
        origin: o,
      });
    }
  }
  return out;
}
