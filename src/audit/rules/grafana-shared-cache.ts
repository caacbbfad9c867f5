/**
 * HAMON-GRAFANA-003 — several Grafana replicas whose cache and session state is not shared.
 *
 * What: 2+ replicas with a `[remote_cache]` that is not shared: a `type` other than `database`,
 * `redis` or `memcached` (the three kinds Grafana supports; default `database`, conf/defaults.ini),
 * or a redis/memcached address on localhost.
 *
 * Why: the remote cache holds short-lived shared state (login attempts, rendering keys, data
 * source and plugin caches); per pod, a user sees different state per request behind the
 * Service (grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#remote_cache;
 * grafana.com/docs/grafana/latest/setup-grafana/set-up-for-high-availability/).
 *
 * A `database` cache on SQLite is per pod too; HAMON-GRAFANA-001 already reports that database.
 *
 * Severity warning: inconsistent behaviour between replicas, not an outage.
 */
import type { Rule, RuleFinding } from "../rule.js";
import { groupTitle } from "./_helpers.js";
import { grafanaSetting } from "./_grafana.js";

export const grafanaSharedCache: Rule = {
  id: "HAMON-GRAFANA-003",
  severity: "warning",
  title: "Grafana replicas do not share their cache and sessions",
  rationale:
    "[remote_cache] must be shared by all replicas: database (on a shared database), redis or memcached " +
    "(grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#remote_cache). Warning: replicas behave differently, nothing is lost.",
  fix: "Set GF_REMOTE_CACHE_TYPE=redis and GF_REMOTE_CACHE_CONNSTR=addr=<redis Service>:6379,… (password from a Secret), or keep type database on a shared PostgreSQL.",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const g of inv.podGroups) {
      if (g.component !== "grafana" || g.replicas < 2) continue;
      const type = (grafanaSetting(g, "remote_cache", "type") ?? "database").toLowerCase();
      const conn = grafanaSetting(g, "remote_cache", "connstr") ?? "";
      let why: string | undefined;
      if (!["database", "redis", "memcached"].includes(type))
        why = `remote_cache type ${type} is local to each replica`;
      else if (type !== "database" && /(^|[=,/@])(localhost|127\.0\.0\.1)(:|,|$)/.test(conn))
        why = `remote_cache ${type} points at localhost, a cache per pod`;
      if (why) out.push({ object: g.owner, message: `${groupTitle(g)} runs ${g.replicas} replicas but ${why}` });
    }
    return out;
  },
};
