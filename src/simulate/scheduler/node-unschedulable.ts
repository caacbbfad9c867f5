/**
 * Mirrors kube-scheduler's NodeUnschedulable filter
 * (pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go): a node with
 * `spec.unschedulable` (cordoned, draining) takes no new pod unless the pod tolerates the
 * `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import { toleratesTaint } from "./taint-toleration.js";
import type { FilterPlugin } from "./plugin.js";

export const UNSCHEDULABLE_TAINT_KEY = "node.kubernetes.io/unschedulable";

export const nodeUnschedulable: FilterPlugin = {
  name: "NodeUnschedulable",
  prepare(ctx) {
    const tolerations = ctx.pod.spec.tolerations ?? [];
    const tolerated = tolerations.some((t) =>
      toleratesTaint(t, { key: UNSCHEDULABLE_TAINT_KEY, effect: "NoSchedule" }),
    );
    return (node) => (!tolerated && ctx.state.isCordoned(node) ? "node(s) were unschedulable" : null);
  },
};
