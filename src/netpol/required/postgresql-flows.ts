/**
 * Flows of a CloudNativePG Cluster (cloudnative-pg.io/documentation/current/architecture/ and
 * …/networking/, "Cross-namespace and cross-cluster access"): with `instances` > 1 the replicas
 * stream from the primary on 5432; the operator reaches every instance's status endpoint on
 * 8000 and PostgreSQL on 5432. (Instances → the API server: kubernetes-api-flows.ts.)
 */
import type { Inventory } from "../../inventory/model.js";
import { CNPG_PORTS } from "../../upstream/cloudnative-pg.js";
import { cnpgOperatorPods } from "./flow-context.js";
import type { FlowContext, RequiredFlow } from "./model.js";
import { atPod, originName, podOf } from "./_build.js";

export function postgresqlFlows(inv: Inventory, ctx: FlowContext): RequiredFlow[] {
  const out: RequiredFlow[] = [];
  for (const g of inv.podGroups.filter((x) => x.owner.ref.kind === "Cluster" && x.component === "postgresql")) {
    const pod = podOf(ctx, g);
    const name = originName(g);
    if (g.replicas >= 2)
      out.push({
        from: atPod(pod),
        to: atPod(pod),
        port: CNPG_PORTS.postgres,
        protocol: "TCP",
        why: `streaming replication: ${name} spec.instances = ${g.replicas}`,
        origin: g.owner,
      });
    for (const op of cnpgOperatorPods(ctx)) {
      for (const port of [CNPG_PORTS.status, CNPG_PORTS.postgres]) {
        out.push({
          from: atPod(op),
          to: atPod(pod),
          port,
          protocol: "TCP",
          why: `CloudNativePG operator manages ${name} (${port === CNPG_PORTS.status ? "instance status" : "PostgreSQL"})`,
          origin: g.owner,
        });
      }
    }
  }
  return out;
}
