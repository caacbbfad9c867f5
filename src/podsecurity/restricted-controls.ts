/**
 * The controls that "restricted" adds to "baseline"
 * (kubernetes.io/docs/concepts/security/pod-security-standards/#restricted), with
 * pod-security-admission's evaluation rules: a container-level field overrides the pod-level one;
 * a container may leave runAsNonRoot / seccompProfile unset only when the pod sets a valid value;
 * an explicit bad pod-level value is a violation even when every container overrides it.
 */
import { VOLUME_SOURCE_FIELDS } from "../k8s/volume-sources.js";
import { BASELINE_CAPABILITIES } from "./baseline-controls.js";
import { podContainers, shown } from "./containers.js";
import type { ControlId, PodSecurityControl, PodSecurityViolation } from "./model.js";

const v = (control: ControlId, path: string, found: unknown, expected: string): PodSecurityViolation => ({
  control,
  level: "restricted",
  path,
  found: shown(found),
  expected,
});

/** Inline volume sources allowed by "restricted" (check_restrictedVolumes.go). */
export const RESTRICTED_VOLUME_SOURCES = [
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
];

const restrictedVolumes: PodSecurityControl = {
  id: "restrictedVolumes",
  level: "restricted",
  check(pod) {
    const out: PodSecurityViolation[] = [];
    (pod.spec.volumes ?? []).forEach((vol, i) => {
      const sources = Object.keys(vol).filter(
        (k) => k !== "name" && (vol as unknown as Record<string, unknown>)[k] != null,
      );
      // A volume with no source is defaulted to emptyDir by the API server (SetDefaults_Volume);
      // hostPath is reported once, by the baseline control. A key that is no volume source
      // (`configmap:`, a typo, a newer field) is unrecognised, not a violation.
      for (const source of sources) {
        if (source !== "hostPath" && VOLUME_SOURCE_FIELDS.has(source) && !RESTRICTED_VOLUME_SOURCES.includes(source))
          out.push(
            v(
              "restrictedVolumes",
              `${pod.specPath}.volumes[${i}].${source}`,
              vol.name,
              `a volume of type ${RESTRICTED_VOLUME_SOURCES.join(", ")}`,
            ),
          );
      }
    });
    return out;
  },
};

const allowPrivilegeEscalation: PodSecurityControl = {
  id: "allowPrivilegeEscalation",
  level: "restricted",
  linuxOnly: true,
  check(pod) {
    return podContainers(pod).flatMap(({ container, path }) => {
      const value = container.securityContext?.allowPrivilegeEscalation;
      return value === false
        ? []
        : [v("allowPrivilegeEscalation", `${path}.securityContext.allowPrivilegeEscalation`, value, "false")];
    });
  },
};

/** hostUsers: false relaxes this since v1.35; not applied here (strictest across versions). */
const runAsNonRoot: PodSecurityControl = {
  id: "runAsNonRoot",
  level: "restricted",
  check(pod) {
    const out: PodSecurityViolation[] = [];
    const podPath = `${pod.specPath}.securityContext.runAsNonRoot`;
    const podValue = pod.spec.securityContext?.runAsNonRoot;
    if (podValue === false) out.push(v("runAsNonRoot", podPath, false, "true"));
    else if (podValue === undefined && pod.generatedContainers)
      out.push(v("runAsNonRoot", podPath, undefined, `true (${pod.generatedContainers} do not set it)`));
    for (const { container, path } of podContainers(pod)) {
      const value = container.securityContext?.runAsNonRoot;
      if (value === false) out.push(v("runAsNonRoot", `${path}.securityContext.runAsNonRoot`, false, "true or unset"));
      else if (value === undefined && podValue !== true)
        out.push(v("runAsNonRoot", `${path}.securityContext.runAsNonRoot`, undefined, `true, here or at ${podPath}`));
    }
    return out;
  },
};

const runAsUser: PodSecurityControl = {
  id: "runAsUser",
  level: "restricted",
  check(pod) {
    const out: PodSecurityViolation[] = [];
    if (pod.spec.securityContext?.runAsUser === 0)
      out.push(v("runAsUser", `${pod.specPath}.securityContext.runAsUser`, 0, "non-zero or unset"));
    for (const { container, path } of podContainers(pod)) {
      if (container.securityContext?.runAsUser === 0)
        out.push(v("runAsUser", `${path}.securityContext.runAsUser`, 0, "non-zero or unset"));
    }
    return out;
  },
};

const seccompProfileRestricted: PodSecurityControl = {
  id: "seccompProfile_restricted",
  level: "restricted",
  linuxOnly: true,
  check(pod) {
    const out: PodSecurityViolation[] = [];
    const valid = (t: string | undefined) => t === "RuntimeDefault" || t === "Localhost";
    const podPath = `${pod.specPath}.securityContext.seccompProfile.type`;
    const podProfile = pod.spec.securityContext?.seccompProfile;
    // Unconfined is reported once, by the baseline control.
    if (podProfile && !valid(podProfile.type) && podProfile.type !== "Unconfined")
      out.push(v("seccompProfile_restricted", podPath, podProfile.type, "RuntimeDefault or Localhost"));
    const podSet = podProfile !== undefined && valid(podProfile.type);
    if (!podProfile && pod.generatedContainers)
      out.push(
        v(
          "seccompProfile_restricted",
          podPath,
          undefined,
          `RuntimeDefault or Localhost (${pod.generatedContainers} do not set it)`,
        ),
      );
    for (const { container, path } of podContainers(pod)) {
      const profile = container.securityContext?.seccompProfile;
      if (profile && !valid(profile.type)) {
        if (profile.type !== "Unconfined")
          out.push(
            v(
              "seccompProfile_restricted",
              `${path}.securityContext.seccompProfile.type`,
              profile.type,
              "RuntimeDefault or Localhost",
            ),
          );
      } else if (!profile && !podSet)
        out.push(
          v(
            "seccompProfile_restricted",
            `${path}.securityContext.seccompProfile.type`,
            undefined,
            `RuntimeDefault or Localhost, here or at ${podPath}`,
          ),
        );
    }
    return out;
  },
};

const capabilitiesRestricted: PodSecurityControl = {
  id: "capabilities_restricted",
  level: "restricted",
  linuxOnly: true,
  check(pod) {
    const out: PodSecurityViolation[] = [];
    for (const { container, path } of podContainers(pod)) {
      const caps = container.securityContext?.capabilities;
      if (!(caps?.drop ?? []).includes("ALL"))
        out.push(
          v(
            "capabilities_restricted",
            `${path}.securityContext.capabilities.drop`,
            caps?.drop,
            'a list containing "ALL"',
          ),
        );
      (caps?.add ?? []).forEach((cap, i) => {
        // A capability beyond the baseline set is reported once, by the baseline control.
        if (cap !== "NET_BIND_SERVICE" && BASELINE_CAPABILITIES.includes(cap))
          out.push(
            v(
              "capabilities_restricted",
              `${path}.securityContext.capabilities.add[${i}]`,
              cap,
              "NET_BIND_SERVICE only",
            ),
          );
      });
    }
    return out;
  },
};

export const RESTRICTED_CONTROLS: PodSecurityControl[] = [
  restrictedVolumes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
  capabilitiesRestricted,
];
