/**
 * Flows Thanos components ask for with their own flags (thanos.io/tip/components/query.md,
 * query-frontend.md, rule.md):
 * - Query → every StoreAPI it is given: `--endpoint`, `--store` (deprecated alias),
 *   `--endpoint-strict`, `--store-strict`, `--endpoint-group`, `--endpoint-group-strict`, each
 *   resolved through Services (SRV `dnssrv+_grpc._tcp.<svc>…` → the Service port named `grpc`);
 * - Query Frontend → Query: `--query-frontend.downstream-url`;
 * - Ruler → Query (`--query`, CR `queryEndpoints`) and → Alertmanager (`--alertmanagers.url`,
 *   CR `alertmanagersUrl`).
 * `--endpoint.sd-config(-file)` and `--store.sd-files` are files of the pod that the input does
 * not carry: they add no flow here.
 */
import type { Inventory, PodGroup } from "../../inventory/model.js";
import { asArray } from "../../k8s/json.js";
import type { FlowContext, RequiredFlow } from "./model.js";
import { resolveAddress, type ServiceView } from "./services.js";
import { parseTargetAddress } from "./target-address.js";
import { flowsToResolution, originName, podOf } from "./_build.js";

const STORE_FLAGS = ["endpoint", "store", "endpoint-strict", "store-strict", "endpoint-group", "endpoint-group-strict"];

function flagFlows(
  ctx: FlowContext,
  services: ServiceView[],
  g: PodGroup,
  flag: string,
  values: string[],
  what: string,
): RequiredFlow[] {
  const from = podOf(ctx, g);
  return values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "")
    .flatMap((v) => {
      const address = parseTargetAddress(v);
      if (!address) return [];
      const res = resolveAddress(address, g.namespace, services, ctx.cluster);
      return flowsToResolution(
        from,
        res,
        `${what}: ${originName(g)} ${flag.startsWith("spec.") ? `${flag}: ${v}` : `--${flag}=${v}`}`,
        g.owner,
      );
    });
}

export function thanosFlows(inv: Inventory, ctx: FlowContext, services: ServiceView[]): RequiredFlow[] {
  const out: RequiredFlow[] = [];
  for (const g of inv.podGroups) {
    const flags = g.config.flags;
    if (g.component === "thanos-query") {
      for (const f of STORE_FLAGS) out.push(...flagFlows(ctx, services, g, f, flags[f] ?? [], "StoreAPI"));
    } else if (g.component === "thanos-query-frontend") {
      out.push(
        ...flagFlows(
          ctx,
          services,
          g,
          "query-frontend.downstream-url",
          flags["query-frontend.downstream-url"] ?? [],
          "downstream queries",
        ),
      );
    } else if (g.component === "thanos-ruler") {
      const cr = g.config.crSpec;
      const queries = cr ? asArray(cr.queryEndpoints).map(String) : (flags.query ?? []);
      const ams = cr
        ? typeof cr.alertmanagersUrl === "string"
          ? [cr.alertmanagersUrl]
          : asArray(cr.alertmanagersUrl).map(String)
        : (flags["alertmanagers.url"] ?? []);
      out.push(
        ...flagFlows(ctx, services, g, cr ? "spec.queryEndpoints" : "query", queries, "rule evaluation queries"),
      );
      out.push(...flagFlows(ctx, services, g, cr ? "spec.alertmanagersUrl" : "alertmanagers.url", ams, "alerts"));
    }
  }
  return out;
}
