/** Every kind of container is checked (containers.ts): containers, initContainers and ephemeralContainers. */
import { describe, expect, it } from "vitest";
import { deployment, T, violations } from "../../test/support/restricted-deployment.js";

describe("containers", () => {
  it("ephemeral containers are checked like the others", () => {
    expect(
      violations(deployment((p) => (p.ephemeralContainers = [{ name: "debug", image: "busybox" }]))).map((v) => v.path),
    ).toEqual([
      `${T}.ephemeralContainers[0].securityContext.allowPrivilegeEscalation`,
      `${T}.ephemeralContainers[0].securityContext.capabilities.drop`,
    ]);
  });
});
