import { afterEach, describe, expect, it, vi } from "vitest";
import { InputError } from "../errors.js";
import { EXIT_INPUT, EXIT_UNEXPECTED, reportFailure } from "./exit.js";

describe("reportFailure", () => {
  const written: string[] = [];
  const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  afterEach(() => {
    written.length = 0;
    delete process.env.HAMON_DEBUG;
  });

  it("prints an input error's message and exits 2", () => {
    expect(reportFailure(new InputError("hamon.yaml:3:1 cluster.zones: found …"))).toBe(EXIT_INPUT);
    expect(written).toEqual(["hamon: hamon.yaml:3:1 cluster.zones: found …\n"]);
  });

  it("prints anything else as one line, no stack trace, and exits 3 (not 1, which means findings)", () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')\n    at somewhere (file.js:1:1)");
    expect(reportFailure(bug)).toBe(EXIT_UNEXPECTED);
    expect(EXIT_UNEXPECTED).toBe(3);
    expect(written.join("").trim().split("\n")).toHaveLength(1);
    expect(written.join("")).toContain("TypeError: Cannot read properties of undefined (reading 'x')");
    expect(written.join("")).not.toContain("at somewhere");
  });

  it("shows the stack with HAMON_DEBUG=1", () => {
    process.env.HAMON_DEBUG = "1";
    reportFailure(new Error("boom"));
    expect(written.join("")).toMatch(/\n {4}at /);
  });

  it("reports a thrown non-Error value as one line too", () => {
    expect(reportFailure("weird")).toBe(EXIT_UNEXPECTED);
    expect(written.join("")).toBe("hamon: unexpected error (a bug in hamon, please report it): weird\n");
    spy.mockClear();
  });
});
