/**
 * Checking a pod against a level (check-pod-security.ts): the fixture meets "restricted", hence
 * "baseline"; the highest level met; Windows pods skip the Linux-only controls.
 */
import { describe, expect, it } from "vitest";
import { podSecurityLevelOf } from "./check-pod-security.js";
import { podsOfObject } from "./pods-of-object.js";
import { deployment, sc, violations } from "../../test/support/restricted-deployment.js";

describe("the fixture", () => {
  it("meets restricted, hence baseline", () => {
    expect(violations(deployment())).toEqual([]);
    expect(violations(deployment(), "baseline")).toEqual([]);
    expect(podSecurityLevelOf(podsOfObject(deployment())[0]!)).toBe("restricted");
  });
});

describe("levels", () => {
  it("names the highest level met", () => {
    expect(podSecurityLevelOf(podsOfObject(deployment((p) => (sc(p, 0).allowPrivilegeEscalation = true)))[0]!)).toBe(
      "baseline",
    );
    expect(podSecurityLevelOf(podsOfObject(deployment((p) => (p.hostNetwork = true)))[0]!)).toBe("privileged");
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
