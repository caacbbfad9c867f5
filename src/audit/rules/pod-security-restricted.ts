/** HAMON-PSS-002. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import { podsOfObject } from "../../podsecurity/pods-of-object.js";
import type { Rule } from "../rule.js";
import { podSecurityFindings, POD_SECURITY_SOURCES } from "./_pod-security.js";

export const podSecurityRestricted: Rule = {
  id: "HAMON-PSS-002",
  severity: "warning",
  title: "Pod meets baseline but not Pod Security Standards restricted",
  what:
    'The controls "restricted" adds to "baseline" (volume types, `allowPrivilegeEscalation: false`, ' +
    "`runAsNonRoot`, `runAsUser` not 0, a RuntimeDefault or Localhost seccomp profile, capabilities drop ALL), " +
    "checked as pod-security-admission does (src/podsecurity/), with the field path of each violation. " +
    "Violations of baseline itself are HAMON-PSS-001's.",
  why:
    '"Restricted" is the "heavily restricted policy, following current Pod hardening best practices"; nothing in ' +
    "a Prometheus/Thanos/Alertmanager/Grafana stack needs more (hamon's own render meets it).",
  sources: POD_SECURITY_SOURCES,
  severityReason:
    "Warning: the pod runs wherever baseline is enforced; it is refused only in a namespace that opts into " +
    "`enforce: restricted`, and the gap is hardening, not a known escalation.",
  fix: "Set securityContext.runAsNonRoot: true and seccompProfile.type: RuntimeDefault on the pod (for Operator CRs: spec.securityContext), and allowPrivilegeEscalation: false with capabilities.drop: [ALL] on every container.",
  check: (inv) => podSecurityFindings(inv, "restricted", podsOfObject),
};
