/**
 * The Thanos Ruler HA pair (thanos-ruler.ts): rendered only with sharded Prometheus, wired to
 * Query and every Alertmanager, placed like the other HA components, and understood by the
 * audit and the simulator.
 */
import { describe, expect, it } from "vitest";
import { exampleStack, exampleVariant } from "../../../test/support/example-stack.js";
import { matches, withLine } from "../../../test/support/rendered.js";
import { HOSTNAME_LABEL, ZONE_LABEL } from "../../k8s/well-known-labels.js";
import { selectorMatches } from "../../k8s/label-selector.js";
import { thanosRulerPodLabels, THANOS_RULER_REPLICA_LABEL } from "../../upstream/prometheus-operator.js";
import { RULE_SCOPE_LABEL, WHOLE_VIEW_RULE_SCOPE } from "../../vocabulary.js";
import { CLUSTER_ALERTS_RULE_NAME } from "./cluster-alert-rules.js";
import { DASHBOARD_RULES_NAME } from "./dashboards/recording-rules.js";
import { runAudit } from "../../audit/run-audit.js";
import { simulate } from "../../simulate/simulate.js";
import { PRIORITY_CRITICAL } from "../scheduling.js";
import { META_MONITORING_RULE_NAME, WATCHDOG_RULE_NAME } from "./meta-monitoring-rules.js";

const sharded = exampleVariant(withLine("shards: auto ", "shards: 2    "));
const v = sharded.view;
const ruler = () => v.one("ThanosRuler", "hamon");
const podLabels = { ...thanosRulerPodLabels("hamon"), "hamon.io/component": "thanos-ruler" };

describe("without shards", () => {
  it("renders no Ruler, and Prometheus evaluates every rule", () => {
    const example = exampleStack().view;
    expect(example.byKind("ThanosRuler")).toEqual([]);
    expect(example.one("Prometheus", "hamon").spec.ruleSelector).toEqual({});
    const rules = example.byKind("PrometheusRule");
    expect(rules.map((r) => r.metadata.name)).toContain(META_MONITORING_RULE_NAME);
    expect(rules.filter((r) => r.metadata.labels?.[RULE_SCOPE_LABEL] !== undefined)).toEqual([]);
  });
});

describe("with Prometheus sharded", () => {
  it("renders an HA pair that queries through Thanos Query and alerts every Alertmanager pod", () => {
    const spec = ruler().spec;
    expect(spec.replicas).toBe(2);
    expect(spec.queryEndpoints).toEqual(["dnssrv+_http._tcp.thanos-query.monitoring.svc"]);
    expect(spec.alertmanagersUrl).toEqual(["dnssrv+http://_web._tcp.alertmanager-operated.monitoring.svc"]);
    // No external labels of its own: the operator then adds thanos_ruler_replica and drops it from alerts.
    expect(spec.labels).toBeUndefined();
    expect(spec.objectStorageConfig).toEqual({ name: "thanos-objstore", key: "objstore.yml" });
  });

  it("places it like the other HA components: anti-affinity per node, required zone spread, PDB, PriorityClass", () => {
    const spec = ruler().spec;
    const anti = spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0];
    expect(anti.topologyKey).toBe(HOSTNAME_LABEL);
    expect(matches(anti.labelSelector.matchLabels, podLabels)).toBe(true);
    const [spread] = spec.topologySpreadConstraints;
    expect(spread).toMatchObject({ topologyKey: ZONE_LABEL, whenUnsatisfiable: "DoNotSchedule", minDomains: 2 });
    expect(matches(spread.labelSelector.matchLabels, podLabels)).toBe(true);
    expect(spec.priorityClassName).toBe(PRIORITY_CRITICAL);
    const pdbs = v.byKind("PodDisruptionBudget").filter((p) => matches(p.spec.selector.matchLabels, podLabels));
    expect(pdbs.map((p) => p.spec.maxUnavailable)).toEqual([1]);
  });

  it("evaluates the whole-view rules only, and the shards every other rule", () => {
    const rules = v.byKind("PrometheusRule");
    const labelsOf = (name: string) => rules.find((r) => r.metadata.name === name)!.metadata.labels;
    const byRuler = (name: string) => selectorMatches(ruler().spec.ruleSelector, labelsOf(name));
    const byShards = (name: string) => selectorMatches(v.one("Prometheus", "hamon").spec.ruleSelector, labelsOf(name));
    expect(labelsOf(META_MONITORING_RULE_NAME)[RULE_SCOPE_LABEL]).toBe(WHOLE_VIEW_RULE_SCOPE);
    expect([byRuler(META_MONITORING_RULE_NAME), byShards(META_MONITORING_RULE_NAME)]).toEqual([true, false]);
    // The Watchdog stays with the shards: the dead man's switch proves their alerting path.
    expect([byRuler(WATCHDOG_RULE_NAME), byShards(WATCHDOG_RULE_NAME)]).toEqual([false, true]);
    // The cluster alerts and the dashboards' recording rules are shard-local by construction (each
    // reads one target's series; cluster-alert-rules.ts, dashboards/recording-rules.ts).
    for (const name of [CLUSTER_ALERTS_RULE_NAME, DASHBOARD_RULES_NAME])
      expect([name, byRuler(name), byShards(name)]).toEqual([name, false, true]);
  });

  it("has Query read its StoreAPI and Query and the Compactor deduplicate its replica label", () => {
    const query: string[] = v.one("Deployment", "thanos-query").spec.template.spec.containers[0].args;
    expect(query).toContain("--endpoint=dnssrv+_grpc._tcp.thanos-ruler-operated.monitoring.svc");
    expect(query).toContain(`--query.replica-label=${THANOS_RULER_REPLICA_LABEL}`);
    const compact: string[] = v.one("StatefulSet", "thanos-compact").spec.template.spec.containers[0].args;
    expect(compact).toContain(`--deduplication.replica-label=${THANOS_RULER_REPLICA_LABEL}`);
  });

  it("audits clean: no error or warning finding (flows, PDB, anti-affinity, replica labels)", () => {
    const findings = runAudit(sharded.inventory).findings.filter((f) => f.severity !== "info");
    expect(findings.map((f) => `${f.rule} ${f.message}`)).toEqual([]);
  });

  it("is simulated: a column of the failure matrix, never down after one node or zone loss, zones guaranteed", () => {
    const r = simulate(sharded.inventory, sharded.nodes);
    const ruler = r.scenarios.map((s) => s.components.find((c) => c.component === "thanos-ruler"));
    expect(ruler.every((c) => c !== undefined)).toBe(true);
    expect(ruler.filter((c) => c!.status === "down")).toEqual([]);
    expect(r.worstCase.find((w) => w.component === "thanos-ruler")?.verdict).toBe("zone-spread-guaranteed");
  });
});
