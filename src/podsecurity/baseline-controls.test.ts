/**
 * The "baseline" controls (baseline-controls.ts), each with a violating and a compliant case,
 * starting from a Deployment that meets "restricted" and changing one field
 * (kubernetes.io/docs/concepts/security/pod-security-standards/#baseline).
 */
import { describe, expect, it } from "vitest";
import { deployment, sc, T, violations } from "../../test/support/restricted-deployment.js";

describe("baseline controls", () => {
  it("hostProcess: pod or container windowsOptions.hostProcess true", () => {
    expect(
      violations(
        deployment((p) => (p.securityContext.windowsOptions = { hostProcess: true })),
        "baseline",
      ),
    ).toEqual([
      {
        control: "hostProcess",
        level: "baseline",
        path: `${T}.securityContext.windowsOptions.hostProcess`,
        found: "true",
      },
    ]);
    expect(
      violations(
        deployment((p) => (sc(p, 1).windowsOptions = { hostProcess: true })),
        "baseline",
      ),
    ).toEqual([
      {
        control: "hostProcess",
        level: "baseline",
        path: `${T}.containers[1].securityContext.windowsOptions.hostProcess`,
        found: "true",
      },
    ]);
    expect(
      violations(
        deployment((p) => (p.securityContext.windowsOptions = { hostProcess: false })),
        "baseline",
      ),
    ).toEqual([]);
  });

  it("host namespaces: hostNetwork, hostPID, hostIPC", () => {
    expect(
      violations(
        deployment((p) => Object.assign(p, { hostNetwork: true, hostPID: true, hostIPC: true })),
        "baseline",
      ).map((v) => v.path),
    ).toEqual([`${T}.hostNetwork`, `${T}.hostPID`, `${T}.hostIPC`]);
    expect(
      violations(
        deployment((p) => Object.assign(p, { hostNetwork: false, hostPID: false, hostIPC: false })),
        "baseline",
      ),
    ).toEqual([]);
  });

  it("privileged containers, including init containers", () => {
    expect(
      violations(
        deployment((p) => (p.initContainers[0].securityContext.privileged = true)),
        "baseline",
      ),
    ).toEqual([
      {
        control: "privileged",
        level: "baseline",
        path: `${T}.initContainers[0].securityContext.privileged`,
        found: "true",
      },
    ]);
    expect(
      violations(
        deployment((p) => (sc(p, 0).privileged = false)),
        "baseline",
      ),
    ).toEqual([]);
  });

  it("capabilities: only the default set may be added", () => {
    expect(
      violations(
        deployment((p) => (sc(p, 1).capabilities.add = ["CHOWN", "SYS_ADMIN"])),
        "baseline",
      ),
    ).toEqual([
      {
        control: "capabilities_baseline",
        level: "baseline",
        path: `${T}.containers[1].securityContext.capabilities.add[1]`,
        found: '"SYS_ADMIN"',
      },
    ]);
    expect(
      violations(
        deployment((p) => (sc(p, 1).capabilities.add = ["CHOWN", "KILL", "SETUID"])),
        "baseline",
      ),
    ).toEqual([]);
  });

  it("hostPath volumes", () => {
    expect(
      violations(
        deployment((p) => p.volumes.push({ name: "host", hostPath: { path: "/var/run" } })),
        "baseline",
      ),
    ).toEqual([
      { control: "hostPathVolumes", level: "baseline", path: `${T}.volumes[5].hostPath`, found: '"/var/run"' },
    ]);
    // Reported once at restricted too.
    expect(
      violations(deployment((p) => p.volumes.push({ name: "host", hostPath: { path: "/var/run" } }))).map(
        (v) => v.control,
      ),
    ).toEqual(["hostPathVolumes"]);
  });

  it("host ports: 0 or unset", () => {
    expect(
      violations(
        deployment((p) => (p.containers[0].ports[0].hostPort = 80)),
        "baseline",
      ),
    ).toEqual([{ control: "hostPorts", level: "baseline", path: `${T}.containers[0].ports[0].hostPort`, found: "80" }]);
    expect(
      violations(
        deployment((p) => (p.containers[0].ports[0].hostPort = 0)),
        "baseline",
      ),
    ).toEqual([]);
  });

  it("AppArmor: field Unconfined, or an annotation other than runtime/default or localhost/*", () => {
    expect(
      violations(
        deployment((p) => (p.securityContext.appArmorProfile = { type: "Unconfined" })),
        "baseline",
      ),
    ).toEqual([
      {
        control: "appArmorProfile",
        level: "baseline",
        path: `${T}.securityContext.appArmorProfile.type`,
        found: '"Unconfined"',
      },
    ]);
    expect(
      violations(
        deployment(
          (_p, t) => (t.metadata.annotations["container.apparmor.security.beta.kubernetes.io/web"] = "unconfined"),
        ),
        "baseline",
      ),
    ).toEqual([
      {
        control: "appArmorProfile",
        level: "baseline",
        path: 'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/web"]',
        found: '"unconfined"',
      },
    ]);
    expect(
      violations(
        deployment(
          (_p, t) =>
            (t.metadata.annotations["container.apparmor.security.beta.kubernetes.io/web"] = "localhost/k8s-web"),
        ),
        "baseline",
      ),
    ).toEqual([]);
    expect(
      violations(
        deployment((p) => (sc(p, 1).appArmorProfile = { type: "Localhost", localhostProfile: "k8s-web" })),
        "baseline",
      ),
    ).toEqual([]);
  });

  it("SELinux: allowed types only; no user, no role", () => {
    expect(
      violations(
        deployment((p) => (sc(p, 0).seLinuxOptions = { type: "spc_t", user: "system_u", role: "system_r" })),
        "baseline",
      ).map((v) => v.path),
    ).toEqual([
      `${T}.containers[0].securityContext.seLinuxOptions.type`,
      `${T}.containers[0].securityContext.seLinuxOptions.user`,
      `${T}.containers[0].securityContext.seLinuxOptions.role`,
    ]);
    for (const type of ["container_t", "container_init_t", "container_kvm_t", "container_engine_t", ""]) {
      expect(
        violations(
          deployment((p) => (p.securityContext.seLinuxOptions = { type, level: "s0" })),
          "baseline",
        ),
        type,
      ).toEqual([]);
    }
    expect(
      violations(
        deployment((p) => (p.securityContext.seLinuxOptions = { type: "unconfined_t" })),
        "baseline",
      ),
    ).toEqual([
      {
        control: "seLinuxOptions",
        level: "baseline",
        path: `${T}.securityContext.seLinuxOptions.type`,
        found: '"unconfined_t"',
      },
    ]);
  });

  it("/proc mount: Default only", () => {
    expect(
      violations(
        deployment((p) => (sc(p, 1).procMount = "Unmasked")),
        "baseline",
      ),
    ).toEqual([
      {
        control: "procMount",
        level: "baseline",
        path: `${T}.containers[1].securityContext.procMount`,
        found: '"Unmasked"',
      },
    ]);
    expect(
      violations(
        deployment((p) => (sc(p, 0).procMount = "Default")),
        "baseline",
      ),
    ).toEqual([]);
  });

  it("seccomp: not Unconfined, at pod or container level (reported once at restricted)", () => {
    const unconfined = deployment((p) => (sc(p, 1).seccompProfile = { type: "Unconfined" }));
    expect(violations(unconfined, "baseline")).toEqual([
      {
        control: "seccompProfile_baseline",
        level: "baseline",
        path: `${T}.containers[1].securityContext.seccompProfile.type`,
        found: '"Unconfined"',
      },
    ]);
    expect(violations(unconfined).map((v) => v.control)).toEqual(["seccompProfile_baseline"]);
    // Baseline allows no profile at all.
    expect(
      violations(
        deployment((p) => {
          delete p.securityContext.seccompProfile;
          delete sc(p, 1).seccompProfile;
        }),
        "baseline",
      ),
    ).toEqual([]);
  });

  it("sysctls: the safe set only", () => {
    expect(
      violations(
        deployment((p) => p.securityContext.sysctls.push({ name: "kernel.msgmax", value: "65536" })),
        "baseline",
      ),
    ).toEqual([
      { control: "sysctls", level: "baseline", path: `${T}.securityContext.sysctls[1].name`, found: '"kernel.msgmax"' },
    ]);
    expect(
      violations(
        deployment((p) => p.securityContext.sysctls.push({ name: "net.ipv4.tcp_keepalive_time", value: "600" })),
        "baseline",
      ),
    ).toEqual([]);
  });
});
