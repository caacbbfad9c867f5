/**
 * Alert rules for the Kubernetes cluster itself (nodes, workloads, storage, control plane and
 * scrape targets), rendered as one PrometheusRule beside the meta-monitoring one, which the
 * Prometheus CR selects the same way (`ruleSelector: {}` in the stack's namespace).
 *
 * Each rule reads one target and is rendered only when the spec scrapes it (`targets`); its
 * thresholds come from `clusterAlerts`. Every expression is written for hamon from upstream metric
 * definitions (named beside each rule) and has a `promtool test rules` case that fires and one
 * that stays silent (test/fixtures/rules/cluster-*.promtool.yaml). The two Prometheus replicas
 * of a pair both send each alert; Alertmanager deduplicates them (alertmanager-config.ts).
 *
 * Sharding: every Prometheus shard evaluates these rules on the targets it scrapes. The rules
 * hold no `absent()` and no cross-target totals beyond one job, so a shard without a target
 * stays silent about it; clusterAlertRuleGroups is the one list to move if they are evaluated
 * elsewhere.
 */
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import type { Spec } from "../../spec/schema.js";
import type { ComponentRender } from "../manifest.js";
import { componentLabels, stackNames } from "../stack-facts.js";
import { targetIsOn, type ClusterAlertGroup } from "./cluster-alerts/cluster-alert.js";
import { controlPlaneAlertGroup } from "./cluster-alerts/control-plane-alerts.js";
import { nodeAlertGroup } from "./cluster-alerts/node-alerts.js";
import { storageAlertGroup } from "./cluster-alerts/storage-alerts.js";
import { targetAlertGroup } from "./cluster-alerts/target-alerts.js";
import { workloadAlertGroup } from "./cluster-alerts/workload-alerts.js";
import type { AlertingRuleGroup } from "./meta-monitoring-rules.js";

export const CLUSTER_ALERTS_RULE_NAME = "hamon-cluster-alerts";

/** Every cluster alert with its target and thresholds, whether or not the spec scrapes its target. */
export function clusterAlertGroups(spec: Spec): ClusterAlertGroup[] {
  return [
    nodeAlertGroup(spec),
    workloadAlertGroup(spec),
    storageAlertGroup(spec),
    controlPlaneAlertGroup(spec),
    targetAlertGroup(spec),
  ];
}

/** The cluster alert rules this spec renders: those whose target it scrapes, in non-empty groups. */
export function clusterAlertRuleGroups(spec: Spec): AlertingRuleGroup[] {
  return clusterAlertGroups(spec)
    .map((g) => ({ name: g.name, rules: g.alerts.filter((a) => targetIsOn(spec, a.target)).map((a) => a.rule) }))
    .filter((g) => g.rules.length > 0);
}

export function renderClusterAlertRules(spec: Spec): ComponentRender {
  const names = stackNames(spec);
  return {
    component: "prometheus",
    objects: [
      new PrometheusRule({
        metadata: {
          name: CLUSTER_ALERTS_RULE_NAME,
          namespace: names.namespace,
          labels: componentLabels("prometheus", names.prometheus),
        },
        spec: { groups: clusterAlertRuleGroups(spec) },
      }),
    ],
  };
}
