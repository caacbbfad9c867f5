/** HAMON-HA-001. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Rule, RuleFinding } from "../rule.js";
import { groupTitle, HA_CRITICAL } from "./_helpers.js";

const HOW: Record<string, string> = {
  prometheus: "set replicas: 2 (each replica scrapes everything; Thanos Query deduplicates on the replica label)",
  alertmanager:
    "set replicas: 2 or more and cluster them (--cluster.peer); an odd count is not needed, the cluster has no quorum",
  "thanos-ruler": "set replicas: 2 with distinct replica labels",
  "thanos-receive":
    "set replicas: 3 with --receive.replication-factor=3 and every replica in the hashring (a write needs (factor + 1) / 2 replicas)",
  "thanos-query": "set replicas: 2 or more: Query is stateless",
  "thanos-query-frontend": "set replicas: 2 or more: the frontend is stateless",
  "thanos-store": "set replicas: 2 per shard: Store Gateways are stateless readers of the bucket",
  grafana: "set replicas: 2 with a shared PostgreSQL or MySQL database and alerting HA",
  postgresql: "set instances: 3 (a primary and two standbys that CloudNativePG can promote)",
};

/**
 * The whole to-do list in one finding: at 1 replica SCHED-001 (anti-affinity) and PDB-001 stay
 * silent, so the replica count, anti-affinity, zone spread and PDB are named here, once.
 */
function toDoList(component: string): string {
  const how = HOW[component];
  if (component === "postgresql")
    return `${how}; then set affinity.podAntiAffinityType: required (CloudNativePG's default is preferred) and a topology spread on topology.kubernetes.io/zone; CloudNativePG creates the PodDisruptionBudgets itself`;
  return how ? `${how}; then ${THEN}` : singleReplica.fix;
}

const THEN =
  "add required pod anti-affinity on kubernetes.io/hostname selecting its own pods, a topology spread on " +
  "topology.kubernetes.io/zone, and a PodDisruptionBudget of maxUnavailable: 1";

export const singleReplica: Rule = {
  id: "HAMON-HA-001",
  severity: "error",
  title: "HA-critical component runs a single replica",
  what:
    "Prometheus (per shard), Alertmanager, Thanos Ruler, Thanos Receive, Thanos Query, Query Frontend, Store Gateway (per " +
    "shard), Grafana or its PostgreSQL with `replicas`/`instances` of 1, which is also the default when the " +
    "field is left out, for Deployments and StatefulSets and for the Prometheus Operator's custom resources. " +
    "Replicas set to 0 are read as deliberately off.",
  why:
    "One pod is one node: a node failure, a `kubectl drain`, a node-pool upgrade or a rollout takes the " +
    'component down. For Prometheus that is a gap in scraping and no alert evaluation for that shard ("run ' +
    'identical Prometheus servers on two or more separate machines"); for Alertmanager no notification at all; ' +
    "for Thanos Receive every remote-write refused; for the query path no dashboards (Thanos Query is stateless " +
    "and scales horizontally). Prometheus, " +
    "Alertmanager, Thanos Query and Store, and Grafana are all made HA by running two or more.",
  sources: [
    {
      title: "Prometheus FAQ: can Prometheus be made highly available?",
      url: "https://prometheus.io/docs/introduction/faq/#can-prometheus-be-made-highly-available",
    },
    { title: "Alertmanager: high availability", url: "https://github.com/prometheus/alertmanager#high-availability" },
    { title: "Thanos Querier/Query", url: "https://thanos.io/tip/components/query.md/" },
    { title: "Thanos Receiver", url: "https://thanos.io/tip/components/receive.md/" },
    { title: "Thanos Rule", url: "https://thanos.io/tip/components/rule.md/" },
    {
      title: "Grafana: set up Grafana for high availability",
      url: "https://grafana.com/docs/grafana/latest/setup-grafana/set-up-for-high-availability/",
    },
    {
      title: "Prometheus Operator API reference",
      url: "https://github.com/prometheus-operator/prometheus-operator/blob/main/Documentation/api-reference/api.md",
    },
  ],
  severityReason:
    "Error: one ordinary event (a node lost, a drain, an upgrade, a rollout) is an outage of the component.",
  fix:
    "Run two or more replicas; then, so that no single node, zone or drain takes them all: required pod " +
    "anti-affinity on kubernetes.io/hostname selecting the component's own pods, a topology spread on " +
    "topology.kubernetes.io/zone, and a PodDisruptionBudget of maxUnavailable: 1.",
  check(inv) {
    const out: RuleFinding[] = [];
    for (const g of inv.podGroups) {
      if (!HA_CRITICAL.has(g.component) || g.perNode || g.replicas !== 1) continue;
      out.push({
        object: g.owner,
        message: `${groupTitle(g)} runs 1 replica: losing its node or draining it stops ${g.component === "postgresql" ? "Grafana's database" : "it"}`,
        fix: toDoList(g.component),
      });
    }
    return out;
  },
};
