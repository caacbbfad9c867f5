import { describe, expect, it } from "vitest";
import {
  configMapKeyProblems,
  dns1123LabelProblems,
  dns1123SubdomainProblems,
  labelValueProblems,
  qualifiedNameProblems,
} from "./name-validation.js";

// Cases from k8s.io/apimachinery/pkg/util/validation/validation_test.go where they exist.
describe("Kubernetes name and label validation", () => {
  it.each([
    ["a", true],
    ["ab-c", true],
    ["0", true],
    ["a".repeat(63), true],
    ["a".repeat(64), false],
    ["", false],
    ["A", false],
    ["-a", false],
    ["a-", false],
    ["a.b", false],
    ["a_b", false],
  ])("DNS-1123 label %j valid: %s", (value, valid) => {
    expect(dns1123LabelProblems(value).length === 0).toBe(valid);
  });

  it.each([
    ["a.b.c", true],
    ["thanos-objstore", true],
    ["a".repeat(253), true],
    ["a".repeat(254), false],
    ["a..b", false],
    [".a", false],
    ["Bad_Name", false],
    ["a.-b", false],
  ])("DNS-1123 subdomain %j valid: %s", (value, valid) => {
    expect(dns1123SubdomainProblems(value).length === 0).toBe(valid);
  });

  it.each([
    ["simple", true],
    ["now-with-dashes", true],
    ["1-starts-with-num", true],
    ["1234", true],
    ["simple/simple", true],
    ["now-with-dashes/simple", true],
    ["hamon.io/pool", true],
    ["Upper_and.dots-ok", true],
    [`a.b/${"x".repeat(63)}`, true],
    [`a.b/${"x".repeat(64)}`, false],
    ["", false],
    ["/simple", false],
    ["simple/", false],
    ["a/b/c", false],
    ["bad key!", false],
    ["-leading", false],
    ["trailing.", false],
    ["Upper.Prefix/name", false],
  ])("label key %j valid: %s", (value, valid) => {
    expect(qualifiedNameProblems(value).length === 0).toBe(valid);
  });

  it.each([
    ["", true],
    ["monitoring", true],
    ["eu-west-1a", true],
    ["A_b.c-D", true],
    ["x".repeat(63), true],
    ["x".repeat(64), false],
    ["has space", false],
    ["-a", false],
    ["a/b", false],
  ])("label value %j valid: %s", (value, valid) => {
    expect(labelValueProblems(value).length === 0).toBe(valid);
  });

  it.each([
    ["objstore.yml", true],
    ["a_b-c", true],
    [".hidden", true],
    [".", false],
    ["..", false],
    ["..a", false],
    ["a/b", false],
    ["", false],
  ])("Secret data key %j valid: %s", (value, valid) => {
    expect(configMapKeyProblems(value).length === 0).toBe(valid);
  });

  it("says what is wrong in plain words", () => {
    expect(qualifiedNameProblems("Upper.Prefix/name")).toEqual([
      "a prefix (before '/') of lower-case letters, digits, '-' and '.' only, each '.'-separated part starting and ending with a letter or digit",
    ]);
    expect(labelValueProblems("x".repeat(64))).toEqual(["at most 63 characters (it has 64)"]);
  });
});
