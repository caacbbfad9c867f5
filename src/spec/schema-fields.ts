/**
 * The spec's field types, shared by its sections (schema.ts and schema-*.ts): durations,
 * quantities and names parsed and checked as the Kubernetes API would, with messages that say what
 * was expected.
 */
import * as z from "zod";
import {
  configMapKeyProblems,
  dns1123LabelProblems,
  dns1123SubdomainProblems,
  JSON_SCHEMA,
  labelValueProblems,
  qualifiedNameProblems,
} from "../k8s/name-validation.js";
import { Duration } from "../units/duration.js";
import { Quantity } from "../units/quantity.js";
import { NAMESPACE_NAME_LABEL } from "../k8s/well-known-labels.js";
import { MAX_NODE_CPU, MAX_NODE_MEMORY_BYTES, MAX_VOLUME_BYTES } from "./limits.js";

export const DURATION_SYNTAX = "a duration such as 30s, 15d or 1h30m (units y w d h m s ms)";

export const durationText = (example: string) =>
  z
    .string()
    .transform((text, ctx) => {
      let d: Duration;
      try {
        d = Duration.parse(text);
      } catch {
        ctx.addIssue({ code: "custom", message: DURATION_SYNTAX, input: text });
        return z.NEVER;
      }
      if (d.milliseconds > Duration.LONGEST_PARSEABLE_MS) {
        ctx.addIssue({
          code: "custom",
          message: `a duration of at most 292y, the longest Prometheus and Thanos can parse (longer ones fail with "duration out of range")`,
          input: text,
        });
        return z.NEVER;
      }
      return d;
    })
    .meta({ examples: [example] });

/** What a quantity measures, its bounds, and how to print the bound back. */
interface QuantityKind {
  what: string;
  examples: string;
  max: number;
  print: (q: Quantity) => string;
}
export const CPU: QuantityKind = {
  what: "a CPU quantity",
  examples: "500m or 2",
  max: MAX_NODE_CPU,
  print: (q) => q.toCpuString(),
};
export const MEMORY: QuantityKind = {
  what: "a memory quantity",
  examples: "512Mi or 32Gi",
  max: MAX_NODE_MEMORY_BYTES,
  print: (q) => q.toBytesString(),
};
export const STORAGE: QuantityKind = {
  what: "a volume size",
  examples: "10Gi or 1Ti",
  max: MAX_VOLUME_BYTES,
  print: (q) => q.toBytesString(),
};

export const quantityText = (example: string, kind: QuantityKind) =>
  z
    .union([z.string(), z.number()])
    .transform((text, ctx) => {
      let q: Quantity;
      try {
        q = Quantity.parse(text);
      } catch {
        ctx.addIssue({
          code: "custom",
          message: `${kind.what} such as ${kind.examples} (Kubernetes suffixes m k M G T Ki Mi Gi Ti)`,
          input: text,
        });
        return z.NEVER;
      }
      if (!(q.value > 0) || q.value > kind.max) {
        ctx.addIssue({
          code: "custom",
          message: `${kind.what} greater than 0 and at most ${kind.print(Quantity.of(kind.max))}`,
          input: text,
        });
        return z.NEVER;
      }
      return q;
    })
    .meta({ examples: [example] });

/**
 * A string the Kubernetes API server validates (a name, a label key or value): one issue that
 * says what kind of value it must be and what is wrong with it (src/k8s/name-validation.ts).
 * `pattern` and `maxLength` go to the JSON Schema for editors.
 */
export const apiString = (
  what: string,
  problems: (v: string) => string[],
  json: { readonly pattern?: string; readonly minLength?: number; readonly maxLength?: number },
) =>
  z
    .string()
    .superRefine((value, ctx) => {
      const found = problems(value);
      if (found.length > 0) ctx.addIssue({ code: "custom", message: `${what}: ${found.join("; ")}`, input: value });
    })
    .meta(json);

/** RFC 1123 label, as Kubernetes requires for namespaces and names that become DNS labels. */
export const dnsLabel = (what: string) =>
  apiString(`${what} (a DNS-1123 label)`, dns1123LabelProblems, JSON_SCHEMA.dns1123Label);
/** RFC 1123 subdomain, as Kubernetes requires for the names of Secrets and most other objects. */
export const secretName = apiString(
  "a Secret name (a DNS-1123 subdomain)",
  dns1123SubdomainProblems,
  JSON_SCHEMA.dns1123Subdomain,
);
export const labelKey = (what: string) =>
  apiString(`${what} (a Kubernetes label key: [prefix/]name)`, qualifiedNameProblems, JSON_SCHEMA.qualifiedName);
