import { describe, expect, it } from "vitest";
import { containsPath, protectedFileReason, protectedReason } from "./output-paths.js";

const paths = {
  cwd: "/home/ana/proj",
  home: "/home/ana",
  inputs: ["/home/ana/proj/specs/hamon.yaml", "/data/nodes.yaml"],
};

describe("protectedReason", () => {
  it.each([
    ["/", "is the file system root"],
    ["/home", "contains your home folder"],
    ["/home/ana", "is your home folder"],
    ["/home/ana/proj", "is the current folder"],
    ["/home/ana/proj/specs", "contains /home/ana/proj/specs/hamon.yaml, an input of this command"],
    ["/home/ana/proj/specs/hamon.yaml", "is an input of this command"],
    ["/data", "contains /data/nodes.yaml, an input of this command"],
  ])("refuses %s: it %s", (target, reason) => {
    expect(protectedReason(target, paths)).toBe(reason);
  });

  it.each(["/home/ana/proj/out", "/home/ana/proj/specs/out", "/data2", "/tmp/x", "/home/ana/proj-out"])(
    "allows %s",
    (target) => {
      expect(protectedReason(target, paths)).toBeUndefined();
    },
  );
});

describe("containsPath", () => {
  it("compares whole path segments, not string prefixes", () => {
    expect(containsPath("/a/b", "/a/b/c")).toBe(true);
    expect(containsPath("/a/b", "/a/bc")).toBe(false);
    expect(containsPath("/", "/a")).toBe(true);
  });
});

describe("protectedFileReason", () => {
  it("refuses an input file and allows any other", () => {
    expect(protectedFileReason("/data/nodes.yaml", paths)).toBe("is an input of this command");
    expect(protectedFileReason("/data/report.html", paths)).toBeUndefined();
  });
});
