/**
 * Flows Grafana asks for in its own configuration (grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/):
 * - → each provisioned datasource's `url` (provisioning files `datasources:` in the ConfigMaps
 *   and Secrets the pod mounts, or that carry the `grafana_datasource` label the k8s-sidecar of
 *   the Grafana Helm chart loads; grafana.com/docs/grafana/latest/administration/provisioning/#data-sources),
 *   except `access: direct` ones, which the browser calls;
 * - → its database: `[database] host` (`host:port`, port defaulting to 5432 for postgres, 3306
 *   for mysql) or `url`; nothing for sqlite3;
 * - → Redis or Memcached: `[remote_cache] connstr` (`addr=host:port,…` for redis, `host:port` for memcached);
 * - Grafana peers ↔ each other: `[unified_alerting] ha_peers` (`host:port,…`), gossip over TCP
 *   and UDP on that port (memberlist, grafana.com/docs/grafana/latest/alerting/set-up/configure-high-availability/);
 * - → the identity provider's token and user info URLs, with `[auth.generic_oauth] enabled`
 *   (grafana.com/docs/grafana/latest/setup-grafana/configure-security/configure-authentication/generic-oauth/);
 * - users → Grafana on `[server] http_port` (default 3000): from the proxy pods of an Ingress or
 *   HTTPRoute to its Service that says where they run (route-proxies.ts), else from outside the cluster.
 */
import { referencedConfigs } from "../../inventory/component-config.js";
import { configFilesOf } from "../../inventory/config-index.js";
import type { Inventory, InventoryObject, PodGroup } from "../../inventory/model.js";
import { asRecord, asRecords, asString, asStringMap } from "../../k8s/json.js";
import type { Protocol } from "../model.js";
import type { FlowContext, RequiredFlow } from "./model.js";
import { OUTSIDE } from "./outside-addresses.js";
import { proxyPods } from "./flow-context.js";
import { routeProxies, type RouteProxy } from "./route-proxies.js";
import { selectorMatches } from "../../k8s/label-selector.js";
import type { ClusterPod } from "../model.js";
import { resolveAddress, type ServiceView } from "./services.js";
import { parseTargetAddress } from "./target-address.js";
import { atIp, atPod, flowsToResolution, originName, podOf } from "./_build.js";
import { DEFAULT_PORTS } from "../../upstream/ports.js";

const setting = (g: PodGroup, section: string, key: string): string | undefined => {
  const v = g.config.grafanaIni?.[section]?.[key];
  return v === undefined || v.trim() === "" ? undefined : v.trim();
};

/** ConfigMaps/Secrets holding datasource provisioning for this Grafana. */
function datasourceObjects(inv: Inventory, g: PodGroup): InventoryObject[] {
  const refs = referencedConfigs(asRecord(g.template.spec));
  return inv.objects.filter(
    (o) =>
      (o.ref.kind === "ConfigMap" || o.ref.kind === "Secret") &&
      (o.ref.namespace ?? "default") === g.namespace &&
      (refs.some((r) => r.kind === o.ref.kind && r.name === o.ref.name) ||
        asStringMap(asRecord(o.raw.metadata).labels).grafana_datasource !== undefined),
  );
}

function datasourceUrls(inv: Inventory, g: PodGroup): Array<{ url: string; where: string }> {
  const out: Array<{ url: string; where: string }> = [];
  const files = configFilesOf(inv);
  for (const o of datasourceObjects(inv, g)) {
    for (const [key, text] of Object.entries(files.dataOf(o))) {
      // Grafana reads only *.yaml and *.yml provisioning files (grafana/grafana
      // pkg/services/provisioning/datasources/config_reader.go); dashboards (*.json) and grafana.ini are not.
      if (!/\.ya?ml$/.test(key)) continue;
      const doc = files.yaml(text);
      for (const ds of asRecords(doc?.datasources)) {
        const url = asString(ds.url);
        // `access: direct`: the user's browser calls the datasource, not Grafana.
        if (url && asString(ds.access) !== "direct")
          out.push({
            url,
            where: `datasource "${asString(ds.name) ?? "?"}" url ${url} (${o.ref.kind} ${o.ref.name}, ${key})`,
          });
      }
    }
  }
  return out;
}

