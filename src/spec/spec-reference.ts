/**
 * The spec reference as a Markdown table, generated from the JSON Schema, so that the schema's
 * descriptions are the one source of the documentation (docs/spec-reference.md).
 */
import { specJsonSchema } from "./json-schema.js";

interface SchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, SchemaNode>;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  items?: SchemaNode;
  enum?: unknown[];
  const?: unknown;
  required?: string[];
}

function typeText(node: SchemaNode): string {
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum) return node.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" \\| ");
  const alternatives = node.anyOf ?? node.oneOf;
  if (alternatives) return [...new Set(alternatives.map(typeText))].join(" \\| ");
  if (node.type === "array") return `list of ${node.items ? typeText(node.items) : "any"}`;
  if (Array.isArray(node.type)) return node.type.join(" \\| ");
  return node.type ?? "any";
}

function rows(node: SchemaNode, path: string, required: boolean, out: string[]): void {
  const objectAlternatives = (node.anyOf ?? node.oneOf)?.filter((n) => n.properties);
  if (path) {
    const def =
      node.default !== undefined && typeof node.default !== "object"
        ? `\`${JSON.stringify(node.default)}\``
        : required
          ? "**required**"
          : "";
    const description = (node.description ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
    out.push(
      `| \`${path}\` | ${node.properties || objectAlternatives?.length ? "object" : typeText(node)} | ${def} | ${description} |`,
    );
  }
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    rows(child, path ? `${path}.${key}` : key, (node.required ?? []).includes(key) && child.default === undefined, out);
  }
  for (const alternative of objectAlternatives ?? []) {
    const tag = alternative.properties?.type?.const;
    for (const [key, child] of Object.entries(alternative.properties ?? {})) {
      if (key === "type") continue;
      rows(child, `${path}.${key}`, (alternative.required ?? []).includes(key) && child.default === undefined, out);
      if (tag !== undefined)
        out[out.length - 1] = out[out.length - 1]!.replace(/\| ([^|]*) \|$/, `| (type ${JSON.stringify(tag)}) $1 |`);
    }
  }
}

export function specReferenceMarkdown(): string {
  const out = ["| key | type | default | meaning |", "|---|---|---|---|"];
  rows(specJsonSchema() as SchemaNode, "", false, out);
  return out.join("\n") + "\n";
}
