/**
 * Mirrors kube-scheduler's NodeName filter (pkg/scheduler/framework/plugins/nodename/node_name.go):
 * a pod that names its node (`spec.nodeName`) fits only there.
 */
import type { FilterPlugin } from "./plugin.js";

export const nodeNameFilter: FilterPlugin = {
  name: "NodeName",
  prepare(ctx) {
    const wanted = ctx.pod.spec.nodeName;
    if (!wanted) return () => null;
    return (node) => (ctx.state.nodes[node]!.name === wanted ? null : "node(s) didn't match the requested node name");
  },
};
