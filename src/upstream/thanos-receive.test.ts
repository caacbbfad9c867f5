import { describe, expect, it } from "vitest";
import { hashringSizes } from "./thanos-receive.js";

describe("hashringSizes", () => {
  it("counts the endpoints of each hashring, as strings or {address, az} objects", () => {
    const text = JSON.stringify([
      { hashring: "a", endpoints: ["r-0:10901", "r-1:10901"] },
      { endpoints: [{ address: "r-2:10901", az: "z1" }] },
    ]);
    expect(hashringSizes(text)).toEqual([
      { name: "a", endpoints: 2 },
      { name: "#2", endpoints: 1 },
    ]);
  });

  it("is undefined for text that is not a hashrings file", () => {
    expect(hashringSizes("not json")).toBeUndefined();
    expect(hashringSizes('{"endpoints": []}')).toBeUndefined();
  });
});
