/**
 * Every Pod Security Standards control with a violating and a compliant case, starting from a
 * Deployment that meets "restricted" and changing one field (kubernetes.io/docs/concepts/security/pod-security-standards/).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkPodSecurity, podSecurityLevelOf } from "./check-pod-security.js";
import type { PodSecurityLevel } from "./model.js";
import { podsOfObject } from "./pods-of-object.js";

type Json = Record<string, any>;

const BASE: Json = parse(
  readFileSync(
    fileURLToPath(new URL("../../test/fixtures/podsecurity/restricted-deployment.yaml", import.meta.url)),
    "utf8",
  ),
);
const T = "spec.template.spec";

/** The fixture with `edit` applied to its pod template (a fresh copy each time). */
function deployment(edit: (pod: Json, template: Json) => void = () => {}): Json {
  const d = structuredClone(BASE);
  edit(d.spec.template.spec, d.spec.template);
  return d;
}
function violations(d: Json, level: PodSecurityLevel = "restricted") {
  const [pod] = podsOfObject(d);
  if (!pod) throw new Error("no pod");
  return checkPodSecurity(pod, level).map((v) => ({
    control: v.control,
    level: v.level,
    path: v.path,
    found: v.found,
  }));
}
const sc = (pod: Json, i: number) => (pod.containers[i].securityContext ??= {});

describe("the fixture", () => {
  it("meets restricted, hence baseline", () => {
    expect(violations(deployment())).toEqual([]);
    expect(violations(deployment(), "baseline")).toEqual([]);
    expect(podSecurityLevelOf(podsOfObject(deployment())[0]!)).toBe("restricted");
  });
});

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

