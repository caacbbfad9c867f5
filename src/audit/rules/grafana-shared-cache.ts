/** HAMON-GRAFANA-003. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Rule, RuleFinding } from "../rule.js";
import { groupTitle } from "./_helpers.js";
import { describeGrafanaSetting, grafanaIniLocation, grafanaSetting } from "./_grafana.js";

export const grafanaSharedCache: Rule = {
  id: "HAMON-GRAFANA-003",
  severity: "warning",
  title: "Grafana replicas do not share their cache and sessions",
  what:
    "A Grafana with 2 or more replicas whose `[remote_cache]` is not shared: a `type` other than `database`, " +
    "`redis` or `memcached` (the three kinds Grafana supports; the default is `database`), or a redis or " +
    "memcached address on localhost. A `database` cache on SQLite is per pod too; HAMON-GRAFANA-001 already " +
    "reports that database.",
  why:
    "The remote cache holds short-lived shared state (login attempts, rendering keys, data source and plugin " +
    "caches); kept per pod, a user sees different state per request behind the Service.",
  sources: [
    {
      title: "Grafana configuration: [remote_cache]",
      url: "https://grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#remote_cache",
    },
    {
      title: "Grafana: set up Grafana for high availability",
      url: "https://grafana.com/docs/grafana/latest/setup-grafana/set-up-for-high-availability/",
    },
    { title: "Grafana conf/defaults.ini", url: "https://github.com/grafana/grafana/blob/main/conf/defaults.ini" },
  ],
  severityReason: "Warning: replicas behave differently from each other; nothing is lost and nothing is down.",
  fix: "Set GF_REMOTE_CACHE_TYPE=redis and GF_REMOTE_CACHE_CONNSTR=addr=<redis Service>:6379,… (password from a Secret), or keep type database on a shared PostgreSQL.",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const g of inv.podGroups) {
      if (g.component !== "grafana" || g.replicas < 2) continue;
      const type = (grafanaSetting(g, "remote_cache", "type") ?? "database").toLowerCase();
      const conn = grafanaSetting(g, "remote_cache", "connstr") ?? "";
      let why: string | undefined;
      let key = "type";
      if (!["database", "redis", "memcached"].includes(type))
        why = `remote_cache type ${type} is local to each replica`;
      else if (type !== "database" && /(^|[=,/@])(localhost|127\.0\.0\.1)(:|,|$)/.test(conn)) {
        why = `remote_cache ${type} points at localhost, a cache per pod`;
        key = "connstr";
      }
      if (why)
        out.push({
          object: g.owner,
          related: grafanaIniLocation(
            inv,
            g,
            "remote_cache",
            key,
            `${describeGrafanaSetting(g, "remote_cache", key)}: point it at a cache every replica shares`,
          ),
          message: `${groupTitle(g)} runs ${g.replicas} replicas but ${why}`,
        });
    }
    return out;
  },
};