/** The routes (with their proxy's place) whose backend Services select this Grafana pod. */
function routesTo(inv: Inventory, ctx: FlowContext, services: ServiceView[], pod: ClusterPod): RouteProxy[] {
  const selecting = new Set(
    services
      .filter(
        (s) => s.namespace === pod.namespace && s.selector && selectorMatches({ matchLabels: s.selector }, pod.labels),
      )
      .map((s) => `${s.namespace}/${s.name}`),
  );
  return routeProxies(inv).filter((r) => r.backends.some((b) => selecting.has(b)));
}

export function grafanaFlows(inv: Inventory, ctx: FlowContext, services: ServiceView[]): RequiredFlow[] {
  const out: RequiredFlow[] = [];
  for (const g of inv.podGroups.filter((x) => x.component === "grafana")) {
    const from = podOf(ctx, g);
    const name = originName(g);
    const to = (value: string, why: string, protocols: Protocol[] = ["TCP"], defaultPort?: number) => {
      const parsed = parseTargetAddress(value);
      if (!parsed) return;
      const address =
        parsed.port === undefined && defaultPort !== undefined ? { ...parsed, port: defaultPort } : parsed;
      for (const protocol of protocols)
        out.push(
          ...flowsToResolution(
            from,
            resolveAddress(address, g.namespace, services, ctx.cluster, protocol),
            `${why}: ${name}`,
            g.owner,
          ),
        );
    };
    for (const ds of datasourceUrls(inv, g)) to(ds.url, ds.where);

    const dbType = (
      setting(g, "database", "type") ??
      /^([a-z0-9]+):\/\//i.exec(setting(g, "database", "url") ?? "")?.[1] ??
      "sqlite3"
    ).toLowerCase();
    if (dbType !== "sqlite3") {
      const defaultPort = dbType.startsWith("mysql") ? DEFAULT_PORTS.mysql : DEFAULT_PORTS.postgres;
      const url = setting(g, "database", "url");
      const host = setting(g, "database", "host");
      if (url) to(url, `database ([database] url)`, ["TCP"], defaultPort);
      else if (host) to(host, `database ([database] host = ${host})`, ["TCP"], defaultPort);
    }

    const cacheType = setting(g, "remote_cache", "type");
    const connstr = setting(g, "remote_cache", "connstr");
    if (connstr && (cacheType === "redis" || cacheType === "memcached")) {
      const addr =
        cacheType === "redis" ? (/(?:^|,)\s*addr=([^,]+)/.exec(connstr)?.[1] ?? "") : (connstr.split(",")[0] ?? "");
      to(
        addr,
        `remote cache ([remote_cache] type = ${cacheType}, connstr addr=${addr})`,
        ["TCP"],
        cacheType === "redis" ? DEFAULT_PORTS.redis : DEFAULT_PORTS.memcached,
      );
    }

    const peers = setting(g, "unified_alerting", "ha_peers");
    if (peers && setting(g, "unified_alerting", "enabled")?.toLowerCase() !== "false") {
      for (const peer of peers
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean))
        to(
          peer,
          `alerting HA gossip ([unified_alerting] ha_peers = ${peers})`,
          ["TCP", "UDP"],
          DEFAULT_PORTS.grafanaAlertingHa,
        );
    }

    if (setting(g, "auth.generic_oauth", "enabled")?.toLowerCase() === "true") {
      // Grafana's server calls the token and user info endpoints; the browser alone visits auth_url.
      for (const key of ["token_url", "api_url"]) {
        const url = setting(g, "auth.generic_oauth", key);
        if (url) to(url, `single sign-on ([auth.generic_oauth] ${key} = ${url})`);
      }
    }

    const httpPort = Number(setting(g, "server", "http_port") ?? DEFAULT_PORTS.grafanaHttp);
    const routes = routesTo(inv, ctx, services, from);
    if (routes.length === 0) {
      out.push({
        from: atIp(OUTSIDE.users.ip),
        to: atPod(from),
        port: httpPort,
        protocol: "TCP",
        why: `users: ${name} serves [server] http_port = ${httpPort}`,
        origin: g.owner,
      });
    }
    for (const r of routes) {
      for (const proxy of proxyPods(ctx, r)) {
        out.push({
          from: atPod(proxy),
          to: atPod(from),
          port: httpPort,
          protocol: "TCP",
          why: `users through ${r.route.ref.kind} ${r.route.ref.namespace ?? "default"}/${r.route.ref.name}: ${name} serves [server] http_port = ${httpPort}`,
          origin: r.route,
        });
      }
    }
  }
  return out;
}
