import { describe, expect, it } from "vitest";
import { mergeContainer } from "./container-merge.js";

describe("mergeContainer (strategic merge patch of a Container)", () => {
  it("merges ports by containerPort, env by name, and maps key by key", () => {
    const base = {
      name: "prometheus",
      ports: [{ name: "web", containerPort: 9090 }],
      env: [{ name: "A", value: "1" }],
      resources: { requests: { cpu: "1" } },
    };
    const patch = {
      name: "prometheus",
      ports: [
        { containerPort: 9090, protocol: "TCP" },
        { name: "extra", containerPort: 9999 },
      ],
      env: [{ name: "B", value: "2" }],
      resources: { limits: { memory: "1Gi" } },
    };
    expect(mergeContainer(base, patch)).toEqual({
      name: "prometheus",
      ports: [
        { name: "web", containerPort: 9090, protocol: "TCP" },
        { name: "extra", containerPort: 9999 },
      ],
      env: [
        { name: "A", value: "1" },
        { name: "B", value: "2" },
      ],
      resources: { requests: { cpu: "1" }, limits: { memory: "1Gi" } },
    });
  });

  it("replaces lists without a merge key (args) and deletes fields patched to null", () => {
    const merged = mergeContainer({ name: "c", args: ["--a"], image: "x" }, { name: "c", args: ["--b"], image: null });
    expect(merged).toEqual({ name: "c", args: ["--b"] });
  });
});
