/** The JSON Schema of hamon.yaml for editors, generated from the zod schema (its input side). */
import * as z from "zod";
import { specSchema } from "./schema.js";

export function specJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(specSchema, { io: "input", unrepresentable: "any", target: "draft-7" }) as Record<
    string,
    unknown
  >;
  return { $id: "https://hamon.io/schema/hamon.schema.json", title: "hamon.yaml", ...schema };
}
