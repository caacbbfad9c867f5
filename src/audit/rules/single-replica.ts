/**
 * HAMON-HA-001 — an HA-critical component runs a single pod.
 *
 * What: Prometheus (per shard), Alertmanager, Thanos Ruler, Thanos Query, Query Frontend, Store
 * Gateway (per shard), Grafana or its PostgreSQL with `replicas`/`instances` of 1 (the default
 * when the field is left out, for Deployments and StatefulSets and for the Operator CRs:
 * prometheus-operator Documentation/api-reference/api.md).
 *
 * Why: one pod is one node: a node failure, a `kubectl drain`, a node-pool upgrade or a rollout
 * takes the component down. For Prometheus that is a gap in scraping and no alert evaluation for
 * that shard (prometheus.io/docs/introduction/faq/#can-prometheus-be-made-highly-available:
 * "run identical Prometheus servers on two or more separate machines"); for Alertmanager no
 * notification at all (github.com/prometheus/alertmanager#high-availability); for the query path
 * no dashboards (thanos.io/tip/components/query.md: Query is stateless and scales horizontally).
 *
 * Severity error: one ordinary event is an outage. Replicas set to 0 are read as deliberately off.
 */
import type { Rule, RuleFinding } from "../rule.js";
import { groupTitle, HA_CRITICAL } from "./_helpers.js";

const HOW: Record<string, string> = {
  prometheus: "set replicas: 2 (each replica scrapes everything; Thanos Query deduplicates on the replica label)",
  alertmanager:
    "set replicas: 2 or more and cluster them (--cluster.peer); an odd count is not needed, the cluster has no quorum",
  "thanos-ruler": "set replicas: 2 with distinct replica labels",
  "thanos-query": "set replicas: 2 or more: Query is stateless",
  "thanos-query-frontend": "set replicas: 2 or more: the frontend is stateless",
  "thanos-store": "set replicas: 2 per shard: Store Gateways are stateless readers of the bucket",
  grafana: "set replicas: 2 with a shared PostgreSQL or MySQL database and alerting HA",
  postgresql: "set instances: 3 (a primary and two standbys that CloudNativePG can promote)",
};

export const singleReplica: Rule = {
  id: "HAMON-HA-001",
  severity: "error",
  title: "HA-critical component runs a single replica",
  rationale:
    "One pod is one node: a node failure, a drain, an upgrade or a rollout stops it. Prometheus (prometheus.io/docs/introduction/faq/#can-prometheus-be-made-highly-available), " +
    "Alertmanager (github.com/prometheus/alertmanager#high-availability), Thanos Query/Store (thanos.io/tip/components/query.md) and Grafana " +
    "(grafana.com/docs/grafana/latest/setup-grafana/set-up-for-high-availability/) are made HA by running two or more. Error: one ordinary event is an outage.",
  fix: "Run two or more replicas, spread over nodes and zones, with a PodDisruptionBudget of maxUnavailable: 1.",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const g of inv.podGroups) {
      if (!HA_CRITICAL.has(g.component) || g.perNode || g.replicas !== 1) continue;
      out.push({
        object: g.owner,
        message: `${groupTitle(g)} runs 1 replica: losing its node or draining it stops ${g.component === "postgresql" ? "Grafana's database" : "it"}`,
        fix: HOW[g.component] ?? singleReplica.fix,
      });
    }
    return out;
  },
};
