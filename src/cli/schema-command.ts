import type { Command } from "commander";
import { specJsonSchema } from "../spec/json-schema.js";

export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description("Print the JSON Schema of hamon.yaml, for editor completion and checks.")
    .addHelpText(
      "after",
      `\nExample:\n  hamon schema > hamon.schema.json   # then in hamon.yaml: # yaml-language-server: $schema=./hamon.schema.json`,
    )
    .action(() => {
      process.stdout.write(JSON.stringify(specJsonSchema(), null, 2) + "\n");
    });
}
