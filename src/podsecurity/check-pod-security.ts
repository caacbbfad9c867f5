/**
 * Checks a pod against a Pod Security Standards level: "baseline", or "restricted" (baseline plus
 * the restricted controls), as pod-security-admission evaluates it
 * (kubernetes.io/docs/concepts/security/pod-security-admission/). Each violation is reported once,
 * at the lowest level that forbids it.
 */
import { BASELINE_CONTROLS } from "./baseline-controls.js";
import type { PodSecurityControl, PodSecurityLevel, PodSecurityViolation, PodUnderCheck } from "./model.js";
import { RESTRICTED_CONTROLS } from "./restricted-controls.js";

export function controlsOf(level: PodSecurityLevel): PodSecurityControl[] {
  return level === "baseline" ? BASELINE_CONTROLS : [...BASELINE_CONTROLS, ...RESTRICTED_CONTROLS];
}

export function checkPodSecurity(pod: PodUnderCheck, level: PodSecurityLevel): PodSecurityViolation[] {
  // Pods that declare spec.os.name: windows skip the Linux-only restricted controls (pod-security-admission ≥ 1.25).
  const windows = pod.spec.os?.name === "windows";
  return controlsOf(level)
    .filter((c) => !(windows && c.linuxOnly))
    .flatMap((c) => c.check(pod));
}

/** The highest level the pod meets: "restricted", "baseline", or "privileged" (meets neither). */
export function podSecurityLevelOf(pod: PodUnderCheck): PodSecurityLevel | "privileged" {
  if (checkPodSecurity(pod, "restricted").length === 0) return "restricted";
  return checkPodSecurity(pod, "baseline").length === 0 ? "baseline" : "privileged";
}
