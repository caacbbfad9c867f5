/**
 * A pod under check with every field the controls read in the shape the API schema gives it
 * (objects, lists of objects, lists of strings); a field of another type is dropped. The API
 * server would refuse such an object, so it makes no pod to judge; the audit must still answer
 * on any YAML (src/audit/never-throws.property.test.ts) rather than fail on a stray `volumes: 0`.
 */
import { isRecord, type Json } from "../k8s/json.js";
import type { PodUnderCheck } from "./model.js";

const records = (v: unknown): Json[] | undefined => (Array.isArray(v) ? v.filter(isRecord) : undefined);
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined;

function pick(o: Json, fields: Record<string, (v: unknown) => unknown>): Json {
  const out: Json = { ...o };
  for (const [k, shape] of Object.entries(fields)) {
    if (out[k] === undefined || out[k] === null) continue;
    const v = shape(out[k]);
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

const record = (v: unknown) => (isRecord(v) ? v : undefined);

const securityContext = (v: unknown) =>
  isRecord(v)
    ? pick(v, {
        capabilities: (c) => (isRecord(c) ? pick(c, { add: strings, drop: strings }) : undefined),
        seLinuxOptions: record,
        seccompProfile: record,
        appArmorProfile: record,
        windowsOptions: record,
        sysctls: records,
      })
    : undefined;

const container = (c: Json) => pick(c, { securityContext, ports: records });

export function wellFormedPod(pod: PodUnderCheck): PodUnderCheck {
  const spec = isRecord(pod.spec) ? pod.spec : {};
  const shaped = pick(spec as Json, {
    securityContext,
    volumes: records,
    os: record,
    containers: (v) => records(v)?.map(container),
    initContainers: (v) => records(v)?.map(container),
    ephemeralContainers: (v) => records(v)?.map(container),
  });
  const annotations = isRecord(pod.annotations)
    ? Object.fromEntries(Object.entries(pod.annotations).filter(([, v]) => typeof v === "string"))
    : undefined;
  return {
    ...pod,
    spec: shaped as PodUnderCheck["spec"],
    ...(annotations ? { annotations: annotations as Record<string, string> } : { annotations: undefined }),
  };
}
