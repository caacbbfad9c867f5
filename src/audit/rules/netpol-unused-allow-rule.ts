/** HAMON-NETPOL-002. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import { describeRule } from "../../netpol/describe.js";
import type { Rule, RuleFinding } from "../rule.js";
import { flowAnalysisOf, policyObject } from "./_netpol.js";

export const netpolUnusedAllowRule: Rule = {
  id: "HAMON-NETPOL-002",
  severity: "warning",
  title: "NetworkPolicy allow rule that no flow of the stack uses",
  what:
    "A NetworkPolicy rule (peer by peer) that matches none of the flows the components' configuration asks for " +
    "(src/netpol/required/): it allows traffic nothing in the stack sends, or it cannot apply (its policy " +
    "selects no pod, or its direction is not in policyTypes). An ingress rule is reported only where every user " +
    "of what it admits is visible: not when it admits a port a selected pod serves and that port is a sidecar's " +
    "(a proxy, a reloader), or its peer reaches beyond the pods of the policy's own namespace (no peer, an " +
    "ipBlock, a namespaceSelector), where the API server calling a webhook, another operator's objects or " +
    "clients outside the input may use it.",
  why:
    'Least privilege: "NetworkPolicies are an application-centric construct which allow you to specify how a pod ' +
    'is allowed to communicate". Every allow that no flow needs widens what a compromised pod can reach, and a ' +
    "rule that cannot apply usually hides a label or policyTypes mistake.",
  sources: [
    {
      title: "Kubernetes: Network Policies",
      url: "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    },
  ],
  severityReason:
    "Warning: nothing breaks; the policies allow more than the stack needs. Flows the input cannot show (a " +
    "receiver you will add, a dashboard's ad-hoc datasource) may be the reason: suppress with `hamon.io/ignore` " +
    "on the policy and say so.",
  fix: "Remove the rule, narrow its peers or ports to the flows shown by `hamon audit --flows`, or suppress with hamon.io/ignore and the flow it is for.",
  check(inv) {
    const a = flowAnalysisOf(inv);
    const out: RuleFinding[] = [];
    for (const u of a.unused) {
      const object = policyObject(inv, u.policy);
      if (!object) continue;
      out.push({ object, message: `${describeRule(u)} allows traffic that no flow of the stack needs (${u.why})` });
    }
    return out;
  },
};
