/**
 * The required flows of an inventory judged against its NetworkPolicies: which are blocked (a
 * need met by none of its alternatives), which allow rules no required flow uses, which
 * namespaces of the input have no default deny, and the flow matrix. Pure.
 */
import type { Inventory } from "../../inventory/model.js";
import { namespacesWithoutDefaultDeny, type MissingDefaultDeny } from "../default-deny.js";
import { sideText } from "../describe.js";
import { evaluateFlow } from "../evaluate-flow.js";
import type { FlowVerdict, SideVerdict } from "../model.js";
import { unusedAllowRules, type UnusedRule } from "../unused-rules.js";
import { describeDestination, describeEnd, describePort } from "./describe-required.js";
import type { DerivedFlows, RequiredFlow } from "./model.js";
import { requiredFlowsFromInventory } from "./required-flows-from-inventory.js";

export interface JudgedFlow {
  flow: RequiredFlow;
  verdict: FlowVerdict;
  /** False when it is blocked but an alternative (same `anyOf`) is allowed. */
  needed: boolean;
}

export interface FlowAnalysis extends DerivedFlows {
  judged: JudgedFlow[];
  /** Required flows that are blocked and have no allowed alternative. */
  blocked: JudgedFlow[];
  unused: UnusedRule[];
  /** Namespaces with pods of the input (assumed pods excluded) and no default deny. */
  withoutDefaultDeny: MissingDefaultDeny[];
}

export function analyzeFlows(inv: Inventory): FlowAnalysis {
  const derived = requiredFlowsFromInventory(inv);
  const { context, flows } = derived;
  const judged: JudgedFlow[] = flows.map((flow) => ({
    flow,
    verdict: evaluateFlow(context.cluster, flow),
    needed: true,
  }));
  const allowedGroups = new Set(judged.filter((j) => j.verdict.allowed && j.flow.anyOf).map((j) => j.flow.anyOf));
  for (const j of judged) if (!j.verdict.allowed && j.flow.anyOf && allowedGroups.has(j.flow.anyOf)) j.needed = false;
  const blocked = judged.filter((j) => !j.verdict.allowed && j.needed);
  const unused = unusedAllowRules(context.cluster, flows);
  const inputNamespaces = new Set(inv.podGroups.map((g) => g.namespace));
  const withoutDefaultDeny = namespacesWithoutDefaultDeny({
    ...context.cluster,
    pods: context.cluster.pods.filter((p) => context.groupOfPod.has(p)),
  }).filter((m) => inputNamespaces.has(m.namespace));
  return { ...derived, judged, blocked, unused, withoutDefaultDeny };
}

const cache = new WeakMap<Inventory, FlowAnalysis>();
/** The analysis of an inventory, computed once for all the rules that read it. */
export function flowAnalysisOf(inv: Inventory): FlowAnalysis {
  let a = cache.get(inv);
  if (!a) {
    a = analyzeFlows(inv);
    cache.set(inv, a);
  }
  return a;
}

/** Why a side blocks, in words: the policies that isolate the pod, and that none allows this. */
export function blockingSides(j: JudgedFlow, a: FlowAnalysis): string[] {
  const out: string[] = [];
  const side = (v: SideVerdict, dir: "egress" | "ingress") => {
    if (v.status !== "blocked") return;
    const at =
      dir === "egress" ? describeEnd(a.context, j.flow.from, j.flow) : describeEnd(a.context, j.flow.to, j.flow);
    out.push(
      `${dir} of ${at} is isolated by ${v.isolatedBy.join(", ")} and no rule of ${v.isolatedBy.length > 1 ? "them" : "it"} allows it`,
    );
  };
  side(j.verdict.egress, "egress");
  side(j.verdict.ingress, "ingress");
  if (j.verdict.problem) out.push(j.verdict.problem);
  return out;
}

export interface RequiredFlowRow {
  from: string;
  to: string;
  port: string;
  allowed: boolean;
  /** Rules allowing it at the source, or `not isolated` / `outside the cluster`, or BLOCKED. */
  egress: string;
  ingress: string;
  /** When blocked: why. */
  blocked?: string;
  /** Blocked, but an alternative (another API server port) is allowed. */
  alternativeAllowed?: boolean;
  why: string;
}

/** The flow matrix that `hamon audit --flows` prints. */
export function requiredFlowMatrix(a: FlowAnalysis): RequiredFlowRow[] {
  return a.judged.map((j) => ({
    from: describeEnd(a.context, j.flow.from, j.flow),
    to: describeDestination(a.context, j.flow),
    port: describePort(j.flow),
    allowed: j.verdict.allowed,
    egress: sideText(j.verdict.egress),
    ingress: sideText(j.verdict.ingress),
    ...(j.verdict.allowed ? {} : { blocked: blockingSides(j, a).join("; ") }),
    ...(!j.verdict.allowed && !j.needed ? { alternativeAllowed: true } : {}),
    why: j.flow.why,
  }));
}
