import { describe, expect, it } from "vitest";
import { podTemplatePath, podTemplateOf } from "./pod-template.js";

describe("podTemplateOf", () => {
  const template = { metadata: { labels: { app: "x" } }, spec: { containers: [] } };
  it("finds the template where each kind keeps it", () => {
    expect(podTemplateOf({ kind: "Deployment", spec: { template } })).toBe(template);
    expect(podTemplateOf({ kind: "Job", spec: { template } })).toBe(template);
    expect(podTemplateOf({ kind: "CronJob", spec: { jobTemplate: { spec: { template } } } })).toBe(template);
    const pod = { kind: "Pod", ...template };
    expect(podTemplateOf(pod)).toBe(pod);
  });
  it("gives nothing for kinds that make no pods, including names of Object's own properties", () => {
    expect(podTemplateOf({ kind: "Service", spec: { template } })).toBeUndefined();
    expect(podTemplatePath("toString")).toBeUndefined();
    expect(podTemplatePath(undefined)).toBeUndefined();
  });
  it("gives undefined when the path is broken, whatever the YAML holds", () => {
    expect(podTemplateOf({ kind: "StatefulSet", spec: "oops" })).toBeUndefined();
    expect(podTemplateOf({ kind: "CronJob", spec: { jobTemplate: [] } })).toBeUndefined();
  });
});
