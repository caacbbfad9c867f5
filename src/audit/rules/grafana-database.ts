/** HAMON-GRAFANA-001. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Rule, RuleFinding } from "../rule.js";
import { groupTitle } from "./_helpers.js";
import {
  describeGrafanaSetting,
  grafanaDataVolume,
  grafanaDatabaseHost,
  grafanaDatabaseType,
  grafanaIniLocation,
  grafanaSetting,
  isLocalHost,
} from "./_grafana.js";

export const grafanaDatabase: Rule = {
  id: "HAMON-GRAFANA-001",
  severity: "error",
  title: "Grafana on SQLite or on a database its replicas do not share",
  what:
    "A Grafana whose `[database] type` is left at its default `sqlite3`, or whose PostgreSQL or MySQL host is " +
    "`localhost` (a per-pod sidecar).",
  why:
    'Grafana HA "requires a shared database", and SQLite is not one. With several replicas each has its own ' +
    "users, dashboards, alert rules and sessions: a user's changes exist on one pod and vanish behind the load " +
    "balancer. A single replica cannot be made HA by adding replicas without migrating the database first; on an " +
    "emptyDir, everything made in the UI is lost with the pod.",
  sources: [
    {
      title: "Grafana: set up Grafana for high availability",
      url: "https://grafana.com/docs/grafana/latest/setup-grafana/set-up-for-high-availability/",
    },
    { title: "Grafana conf/defaults.ini", url: "https://github.com/grafana/grafana/blob/main/conf/defaults.ini" },
  ],
  severityReason:
    "Error with 2 or more replicas: each has its own users, dashboards and rules. Warning with 1 replica: it " +
    "cannot scale out without a migration.",
  fix: "Set [database] type = postgres (or mysql), host = a database Service shared by all replicas, credentials from a Secret (GF_DATABASE_* env).",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const g of inv.podGroups) {
      if (g.component !== "grafana" || g.replicas === 0) continue;
      const type = grafanaDatabaseType(g);
      const host = grafanaDatabaseHost(g);
      const sqlite = type === "sqlite3" || type === "sqlite";
      const local = !sqlite && isLocalHost(host);
      if (!sqlite && !local) continue;
      const where = sqlite ? "SQLite (the default [database] type)" : `a database on ${host}, inside each pod`;
      const key = grafanaSetting(g, "database", "url") ? "url" : sqlite ? "type" : "host";
      const related = grafanaIniLocation(
        inv,
        g,
        "database",
        key,
        `${describeGrafanaSetting(g, "database", key, key === "type" ? "sqlite3" : undefined)}: set a shared PostgreSQL or MySQL here`,
      );
      if (g.replicas >= 2) {
        out.push({
          object: g.owner,
          related,
          message: `${groupTitle(g)} runs ${g.replicas} replicas on ${where}: each replica has its own users, dashboards and alert rules`,
        });
      } else {
        const data = grafanaDataVolume(g);
        out.push({
          object: g.owner,
          severity: "warning",
          related,
          message:
            `${groupTitle(g)} stores its state in ${where}: it cannot be scaled out without migrating to a shared database` +
            (sqlite && data === "emptyDir"
              ? "; the SQLite file is on an emptyDir, so users, UI-made dashboards and alert state are lost whenever the pod is replaced"
              : ""),
        });
      }
    }
    return out;
  },
};
