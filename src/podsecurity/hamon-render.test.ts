/**
 * hamon's own render meets Pod Security Standards "restricted": every Deployment and StatefulSet
 * pod template, and the pod-level fields of the Prometheus and Alertmanager CRs.
 */
import { describe, expect, it } from "vitest";
import { renderFromSpecText } from "../pipeline/render-pipeline.js";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { checkPodSecurity } from "./check-pod-security.js";
import { podsOfObject } from "./pods-of-object.js";

type Json = Record<string, any>;

function objectsOf(specText: string): Json[] {
  return renderFromSpecText(specText, "x").folders.flatMap((f) =>
    f.objects.map((o) => JSON.parse(JSON.stringify(o.toJSON())) as Json),
  );
}

const KINDS = ["Deployment", "StatefulSet", "Prometheus", "Alertmanager"];

describe.each([1, 2, 3, 4])("hamon's render at phase %i", (phase) => {
  const objects = objectsOf(EXAMPLE_SPEC_YAML.replace("phase: 4", `phase: ${phase}`)).filter((o) =>
    KINDS.includes(o.kind),
  );

  it("meets restricted in every pod template and Operator CR", () => {
    const checked = objects.flatMap((o) =>
      podsOfObject(o).map((pod) => ({ name: `${o.kind}/${o.metadata.name}`, pod })),
    );
    expect(checked.map((c) => c.name)).toContain("Prometheus/hamon");
    expect(checked.map((c) => c.name)).toContain("Alertmanager/hamon");
    if (phase >= 2) expect(checked.length).toBeGreaterThanOrEqual(6);
    const violations = checked.flatMap(({ name, pod }) =>
      checkPodSecurity(pod, "restricted").map((v) => `${name} ${v.path}: ${v.found}, expected ${v.expected}`),
    );
    expect(violations).toEqual([]);
  });

  it("checks real containers: every Deployment/StatefulSet template has some", () => {
    for (const o of objects.filter((x) => x.kind === "Deployment" || x.kind === "StatefulSet")) {
      expect(o.spec.template.spec.containers.length, `${o.kind}/${o.metadata.name}`).toBeGreaterThan(0);
    }
  });
});
