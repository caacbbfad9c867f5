/**
 * Mirrors kube-scheduler's VolumeZone filter
 * (pkg/scheduler/framework/plugins/volumezone/volume_zone.go): a pod whose bound volume carries
 * a zone (the PV's topology.kubernetes.io/zone, set by zonal CSI drivers) can only run on a node
 * of that zone. The volume's zone is the zone where the pod was first placed
 * (WaitForFirstConsumer binding, see ClusterState.bind).
 */
import { zoneOf } from "../topology.js";
import type { FilterPlugin } from "./plugin.js";

export const volumeZoneFilter: FilterPlugin = {
  name: "VolumeZone",
  prepare(ctx) {
    const zone = ctx.state.volumeZoneOf(ctx.pod.id);
    if (zone === undefined) return () => null;
    return (node) => (zoneOf(ctx.state.nodes[node]!) === zone ? null : "node(s) had no available volume zone");
  },
};
