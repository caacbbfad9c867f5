/**
 * `hamon audit --flows`: the flows the stack needs, each with the policy rules that allow it on
 * both sides or why it is blocked, and the configuration that asks for it; then the allow rules
 * no flow uses and the namespaces without default deny. Text for people, JSON for tools:
 * `{"flows": [{"from", "to", "port", "allowed", "egress", "ingress", "blocked"?, "alternativeAllowed"?, "why"}],
 *   "unusedRules": [{"rule", "why"}], "namespacesWithoutDefaultDeny": [{"namespace", "missing", "pods"}],
 *   "assumed": [{"pod", "why"}], "summary": {"flows", "allowed", "blocked"}}`.
 */
import { describeRule } from "../../netpol/describe.js";
import { requiredFlowMatrix, type FlowAnalysis, type RequiredFlowRow } from "../../netpol/required/flow-analysis.js";

export interface FlowMatrixReport {
  flows: RequiredFlowRow[];
  unusedRules: Array<{ rule: string; why: string }>;
  namespacesWithoutDefaultDeny: Array<{ namespace: string; missing: string[]; pods: number }>;
  assumed: Array<{ pod: string; why: string }>;
  /** `blocked`: needs with no allowed flow (alternatives count once). */
  summary: { flows: number; allowed: number; blocked: number };
}

export function flowMatrixReport(a: FlowAnalysis): FlowMatrixReport {
  const flows = requiredFlowMatrix(a);
  return {
    flows,
    unusedRules: a.unused.map((u) => ({ rule: describeRule(u), why: u.why })),
    namespacesWithoutDefaultDeny: a.withoutDefaultDeny.map((m) => ({
      namespace: m.namespace,
      missing: [...m.missing],
      pods: m.pods,
    })),
    assumed: a.context.assumed.map((p) => ({ pod: `${p.pod.namespace}/${p.pod.name}`, why: p.why })),
    // Alternatives (IPv4 or IPv6, the API server on 443 or 6443) are one need: a blocked need counts once.
    summary: {
      flows: flows.length,
      allowed: flows.filter((f) => f.allowed).length,
      blocked: new Set(a.blocked.map((j) => j.flow.anyOf ?? j)).size,
    },
  };
}

export const formatFlowMatrixJson = (a: FlowAnalysis): string => `${JSON.stringify(flowMatrixReport(a), null, 2)}\n`;

export function formatFlowMatrixText(a: FlowAnalysis, options: { color: boolean }): string {
  const r = flowMatrixReport(a);
  const paint = (code: string, s: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  for (const f of r.flows) {
    const status = f.allowed
      ? paint("32", "allowed")
      : f.alternativeAllowed
        ? paint("33", "alt    ")
        : paint("31", "BLOCKED");
    lines.push(`${status}  ${f.from} → ${f.to}  ${f.port}`);
    if (f.allowed) lines.push(`         egress: ${f.egress}; ingress: ${f.ingress}`);
    else
      lines.push(
        `         ${f.alternativeAllowed ? "blocked, but an alternative (other port or IP family) is allowed: " : "blocked: "}${f.blocked ?? ""}`,
      );
    lines.push(`         for: ${f.why}`);
  }
  lines.push("");
  if (r.unusedRules.length > 0) {
    lines.push("Allow rules no flow uses:");
    for (const u of r.unusedRules) lines.push(`  ${u.rule} (${u.why})`);
  }
  for (const m of r.namespacesWithoutDefaultDeny)
    lines.push(`Namespace ${m.namespace}: no default deny for ${m.missing.join(" and ")} (${m.pods} workload(s))`);
  for (const p of r.assumed) lines.push(`Assumed, not in the input: ${p.pod}: ${p.why}`);
  lines.push(
    `hamon audit --flows: ${r.summary.flows} required flows, ${r.summary.allowed} allowed, ${r.summary.blocked} blocked need(s), ${r.unusedRules.length} unused allow rule(s)`,
  );
  return `${lines.join("\n")}\n`;
}
