/**
 * Where each kind keeps its pod spec (pods-of-object.ts), with violation paths into the object as
 * written; Prometheus Operator CRs with the containers the operator generates.
 */
import { describe, expect, it } from "vitest";
import { checkPodSecurity } from "./check-pod-security.js";
import { podsOfObject } from "./pods-of-object.js";
import { RESTRICTED_DEPLOYMENT, type Json } from "../../test/support/restricted-deployment.js";

describe("object kinds", () => {
  it("finds the pod spec of a Pod, a CronJob and an Operator CR, with paths into them", () => {
    const podSpec = structuredClone(RESTRICTED_DEPLOYMENT.spec.template.spec);
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
