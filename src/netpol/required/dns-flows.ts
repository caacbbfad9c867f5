/**
 * Every pod → cluster DNS on 53, UDP and TCP (TCP for answers too large for UDP, RFC 7766):
 * every Service name, peer address and outside host name is looked up there. Pods whose
 * `dnsPolicy` does not send queries to cluster DNS are left out: `Default` and `None`, and
 * host-network pods unless `ClusterFirstWithHostNet`
 * (kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy).
 */
import type { Inventory } from "../../inventory/model.js";
import { asString } from "../../k8s/json.js";
import type { Protocol } from "../model.js";
import { CLUSTER_DNS } from "../../upstream/cluster-dns.js";
import { clusterDnsPods } from "./flow-context.js";
import type { FlowContext, RequiredFlow } from "./model.js";
import { atPod, originName, podOf } from "./_build.js";

export function dnsFlows(inv: Inventory, ctx: FlowContext): RequiredFlow[] {
  const dns = clusterDnsPods(ctx);
  const out: RequiredFlow[] = [];
  for (const g of inv.podGroups) {
    const spec = (g.template.spec ?? {}) as Record<string, unknown>;
    const policy = asString(spec.dnsPolicy) ?? "ClusterFirst";
    const usesClusterDns =
      spec.hostNetwork === true
        ? policy === "ClusterFirstWithHostNet"
        : policy === "ClusterFirst" || policy === "ClusterFirstWithHostNet";
    if (!usesClusterDns) continue;
    const from = podOf(ctx, g);
    if (dns.includes(from)) continue;
    for (const to of dns)
      for (const protocol of ["UDP", "TCP"] as Protocol[])
        out.push({
          from: atPod(from),
          to: atPod(to),
          port: CLUSTER_DNS.port,
          protocol,
          why: `name resolution: ${originName(g)} (dnsPolicy ${policy})`,
          origin: g.owner,
        });
  }
  return out;
}
