/** HAMON-SCHED-003. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Rule, RuleFinding } from "../rule.js";
import { asString } from "../../k8s/json.js";
import type { MonitoringComponent } from "../../inventory/model.js";
import { groupTitle, HA_CRITICAL, podSpec } from "./_helpers.js";

const BUILT_IN = new Set(["system-cluster-critical", "system-node-critical"]);

/**
 * Components that must run when capacity is short. Not the Compactor: a batch job that catches up
 * after a pause (thanos.io/tip/components/compact.md, "must be deployed as a singleton"; halted or
 * late, it only delays compaction and downsampling), nor the sidecar (part of Prometheus' pod).
 */
const ASKS_FOR_PRIORITY: ReadonlySet<MonitoringComponent> = new Set([...HA_CRITICAL, "redis"]);

export const priorityClassMissing: Rule = {
  id: "HAMON-SCHED-003",
  severity: "warning",
  title: "Monitoring pods without a PriorityClass",
  what:
    "A monitoring component's pods (the Thanos Compactor excepted: a batch job that catches up later) with no `priorityClassName` (priority 0, like every ordinary workload, unless " +
    "a globalDefault class exists), or naming a class that is not in the input (the built-in " +
    "`system-cluster-critical` and `system-node-critical` excepted).",
  why:
    "When a node is lost and capacity is short, pending pods of higher priority preempt lower ones. At priority " +
    "0 the monitoring pods cannot displace anything and wait Pending exactly when the cluster is in trouble, and " +
    "they are the first preempted by any higher class.",
  sources: [
    {
      title: "Kubernetes: pod priority and preemption",
      url: "https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/",
    },
  ],
  severityReason:
    "Warning: it matters only under capacity pressure, but that is when monitoring is needed most. Info for a " +
    "class that is not in the input: it must exist in the cluster, or the pods are rejected at admission.",
  fix: "Create a PriorityClass above your workloads (e.g. value 1000000) and set priorityClassName on the monitoring pods.",
  check(inv) {
    const known = new Set(inv.priorityClasses.map((p) => p.ref.name));
    const globalDefault = inv.priorityClasses.some((p) => p.raw.globalDefault === true);
    const out: RuleFinding[] = [];
    for (const g of inv.podGroups) {
      if (!ASKS_FOR_PRIORITY.has(g.component)) continue;
      const name = asString(podSpec(g).priorityClassName);
      if (!name) {
        if (globalDefault) continue;
        out.push({
          object: g.owner,
          message: `${groupTitle(g)} has no priorityClassName: at priority 0 it cannot preempt ordinary workloads after a node loss`,
        });
      } else if (!known.has(name) && !BUILT_IN.has(name) && inv.priorityClasses.length > 0) {
        out.push({
          object: g.owner,
          severity: "info",
          message: `${groupTitle(g)} uses PriorityClass ${name}, which is not in the input: make sure it exists in the cluster, or its pods are rejected`,
          fix: `Create PriorityClass ${name} or fix the name`,
        });
      }
    }
    return out;
  },
};
