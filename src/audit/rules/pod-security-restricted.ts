/**
 * HAMON-PSS-002 — a pod of the stack meets "baseline" but not "restricted".
 *
 * What: the controls "restricted" adds to "baseline" (volume types, allowPrivilegeEscalation
 * false, runAsNonRoot, runAsUser not 0, a RuntimeDefault or Localhost seccomp profile,
 * capabilities drop ALL), checked as pod-security-admission does (src/podsecurity/), with the
 * field path of each violation. Violations of baseline itself are HAMON-PSS-001's.
 *
 * Why: "restricted" is the "heavily restricted policy, following current Pod hardening best
 * practices" (kubernetes.io/docs/concepts/security/pod-security-standards/); nothing in a
 * Prometheus/Thanos/Alertmanager/Grafana stack needs more (hamon's own render meets it).
 *
 * Severity warning: the pod runs wherever baseline is enforced; it is refused only in a
 * namespace that opts into `enforce: restricted`, and the gap is hardening, not a known escalation.
 */
import { podsOfObject } from "../../podsecurity/pods-of-object.js";
import type { Rule } from "../rule.js";
import { podSecurityFindings } from "./_pod-security.js";

export const podSecurityRestricted: Rule = {
  id: "HAMON-PSS-002",
  severity: "warning",
  title: "Pod meets baseline but not Pod Security Standards restricted",
  rationale:
    "Restricted is current pod hardening practice (kubernetes.io/docs/concepts/security/pod-security-standards/) and a monitoring stack needs nothing beyond it. " +
    "Warning: the pod runs under baseline; it is refused only where restricted is enforced.",
  fix: "Set securityContext.runAsNonRoot: true and seccompProfile.type: RuntimeDefault on the pod (for Operator CRs: spec.securityContext), and allowPrivilegeEscalation: false with capabilities.drop: [ALL] on every container.",
  check: (inv) => podSecurityFindings(inv, "restricted", podsOfObject),
};
