/** Small builders shared by the flow derivations. */
import type { InventoryObject, PodGroup } from "../../inventory/model.js";
import type { ClusterPod, Endpoint } from "../model.js";
import type { FlowContext, RequiredFlow } from "./model.js";
import { OUTSIDE } from "./outside-addresses.js";
import type { Resolution } from "./services.js";

export const atPod = (pod: ClusterPod): Endpoint => ({ kind: "pod", pod });
export const atIp = (ip: string): Endpoint => ({ kind: "ip", ip });

export function podOf(ctx: FlowContext, g: PodGroup): ClusterPod {
  const pod = ctx.podOfGroup.get(g.id);
  if (!pod) throw new Error(`no pod for group ${g.id}`);
  return pod;
}

/** "Thanos Query monitoring/thanos-query": how a reason names the component that asks. */
export const originName = (g: PodGroup): string => `${g.owner.ref.kind} ${g.namespace}/${g.owner.ref.name}`;

/** Flows from `from` to where an address resolved; nothing when it did not resolve. */
export function flowsToResolution(
  from: ClusterPod,
  res: Resolution,
  why: string,
  origin: InventoryObject | undefined,
): RequiredFlow[] {
  if (res.kind === "unresolved") return [];
  if (res.kind === "outside") {
    return [
      {
        from: atPod(from),
        to: atIp(OUTSIDE.internet.ip),
        port: res.port,
        protocol: res.protocol,
        why,
        outsideHost: res.host,
        ...(origin ? { origin } : {}),
      },
    ];
  }
  return res.pods.map((to) => ({
    from: atPod(from),
    to: atPod(to),
    port: res.port,
    protocol: res.protocol,
    why: `${why} (via ${res.via.replace(/ \(.*$/, "")})`,
    ...(origin ? { origin } : {}),
  }));
}
