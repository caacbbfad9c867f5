/**
 * Input that holds nothing to analyse: no Kubernetes object at all (an empty stdin after a failed
 * `helm template`, its error message piped in, a Helm values file), or objects without any
 * monitoring component. An audit or a simulation of nothing would otherwise pass ("✓ HA", exit
 * 0); instead the input is refused, saying what it holds.
 */
import { InputError } from "../errors.js";
import type { Inventory } from "./model.js";
import { looksLikeErrorMessage, parseManifestStream, shorten, type ManifestInput } from "./manifest-documents.js";
import { isRecord } from "../k8s/json.js";

/** Nothing to audit or simulate in the input: exit code 2. */
export class NothingToAnalyseError extends InputError {
  override name = "NothingToAnalyseError";
}

/** What an input without Kubernetes objects holds, in words. */
interface Content {
  /** `file` or `file:line`. */
  where: string;
  found: string;
  hint?: string;
  /** Mappings without apiVersion and kind: configuration, such as a Helm values file. */
  configuration?: boolean;
}

const displayName = (file: string) => (file === "-" ? "stdin" : file);

export function describeContent(input: ManifestInput): Content {
  const file = displayName(input.file);
  if (input.text.trim() === "")
    return input.file === "-"
      ? {
          where: file,
          found: "nothing on stdin",
          hint: "did the command before the pipe fail? helm and kubectl print their errors on stderr",
        }
      : { where: file, found: "an empty file" };
  const error = looksLikeErrorMessage(input.text);
  if (error !== undefined) {
    const line = input.text.slice(0, input.text.indexOf(error)).split("\n").length;
    return {
      where: `${file}:${line}`,
      found: `an error message ("${shorten(error)}")`,
      hint: "fix the command that produced it first",
    };
  }
  const { documents, lineOf } = parseManifestStream(input);
  const first = documents[0];
  if (!first) return { where: file, found: "only comments" };
  const where = `${file}:${lineOf(first.node.range?.[0])}`;
  const value = first.value;
  if (Array.isArray(value)) return { where, found: "a YAML list" };
  if (!isRecord(value)) return { where, found: `plain text ("${shorten(String(value))}")` };
  if (typeof value.kind === "string" && value.kind !== "" && Array.isArray(value.items))
    return {
      where,
      found: value.items.length === 0 ? `a ${value.kind} with no items` : `a ${value.kind} whose items are not objects`,
    };
  const keys = Object.keys(value);
  return {
    where,
    found: `YAML without apiVersion and kind, with keys ${keys.slice(0, 4).join(", ")}${keys.length > 4 ? ", …" : ""}`,
    configuration: true,
  };
}

const HELM_VALUES_HINT = "a Helm values file? Render the chart with `helm template` and read its output";

/** Refuses an inventory with no Kubernetes object, describing what each input holds instead. */
export function requireKubernetesObjects(
  inventory: Inventory,
  inputs: ReadonlyArray<ManifestInput>,
  verb: "audit" | "analyse",
): void {
  if (inventory.objects.length > 0) return;
  const expected = "expected Kubernetes objects (YAML or JSON with apiVersion and kind)";
  if (inputs.length === 1) {
    const c = describeContent(inputs[0]!);
    const hint = c.configuration ? HELM_VALUES_HINT : c.hint;
    throw new NothingToAnalyseError(
      `${c.where}: nothing to ${verb}: found ${c.found}, ${expected}${hint ? `; ${hint}` : ""}`,
    );
  }
  const shown = inputs.slice(0, 3).map((i) => {
    const c = describeContent(i);
    return `${c.where} (${c.found})`;
  });
  const more = inputs.length > 3 ? ` and ${inputs.length - 3} more` : "";
  throw new NothingToAnalyseError(
    `nothing to ${verb}: no Kubernetes object in ${inputs.length} inputs: ${shown.join(", ")}${more}; ${expected}`,
  );
}

/** The components hamon analyses, as a person names them. */
const MONITORING_COMPONENTS = "Prometheus, Alertmanager, Thanos, Grafana, or Grafana's PostgreSQL and Redis";

/**
 * When the inventory holds no monitoring component: one line saying so, what it holds instead and
 * how components are recognised. Undefined when there is a component.
 */
export function noMonitoringComponent(inventory: Inventory, inputsName: string): string | undefined {
  if (inventory.podGroups.some((g) => g.component !== "other")) return undefined;
  const kinds = new Map<string, number>();
  for (const o of inventory.objects) kinds.set(o.ref.kind, (kinds.get(o.ref.kind) ?? 0) + 1);
  const top = [...kinds]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([kind, n]) => (n > 1 ? `${kind} ×${n}` : kind));
  const n = inventory.objects.length;
  const holds = `${n} object${n === 1 ? "" : "s"}: ${top.slice(0, 4).join(", ")}${top.length > 4 ? ", …" : ""}`;
  return (
    `no monitoring component found in ${inputsName} (${MONITORING_COMPONENTS}; ` +
    `recognised by image name or the hamon.io/component label), only ${holds}`
  );
}