describe("restricted controls", () => {
  it("volume types: the allow-list only (a volume without a source is emptyDir)", () => {
    expect(violations(deployment((p) => p.volumes.push({ name: "nfs", nfs: { server: "x", path: "/" } })))).toEqual([
      { control: "restrictedVolumes", level: "restricted", path: `${T}.volumes[5].nfs`, found: '"nfs"' },
    ]);
    expect(
      violations(
        deployment((p) => p.volumes.push({ name: "nfs", nfs: { server: "x", path: "/" } })),
        "baseline",
      ),
    ).toEqual([]);
    expect(
      violations(
        deployment((p) =>
          p.volumes.push(
            { name: "csi", csi: { driver: "x" } },
            { name: "eph", ephemeral: {} },
            { name: "d", downwardAPI: {} },
            { name: "s", secret: { secretName: "s" } },
          ),
        ),
      ),
    ).toEqual([]);
  });

  it("privilege escalation: every container must set allowPrivilegeEscalation false", () => {
    expect(violations(deployment((p) => delete p.initContainers[0].securityContext.allowPrivilegeEscalation))).toEqual([
      {
        control: "allowPrivilegeEscalation",
        level: "restricted",
        path: `${T}.initContainers[0].securityContext.allowPrivilegeEscalation`,
        found: "unset",
      },
    ]);
    expect(violations(deployment((p) => (sc(p, 0).allowPrivilegeEscalation = true)))).toEqual([
      {
        control: "allowPrivilegeEscalation",
        level: "restricted",
        path: `${T}.containers[0].securityContext.allowPrivilegeEscalation`,
        found: "true",
      },
    ]);
    expect(
      violations(
        deployment((p) => (sc(p, 0).allowPrivilegeEscalation = true)),
        "baseline",
      ),
    ).toEqual([]);
  });

  it("runAsNonRoot: pod true, or every container true; an explicit false anywhere fails", () => {
    // Without the pod-level true, containers that leave it unset fail; the sidecar sets it itself.
    expect(violations(deployment((p) => delete p.securityContext.runAsNonRoot))).toEqual([
      {
        control: "runAsNonRoot",
        level: "restricted",
        path: `${T}.containers[0].securityContext.runAsNonRoot`,
        found: "unset",
      },
      {
        control: "runAsNonRoot",
        level: "restricted",
        path: `${T}.initContainers[0].securityContext.runAsNonRoot`,
        found: "unset",
      },
    ]);
    expect(violations(deployment((p) => (sc(p, 1).runAsNonRoot = false)))).toEqual([
      {
        control: "runAsNonRoot",
        level: "restricted",
        path: `${T}.containers[1].securityContext.runAsNonRoot`,
        found: "false",
      },
    ]);
    // Pod false is a violation even when every container overrides it with true.
    expect(
      violations(
        deployment((p) => {
          p.securityContext.runAsNonRoot = false;
          for (const c of [...p.containers, ...p.initContainers]) c.securityContext.runAsNonRoot = true;
        }),
      ),
    ).toEqual([
      { control: "runAsNonRoot", level: "restricted", path: `${T}.securityContext.runAsNonRoot`, found: "false" },
    ]);
    expect(
      violations(
        deployment((p) => {
          delete p.securityContext.runAsNonRoot;
          for (const c of [...p.containers, ...p.initContainers]) c.securityContext.runAsNonRoot = true;
        }),
      ),
    ).toEqual([]);
  });

  it("runAsUser: never 0, at pod or container level", () => {
    expect(violations(deployment((p) => (p.securityContext.runAsUser = 0)))).toEqual([
      { control: "runAsUser", level: "restricted", path: `${T}.securityContext.runAsUser`, found: "0" },
    ]);
    expect(violations(deployment((p) => (p.initContainers[0].securityContext.runAsUser = 0)))).toEqual([
      {
        control: "runAsUser",
        level: "restricted",
        path: `${T}.initContainers[0].securityContext.runAsUser`,
        found: "0",
      },
    ]);
    expect(violations(deployment((p) => delete p.securityContext.runAsUser))).toEqual([]);
  });

  it("seccomp: RuntimeDefault or Localhost at pod level, or on every container", () => {
    expect(violations(deployment((p) => delete p.securityContext.seccompProfile))).toEqual([
      {
        control: "seccompProfile_restricted",
        level: "restricted",
        path: `${T}.containers[0].securityContext.seccompProfile.type`,
        found: "unset",
      },
      {
        control: "seccompProfile_restricted",
        level: "restricted",
        path: `${T}.initContainers[0].securityContext.seccompProfile.type`,
        found: "unset",
      },
    ]);
    expect(
      violations(
        deployment((p) => {
          delete p.securityContext.seccompProfile;
          for (const c of [...p.containers, ...p.initContainers])
            c.securityContext.seccompProfile = { type: "RuntimeDefault" };
        }),
      ),
    ).toEqual([]);
  });

  it("capabilities: drop ALL, add only NET_BIND_SERVICE", () => {
    expect(violations(deployment((p) => (sc(p, 1).capabilities = { drop: ["NET_RAW"] })))).toEqual([
      {
        control: "capabilities_restricted",
        level: "restricted",
        path: `${T}.containers[1].securityContext.capabilities.drop`,
        found: '["NET_RAW"]',
      },
    ]);
    expect(violations(deployment((p) => (sc(p, 0).capabilities.add = ["NET_BIND_SERVICE", "CHOWN"])))).toEqual([
      {
        control: "capabilities_restricted",
        level: "restricted",
        path: `${T}.containers[0].securityContext.capabilities.add[1]`,
        found: '"CHOWN"',
      },
    ]);
    // CHOWN is in the baseline set: baseline passes.
    expect(
      violations(
        deployment((p) => (sc(p, 0).capabilities.add = ["NET_BIND_SERVICE", "CHOWN"])),
        "baseline",
      ),
    ).toEqual([]);
  });

  it("ephemeral containers are checked like the others", () => {
    expect(
      violations(deployment((p) => (p.ephemeralContainers = [{ name: "debug", image: "busybox" }]))).map((v) => v.path),
    ).toEqual([
      `${T}.ephemeralContainers[0].securityContext.allowPrivilegeEscalation`,
      `${T}.ephemeralContainers[0].securityContext.capabilities.drop`,
    ]);
  });

  it("Windows pods skip the Linux-only controls", () => {
    const windows = deployment((p) => {
      p.os = { name: "windows" };
      delete p.securityContext.seccompProfile;
      delete sc(p, 1).seccompProfile;
      delete sc(p, 0).allowPrivilegeEscalation;
      delete sc(p, 0).capabilities;
    });
    expect(violations(windows)).toEqual([]);
    expect(violations(deployment((p) => delete sc(p, 0).capabilities)).map((v) => v.control)).toEqual([
      "capabilities_restricted",
    ]);
  });
});