export const labelValue = (what: string) =>
  apiString(`${what} (a Kubernetes label value)`, labelValueProblems, JSON_SCHEMA.labelValue);

/** An image tag as the OCI distribution spec allows it: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}` (distribution/reference regexp.go). */
export const imageTag = (def: string, description: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, {
      message: "an image tag: letters, digits, '_', '.' and '-', at most 128 characters, not starting with '.' or '-'",
    })
    .default(def)
    .describe(description);

export const imageVersion = (def: string, what: string) =>
  z
    .string()
    .regex(/^v?[0-9][0-9A-Za-z._-]{0,126}$/, {
      message: "a release tag such as v1.2.3 (a digit, then letters, digits, '.', '_' and '-'; an optional leading v)",
    })
    .default(def)
    .describe(`${what} release tag. Default ${def}.`);

export const resourcesOverride = z
  .strictObject({
    cpu: quantityText("2", CPU)
      .optional()
      .describe("CPU request (no CPU limit is set: throttling stalls scrapes and gossip). Default: from sizing."),
    memory: quantityText("8Gi", MEMORY).optional().describe("Memory request and limit. Default: from sizing."),
  })
  .describe("Override the sized resources of each pod of this component.");

export const taint = z.strictObject({
  // A taint's key and value follow label key and value syntax (kubernetes pkg/apis/core/validation/validation.go, validateNodeTaints).
  key: labelKey("a taint key").default("hamon.io/dedicated"),
  value: labelValue("a taint value").default("monitoring"),
  effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]).default("NoSchedule"),
});

export const replicas = (min: number, def: number, why: string) =>
  z.number().int().min(min).max(50).default(def).describe(`${why} At least ${min}. Default ${def}.`);

/**
 * How a component's replicas spread over zones (render/scheduling.ts zoneSpreadConstraint):
 * required where the data is on a zonal volume (the pod cannot leave its zone anyway), preferred
 * for stateless ones (a hard rule could leave a pod Pending while another zone has room).
 */
export const zoneSpread = (def: "required" | "preferred", why: string) =>
  z
    .enum(["required", "preferred"])
    .default(def)
    .describe(
      `Zone spread of the replicas: required (topologySpreadConstraint DoNotSchedule: never two in one zone while another zone is empty; a pod stays Pending when the zone it needs is full) or preferred (ScheduleAnyway: spread when the scheduler can). ${why} Default ${def}.`,
    );

export const labelMap = (what: string) =>
  z.record(labelKey(`a ${what} label key`), labelValue(`a ${what} label value`));

/** Which monitors of a kind Prometheus selects: by their labels and their namespace's labels; `{}` selects all. */
export const monitorSelection = (kind: string) =>
  z
    .strictObject({
      labels: labelMap("monitor")
        .default({})
        .describe(`Labels the ${kind} must carry; {} selects every one. Default {}.`),
      namespaceLabels: labelMap("namespace")
        // hamon adds these labels to the namespaces it renders (render/monitor-selection.ts); the
        // API server sets kubernetes.io/metadata.name to each namespace's own name.
        .refine((labels) => !(NAMESPACE_NAME_LABEL in labels), {
          message: `labels you put on namespaces yourself, not ${NAMESPACE_NAME_LABEL}: hamon adds them to its own namespaces too, and the API server sets that one to each namespace's name`,
        })
        .default({})
        .describe(
          `Labels of the namespaces whose ${kind} are selected; hamon's own namespaces get them too. {} selects every namespace. Default {}.`,
        ),
    })
    .prefault({})
    .describe(`Your ${kind}: the Prometheus CR's selectors.`);

/** An http or https URL with a host; `example` is the one the error message shows. */
export const httpUrlText = (example: string) =>
  z.string().refine(
    (text) => {
      try {
        const u = new URL(text);
        return (u.protocol === "https:" || u.protocol === "http:") && u.hostname !== "";
      } catch {
        return false;
      }
    },
    { message: `an http or https URL such as ${example}` },
  );

/** An http(s) URL, as Alertmanager's `<url>` fields take it. */
export const httpUrl = httpUrlText("https://example.com/ping").meta({
  examples: ["https://api.opsgenie.com/v2/heartbeats/prod-eu/ping"],
});

/** A share in percent, strictly between 0 and 100. */
export const percent = (def: number, description: string) =>
  z.number().gt(0).lt(100).default(def).describe(`${description} Default ${def}.`);

/** A key of a Secret's data, by reference. */
export const secretDataKey = (def: string) =>
  apiString("a key of a Secret's data", configMapKeyProblems, JSON_SCHEMA.configMapKey)
    .default(def)
    .describe(`Key of that Secret. Default ${def}.`);
