/**
 * Which monitoring component a pod is: hamon's `hamon.io/component` label when present, otherwise
 * the image name (the last path segment, without tag or digest) or the binary, and for Thanos the
 * subcommand (`thanos query`, `thanos store`, …; thanos.io/tip/components/*). Exporters, reloaders
 * and renderers beside a component are not the component.
 */
import type { MonitoringComponent } from "./model.js";
import { parseCommandLine } from "./flags.js";
import { COMPONENT_LABEL, STACK_COMPONENTS } from "../vocabulary.js";
import { asArray, asString, type Json } from "../k8s/json.js";

/** Values of hamon's component label that name a component (the stack's, and the Thanos ones hamon does not render). */
const KNOWN: ReadonlySet<string> = new Set<MonitoringComponent>([
  ...STACK_COMPONENTS,
  "thanos-sidecar",
  "thanos-receive",
]);

/** `quay.io/prometheus/alertmanager:v0.27.0@sha256:…` → `alertmanager`. */
export function imageName(image: string): string {
  const noDigest = image.split("@")[0] ?? "";
  const last = noDigest.split("/").at(-1) ?? "";
  return (last.split(":")[0] ?? "").toLowerCase();
}

const BY_IMAGE: Record<string, MonitoringComponent> = {
  prometheus: "prometheus",
  alertmanager: "alertmanager",
  "prometheus-alertmanager": "alertmanager",
  grafana: "grafana",
  "grafana-oss": "grafana",
  "grafana-enterprise": "grafana",
  postgres: "postgresql",
  postgresql: "postgresql",
  "postgresql-repmgr": "postgresql",
  spilo: "postgresql",
  redis: "redis",
  "redis-stack-server": "redis",
  valkey: "redis",
};

/** Thanos subcommands (thanos --help) → component. */
const THANOS_SUBCOMMANDS: Record<string, MonitoringComponent> = {
  query: "thanos-query",
  querier: "thanos-query",
  "query-frontend": "thanos-query-frontend",
  store: "thanos-store",
  compact: "thanos-compact",
  sidecar: "thanos-sidecar",
  rule: "thanos-ruler",
  receive: "thanos-receive",
};

export function containerWords(container: Json): unknown[] {
  return [...asArray(container.command), ...asArray(container.args)];
}

export function recognizeContainer(container: Json): MonitoringComponent {
  const image = imageName(asString(container.image) ?? "");
  const words = containerWords(container);
  const binary = imageName(String(words[0] ?? "").replace(/^.*\//, ""));
  if (image === "thanos" || binary === "thanos") {
    const { positionals } = parseCommandLine(words);
    for (const p of positionals) {
      const c = THANOS_SUBCOMMANDS[p];
      if (c) return c;
    }
    return "other";
  }
  // No image (a kustomize base or a Helm template that sets it elsewhere) and no command: the
  // Thanos image's entrypoint is `thanos`, so args starting with its subcommand and carrying a
  // Thanos-only flag are that component.
  if (image === "" && typeof words[0] === "string" && THANOS_SUBCOMMANDS[words[0]] && hasThanosFlag(words)) {
    return THANOS_SUBCOMMANDS[words[0]] ?? "other";
  }
  return BY_IMAGE[image] ?? BY_IMAGE[binary] ?? "other";
}

/** Flags only Thanos takes (thanos.io/tip/components/*: every component has --objstore.* or a StoreAPI/gRPC flag). */
const THANOS_FLAG =
  /^--(objstore\.|grpc-address|http-address|receive\.|store[.=]|endpoint|query\.|label[.=]|tsdb\.|data-dir|alertmanagers\.|rule-file|eval-interval|retention\.)/;

function hasThanosFlag(words: unknown[]): boolean {
  return words.some((w) => typeof w === "string" && THANOS_FLAG.test(w));
}

/** Higher wins when a pod holds several: a Prometheus pod with a Thanos sidecar is Prometheus. */
const PRECEDENCE: MonitoringComponent[] = [
  "prometheus",
  "alertmanager",
  "thanos-ruler",
  "thanos-receive",
  "thanos-query",
  "thanos-query-frontend",
  "thanos-store",
  "thanos-compact",
  "grafana",
  "postgresql",
  "redis",
  "thanos-sidecar",
];

export interface Recognition {
  component: MonitoringComponent;
  /** Index of the container the component runs in (0 when none matched). */
  containerIndex: number;
}

export function recognizePod(labels: Record<string, string>, containers: Json[]): Recognition {
  const perContainer = containers.map(recognizeContainer);
  const labelled = labels[COMPONENT_LABEL];
  if (labelled !== undefined && KNOWN.has(labelled)) {
    const component = labelled as MonitoringComponent;
    const i = perContainer.indexOf(component);
    return { component, containerIndex: i >= 0 ? i : 0 };
  }
  for (const c of PRECEDENCE) {
    const i = perContainer.indexOf(c);
    if (i >= 0) return { component: c, containerIndex: i };
  }
  return { component: "other", containerIndex: 0 };
}
