/**
 * Workloads hamon does not know by name (prometheus-adapter, exporters, proxies) still say where
 * they connect in their flags: every flag value of a container that is a URL
 * (`--prometheus-url=http://prometheus-k8s.monitoring.svc:9090/`) naming a Service of the input
 * is a flow to the pods behind it. URLs that lead outside the cluster are left out: a flag URL
 * may be advertised rather than dialled (`--web.external-url`), and outside flows of unknown
 * workloads cannot be told from that.
 */
import { containerWords } from "../../inventory/component-recognition.js";
import { parseCommandLine } from "../../inventory/flags.js";
import type { Inventory } from "../../inventory/model.js";
import { asRecord, asRecords } from "../../k8s/json.js";
import type { FlowContext, RequiredFlow } from "./model.js";
import { resolveAddress, type ServiceView } from "./services.js";
import { parseTargetAddress } from "./target-address.js";
import { flowsToResolution, originName, podOf } from "./_build.js";

export function genericFlagFlows(inv: Inventory, ctx: FlowContext, services: ServiceView[]): RequiredFlow[] {
  const out: RequiredFlow[] = [];
  for (const g of inv.podGroups.filter((x) => x.component === "other")) {
    const from = podOf(ctx, g);
    for (const c of asRecords(asRecord(g.template.spec).containers)) {
      for (const [flag, values] of Object.entries(parseCommandLine(containerWords(c)).flags)) {
        for (const v of values.filter((x) => /^[a-z][a-z0-9+.-]*:\/\//i.test(x))) {
          const a = parseTargetAddress(v);
          if (!a) continue;
          const res = resolveAddress(a, g.namespace, services, ctx.cluster);
          if (res.kind === "pods")
            out.push(
              ...flowsToResolution(from, res, `${originName(g)} container ${String(c.name)} --${flag}=${v}`, g.owner),
            );
        }
      }
    }
  }
  return out;
}
