/**
 * The starting point of the Pod Security Standards tests: a Deployment that meets "restricted"
 * (test/fixtures/podsecurity/restricted-deployment.yaml); each test changes one field of a fresh
 * copy and checks what that breaks.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { checkPodSecurity } from "../../src/podsecurity/check-pod-security.js";
import type { PodSecurityLevel } from "../../src/podsecurity/model.js";
import { podsOfObject } from "../../src/podsecurity/pods-of-object.js";

export type Json = Record<string, any>;

export const RESTRICTED_DEPLOYMENT: Json = parse(
  readFileSync(fileURLToPath(new URL("../fixtures/podsecurity/restricted-deployment.yaml", import.meta.url)), "utf8"),
);
/** Where the Deployment keeps its pod spec: the start of most expected paths. */
export const T = "spec.template.spec";

/** The fixture with `edit` applied to its pod template (a fresh copy each time). */
export function deployment(edit: (pod: Json, template: Json) => void = () => {}): Json {
  const d = structuredClone(RESTRICTED_DEPLOYMENT);
  edit(d.spec.template.spec, d.spec.template);
  return d;
}

/** The violations of the Deployment's pod at `level`, without their `expected` text. */
export function violations(d: Json, level: PodSecurityLevel = "restricted") {
  const [pod] = podsOfObject(d);
  if (!pod) throw new Error("no pod");
  return checkPodSecurity(pod, level).map((v) => ({
    control: v.control,
    level: v.level,
    path: v.path,
    found: v.found,
  }));
}

/** Container `i`'s securityContext, created when missing. */
export const sc = (pod: Json, i: number) => (pod.containers[i].securityContext ??= {});
