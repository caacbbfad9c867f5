import type { Command } from "commander";

export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description("Print the JSON Schema of hamon.yaml, for editor completion and checks.")
    .addHelpText(
      "after",
      `\nExample:\n  hamon schema > hamon.schema.json   # then in hamon.yaml: # yaml-language-server: $schema=./hamon.schema.json`,
    )
    .action(async () => {
      const { specJsonSchema } = await import("../spec/json-schema.js");
      process.stdout.write(JSON.stringify(specJsonSchema(), null, 2) + "\n");
    });
}
