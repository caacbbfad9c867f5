/**
 * The controls "restricted" adds (restricted-controls.ts), each with a violating and a compliant
 * case, starting from a Deployment that meets "restricted" and changing one field
 * (kubernetes.io/docs/concepts/security/pod-security-standards/#restricted).
 */
import { describe, expect, it } from "vitest";
import { deployment, sc, T, violations } from "../../test/support/restricted-deployment.js";

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

  it("volume types: a key that is no volume source (configmap, a typo) is unrecognised, not a violation", () => {
    expect(violations(deployment((p) => p.volumes.push({ name: "c", configmap: { name: "x" } })))).toEqual([]);
    expect(violations(deployment((p) => p.volumes.push({ name: "g", gitRepo: { repository: "x" } })))).toEqual([
      { control: "restrictedVolumes", level: "restricted", path: `${T}.volumes[5].gitRepo`, found: '"g"' },
    ]);
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
});
