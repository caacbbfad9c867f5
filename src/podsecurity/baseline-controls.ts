/**
 * The "baseline" controls of the Pod Security Standards
 * (kubernetes.io/docs/concepts/security/pod-security-standards/#baseline), each as
 * pod-security-admission implements it (staging/src/k8s.io/pod-security-admission/policy/check_<id>.go).
 * Each names the field path of every offending value.
 */
import { podContainers, shown } from "./containers.js";
import type { ControlId, PodSecurityControl, PodSecurityViolation } from "./model.js";

const v = (control: ControlId, path: string, found: unknown, expected: string): PodSecurityViolation => ({
  control,
  level: "baseline",
  path,
  found: shown(found),
  expected,
});

/** Capabilities a baseline container may add: the container runtimes' default set (check_capabilities_baseline.go). */
export const BASELINE_CAPABILITIES = [
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
];

/**
 * Namespaced, node-isolated sysctls (PSS page, "Sysctls", as of v1.29: the five of v1.0,
 * ip_local_reserved_ports since v1.27, the four TCP keepalive/fin sysctls since v1.29).
 */
export const SAFE_SYSCTLS = [
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
];

/** SELinux types a baseline pod may set (container_engine_t since v1.31). */
export const SELINUX_TYPES = ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"];

const hostProcess: PodSecurityControl = {
  id: "hostProcess",
  level: "baseline",
  check(pod) {
    const out: PodSecurityViolation[] = [];
    const podValue = pod.spec.securityContext?.windowsOptions?.hostProcess;
    if (podValue === true)
      out.push(
        v("hostProcess", `${pod.specPath}.securityContext.windowsOptions.hostProcess`, podValue, "false or unset"),
      );
    for (const { container, path } of podContainers(pod)) {
      const value = container.securityContext?.windowsOptions?.hostProcess;
      if (value === true)
        out.push(v("hostProcess", `${path}.securityContext.windowsOptions.hostProcess`, value, "false or unset"));
    }
    return out;
  },
};

const hostNamespaces: PodSecurityControl = {
  id: "hostNamespaces",
  level: "baseline",
  check(pod) {
    return (["hostNetwork", "hostPID", "hostIPC"] as const)
      .filter((f) => pod.spec[f] === true)
      .map((f) => v("hostNamespaces", `${pod.specPath}.${f}`, true, "false or unset"));
  },
};

const privileged: PodSecurityControl = {
  id: "privileged",
  level: "baseline",
  check(pod) {
    return podContainers(pod)
      .filter(({ container }) => container.securityContext?.privileged === true)
      .map(({ path }) => v("privileged", `${path}.securityContext.privileged`, true, "false or unset"));
  },
};

const capabilitiesBaseline: PodSecurityControl = {
  id: "capabilities_baseline",
  level: "baseline",
  check(pod) {
    const out: PodSecurityViolation[] = [];
    for (const { container, path } of podContainers(pod)) {
      (container.securityContext?.capabilities?.add ?? []).forEach((cap, i) => {
        if (!BASELINE_CAPABILITIES.includes(cap))
          out.push(
            v(
              "capabilities_baseline",
              `${path}.securityContext.capabilities.add[${i}]`,
              cap,
              `one of ${BASELINE_CAPABILITIES.join(", ")}`,
            ),
          );
      });
    }
    return out;
  },
};

const hostPathVolumes: PodSecurityControl = {
  id: "hostPathVolumes",
  level: "baseline",
  check(pod) {
    return (pod.spec.volumes ?? []).flatMap((vol, i) =>
      vol.hostPath
        ? [v("hostPathVolumes", `${pod.specPath}.volumes[${i}].hostPath`, vol.hostPath.path, "no hostPath volume")]
        : [],
    );
  },
};

const hostPorts: PodSecurityControl = {
  id: "hostPorts",
  level: "baseline",
  check(pod) {
    const out: PodSecurityViolation[] = [];
    for (const { container, path } of podContainers(pod)) {
      (container.ports ?? []).forEach((p, i) => {
        if (p.hostPort !== undefined && p.hostPort !== 0)
          out.push(v("hostPorts", `${path}.ports[${i}].hostPort`, p.hostPort, "0 or unset"));
      });
    }
    return out;
  },
};

const APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";
const appArmorProfile: PodSecurityControl = {
  id: "appArmorProfile",
  level: "baseline",
  check(pod) {
    const out: PodSecurityViolation[] = [];
    const ok = (t: string | undefined) => t === undefined || t === "RuntimeDefault" || t === "Localhost";
    const expected = "RuntimeDefault, Localhost or unset";
    const podType = pod.spec.securityContext?.appArmorProfile?.type;
    if (!ok(podType))
      out.push(v("appArmorProfile", `${pod.specPath}.securityContext.appArmorProfile.type`, podType, expected));
    for (const { container, path } of podContainers(pod)) {
      const t = container.securityContext?.appArmorProfile?.type;
      if (!ok(t)) out.push(v("appArmorProfile", `${path}.securityContext.appArmorProfile.type`, t, expected));
    }
    for (const [key, value] of Object.entries(pod.annotations ?? {})) {
      if (!key.startsWith(APPARMOR_ANNOTATION)) continue;
      if (value === "" || value === "runtime/default" || value.startsWith("localhost/")) continue;
      out.push(
        v(
          "appArmorProfile",
          `${pod.annotationsPath ?? "metadata.annotations"}[${JSON.stringify(key)}]`,
          value,
          "runtime/default, localhost/<profile> or unset",
        ),
      );
    }
    return out;
  },
};

const seLinuxOptions: PodSecurityControl = {
  id: "seLinuxOptions",
  level: "baseline",
  check(pod) {
    const out: PodSecurityViolation[] = [];
    const at = (opts: { type?: string; user?: string; role?: string } | undefined, base: string) => {
      if (!opts) return;
      if (opts.type !== undefined && !SELINUX_TYPES.includes(opts.type))
        out.push(
          v(
            "seLinuxOptions",
            `${base}.seLinuxOptions.type`,
            opts.type,
            `one of ${SELINUX_TYPES.filter(Boolean).join(", ")}, or unset`,
          ),
        );
      if (opts.user) out.push(v("seLinuxOptions", `${base}.seLinuxOptions.user`, opts.user, "unset"));
      if (opts.role) out.push(v("seLinuxOptions", `${base}.seLinuxOptions.role`, opts.role, "unset"));
    };
    at(pod.spec.securityContext?.seLinuxOptions, `${pod.specPath}.securityContext`);
    for (const { container, path } of podContainers(pod))
      at(container.securityContext?.seLinuxOptions, `${path}.securityContext`);
    return out;
  },
};

/** The user-namespace relaxation of v1.35 (hostUsers: false allows any procMount) is not applied: strictest across versions. */
const procMount: PodSecurityControl = {
  id: "procMount",
  level: "baseline",
  check(pod) {
    return podContainers(pod).flatMap(({ container, path }) => {
      const m = container.securityContext?.procMount;
      return m !== undefined && m !== "Default"
        ? [v("procMount", `${path}.securityContext.procMount`, m, "Default or unset")]
        : [];
    });
  },
};

const seccompProfileBaseline: PodSecurityControl = {
  id: "seccompProfile_baseline",
  level: "baseline",
  check(pod) {
    const out: PodSecurityViolation[] = [];
    const expected = "RuntimeDefault, Localhost or unset (not Unconfined)";
    if (pod.spec.securityContext?.seccompProfile?.type === "Unconfined")
      out.push(
        v("seccompProfile_baseline", `${pod.specPath}.securityContext.seccompProfile.type`, "Unconfined", expected),
      );
    for (const { container, path } of podContainers(pod)) {
      if (container.securityContext?.seccompProfile?.type === "Unconfined")
        out.push(v("seccompProfile_baseline", `${path}.securityContext.seccompProfile.type`, "Unconfined", expected));
    }
    return out;
  },
};

const sysctls: PodSecurityControl = {
  id: "sysctls",
  level: "baseline",
  check(pod) {
    return (pod.spec.securityContext?.sysctls ?? []).flatMap((s, i) =>
      SAFE_SYSCTLS.includes(s.name)
        ? []
        : [
            v(
              "sysctls",
              `${pod.specPath}.securityContext.sysctls[${i}].name`,
              s.name,
              `one of ${SAFE_SYSCTLS.join(", ")}`,
            ),
          ],
    );
  },
};

export const BASELINE_CONTROLS: PodSecurityControl[] = [
  hostProcess,
  hostNamespaces,
  privileged,
  capabilitiesBaseline,
  hostPathVolumes,
  hostPorts,
  appArmorProfile,
  seLinuxOptions,
  procMount,
  seccompProfileBaseline,
  sysctls,
];