describe("levels and object kinds", () => {
  it("names the highest level met", () => {
    expect(podSecurityLevelOf(podsOfObject(deployment((p) => (sc(p, 0).allowPrivilegeEscalation = true)))[0]!)).toBe(
      "baseline",
    );
    expect(podSecurityLevelOf(podsOfObject(deployment((p) => (p.hostNetwork = true)))[0]!)).toBe("privileged");
  });

  it("finds the pod spec of a Pod, a CronJob and an Operator CR, with paths into them", () => {
    const podSpec = structuredClone(BASE.spec.template.spec);
    podSpec.hostPID = true;
    expect(
      podsOfObject({ kind: "Pod", spec: podSpec })
        .flatMap((p) => checkPodSecurity(p, "baseline"))
        .map((v) => v.path),
    ).toEqual(["spec.hostPID"]);
    expect(
      podsOfObject({ kind: "CronJob", spec: { jobTemplate: { spec: { template: { spec: podSpec } } } } })
        .flatMap((p) => checkPodSecurity(p, "baseline"))
        .map((v) => v.path),
    ).toEqual(["spec.jobTemplate.spec.template.spec.hostPID"]);
    const cr = {
      kind: "Prometheus",
      spec: {
        replicas: 2,
        hostNetwork: true,
        securityContext: { runAsUser: 0 },
        containers: [{ name: "my-sidecar", securityContext: { privileged: true } }],
      },
    };
    expect(
      podsOfObject(cr)
        .flatMap((p) => checkPodSecurity(p, "restricted"))
        .map((v) => `${v.control} ${v.path}`),
    ).toEqual([
      "hostNamespaces spec.hostNetwork",
      "privileged spec.containers[0].securityContext.privileged",
      "allowPrivilegeEscalation spec.containers[0].securityContext.allowPrivilegeEscalation",
      "runAsNonRoot spec.securityContext.runAsNonRoot",
      "runAsNonRoot spec.containers[0].securityContext.runAsNonRoot",
      "runAsUser spec.securityContext.runAsUser",
      "seccompProfile_restricted spec.securityContext.seccompProfile.type",
      "seccompProfile_restricted spec.containers[0].securityContext.seccompProfile.type",
      "capabilities_restricted spec.containers[0].securityContext.capabilities.drop",
    ]);
    expect(podsOfObject({ kind: "Service", spec: {} })).toEqual([]);
  });

  it("treats a CR container named like an operator-generated one as a patch onto the operator's secure defaults", () => {
    const cr = (containers: Json[]) =>
      podsOfObject({
        kind: "Prometheus",
        spec: { securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } }, containers },
      }).flatMap((p) => checkPodSecurity(p, "restricted").map((v) => `${v.control} ${v.path}`));
    expect(cr([{ name: "config-reloader", resources: { limits: { memory: "50Mi" } } }])).toEqual([]);
    // The patch can still make it worse, and an own container gets no defaults.
    expect(cr([{ name: "prometheus", securityContext: { allowPrivilegeEscalation: true } }])).toEqual([
      "allowPrivilegeEscalation spec.containers[0].securityContext.allowPrivilegeEscalation",
    ]);
    expect(cr([{ name: "my-proxy", image: "proxy" }])).toEqual([
      "allowPrivilegeEscalation spec.containers[0].securityContext.allowPrivilegeEscalation",
      "capabilities_restricted spec.containers[0].securityContext.capabilities.drop",
    ]);
  });

  it("requires an Operator CR's pod level to set runAsNonRoot and seccomp, for the containers the operator generates", () => {
    const cr = (securityContext: Json) =>
      podsOfObject({ kind: "Alertmanager", spec: { replicas: 3, securityContext } }).flatMap((p) =>
        checkPodSecurity(p, "restricted"),
      );
    expect(cr({}).map((v) => v.path)).toEqual([
      "spec.securityContext.runAsNonRoot",
      "spec.securityContext.seccompProfile.type",
    ]);
    expect(cr({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } })).toEqual([]);
    // A Deployment without containers has nothing that could run as root.
    expect(checkPodSecurity({ spec: { securityContext: {} }, specPath: "spec.template.spec" }, "restricted")).toEqual(
      [],
    );
  });
});
