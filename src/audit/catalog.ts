/** Every audit rule, in the order the documentation lists them, and the lookup by id. */
import { InputError } from "../errors.js";
import type { Rule } from "./rule.js";
import { singleReplica } from "./rules/single-replica.js";
import { prometheusReplicaLabel } from "./rules/prometheus-replica-label.js";
import { rulesWithoutAlertmanager } from "./rules/rules-without-alertmanager.js";
import { thanosQueryDedup } from "./rules/thanos-query-dedup.js";
import { thanosCompactSingleton } from "./rules/thanos-compact-singleton.js";
import { thanosCompactDedup } from "./rules/thanos-compact-dedup.js";
import { thanosReceiveReplication } from "./rules/thanos-receive-replication.js";
import { queryThroughClusterIp } from "./rules/query-through-cluster-ip.js";
import { alertmanagerNotClustered } from "./rules/alertmanager-not-clustered.js";
import { alertsThroughLoadBalancer } from "./rules/alerts-through-load-balancer.js";
import { grafanaDatabase } from "./rules/grafana-database.js";
import { grafanaAlertingHa } from "./rules/grafana-alerting-ha.js";
import { grafanaSharedCache } from "./rules/grafana-shared-cache.js";
import { pdbMissing } from "./rules/pdb-missing.js";
import { pdbBlocksEviction } from "./rules/pdb-blocks-eviction.js";
import { pdbSelectsNothing } from "./rules/pdb-selects-nothing.js";
import { antiAffinityMissing } from "./rules/anti-affinity-missing.js";
import { antiAffinityUnsatisfiable } from "./rules/anti-affinity-unsatisfiable.js";
import { priorityClassMissing } from "./rules/priority-class-missing.js";
import { zoneSpreadMissing } from "./rules/zone-spread-missing.js";
import { zonalVolumeImmediateBinding } from "./rules/zonal-volume-immediate-binding.js";
import { noPersistentStorage } from "./rules/no-persistent-storage.js";
import { inlineSecrets } from "./rules/inline-secrets.js";
import { netpolRequiredFlowBlocked } from "./rules/netpol-required-flow-blocked.js";
import { netpolUnusedAllowRule } from "./rules/netpol-unused-allow-rule.js";
import { netpolNoDefaultDeny } from "./rules/netpol-no-default-deny.js";
import { podSecurityBaseline } from "./rules/pod-security-baseline.js";
import { podSecurityRestricted } from "./rules/pod-security-restricted.js";

export const RULES: ReadonlyArray<Rule> = [
  singleReplica,
  prometheusReplicaLabel,
  rulesWithoutAlertmanager,
  thanosQueryDedup,
  thanosCompactSingleton,
  thanosCompactDedup,
  thanosReceiveReplication,
  queryThroughClusterIp,
  alertmanagerNotClustered,
  alertsThroughLoadBalancer,
  grafanaDatabase,
  grafanaAlertingHa,
  grafanaSharedCache,
  pdbMissing,
  pdbBlocksEviction,
  pdbSelectsNothing,
  antiAffinityMissing,
  antiAffinityUnsatisfiable,
  priorityClassMissing,
  zoneSpreadMissing,
  zonalVolumeImmediateBinding,
  noPersistentStorage,
  inlineSecrets,
  netpolRequiredFlowBlocked,
  netpolUnusedAllowRule,
  netpolNoDefaultDeny,
  podSecurityBaseline,
  podSecurityRestricted,
];

/** An id that names no rule (`hamon rules HAMON-NOPE-001`): exit 2, listing the ids there are. */
export class UnknownRuleError extends InputError {
  override name = "UnknownRuleError";
}

/** The rule with this id (case does not matter: ids are upper case). */
export function ruleById(id: string, rules: ReadonlyArray<Rule> = RULES): Rule {
  const rule = rules.find((r) => r.id === id.trim().toUpperCase());
  if (rule) return rule;
  throw new UnknownRuleError(
    `no rule has the id ${JSON.stringify(id)}; expected one of: ${rules.map((r) => r.id).join(", ")}`,
  );
}
