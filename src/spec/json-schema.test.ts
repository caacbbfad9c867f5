import { describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { EXAMPLE_SPEC_YAML } from "./example.js";
import { specJsonSchema } from "./json-schema.js";

describe("the JSON Schema", () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(specJsonSchema());

  it("accepts the example as an editor would see it", () => {
    expect(validate(parse(EXAMPLE_SPEC_YAML)), JSON.stringify(validate.errors)).toBe(true);
  });

  it("rejects what the zod schema rejects: unknown keys, wrong types, too few replicas", () => {
    const base = parse(EXAMPLE_SPEC_YAML);
    expect(validate({ ...base, promethues: {} })).toBe(false);
    expect(validate({ ...base, prometheus: { replicas: "two" } })).toBe(false);
    expect(validate({ ...base, alertmanager: { replicas: 1 } })).toBe(false);
  });

  it("documents every property, with defaults, for completion", () => {
    const schema = specJsonSchema() as any;
    expect(schema.properties.alertmanager.properties.replicas.description).toMatch(/AP, no quorum/);
    expect(schema.properties.alertmanager.properties.replicas.default).toBe(3);
    expect(schema.properties.workload.properties.scrapeInterval.default).toBe("30s");
  });
});
