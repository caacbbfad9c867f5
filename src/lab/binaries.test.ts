import { describe, expect, it } from "vitest";
import { findBinary, MissingBinaryError, parseVersion, requireBinaries } from "./binaries.js";

describe("binaries", () => {
  it("parses the version line of prometheus and alertmanager", () => {
    expect(parseVersion("prometheus, version 2.42.0+ds (branch: debian/sid, revision: 2.42.0+ds-5+deb12u1)")).toBe(
      "2.42.0+ds",
    );
    expect(parseVersion("alertmanager, version 0.25.0 (branch: debian/sid)")).toBe("0.25.0");
    expect(parseVersion("no version here")).toBeUndefined();
  });

  it("honours an override, and treats an override that is not executable as missing", () => {
    expect(findBinary("prometheus", { HAMON_PROMETHEUS: "/bin/sh", PATH: "" })).toBe("/bin/sh");
    expect(findBinary("prometheus", { HAMON_PROMETHEUS: "/nonexistent/prometheus", PATH: "" })).toBeUndefined();
  });

  it("names what is missing and the apt-get command that installs it", () => {
    const env = { HAMON_PROMETHEUS: "/nonexistent/p", HAMON_ALERTMANAGER: "/nonexistent/a", PATH: "" };
    let error: unknown;
    try {
      requireBinaries(["prometheus", "alertmanager"], env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MissingBinaryError);
    expect((error as Error).message).toContain("prometheus and alertmanager not found");
    expect((error as Error).message).toContain("sudo apt-get install -y prometheus prometheus-alertmanager");
  });
});
