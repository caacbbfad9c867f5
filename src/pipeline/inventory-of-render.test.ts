import { describe, expect, it } from "vitest";
import { inventoryFromRender } from "../inventory/inventory-from-render.js";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { inventoryOfRender } from "./inventory-of-render.js";
import { renderFromSpecText } from "./render-pipeline.js";

const variants: Array<[string, string]> = [
  ["the built-in example", EXAMPLE_SPEC_YAML],
  ...[1, 2, 3].map((phase): [string, string] => [
    `phase ${phase}`,
    EXAMPLE_SPEC_YAML.replace(/^phase: 4\b/m, `phase: ${phase}`),
  ]),
];

describe("inventoryOfRender", () => {
  it.each(variants)("equals reading the rendered files back (%s): the plan audits what it writes", (_, spec) => {
    const render = renderFromSpecText(spec, "hamon.yaml");
    const fromObjects = inventoryOfRender(render);
    const fromFiles = inventoryFromRender(render.files);
    expect(fromObjects.objects.length).toBeGreaterThan(10);
    for (const key of [
      "objects",
      "podGroups",
      "pdbs",
      "services",
      "networkPolicies",
      "storageClasses",
      "priorityClasses",
    ] as const)
      expect(fromObjects[key], key).toEqual(fromFiles[key]);
  });
});

describe("the variants", () => {
  it("are the phases they claim to be", () => {
    expect(variants.map(([, spec]) => renderFromSpecText(spec, "hamon.yaml").spec.phase)).toEqual([4, 1, 2, 3]);
  });
});
