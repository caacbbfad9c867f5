/**
 * A pod's monitoring configuration: the main container's flags and env, and the config files it
 * reads from ConfigMaps/Secrets it mounts or imports (grafana.ini, prometheus.yml, alertmanager.yml).
 */
import type { ComponentConfig, ConfigFileRef, ConfigFiles, ConfigKind, MonitoringComponent } from "./model.js";
import { containerWords } from "./component-recognition.js";
import { lastFlag, parseCommandLine } from "./flags.js";
import { mergeGrafanaEnv } from "./grafana-ini.js";
import { asRecord, asRecords, asString, get, type Json } from "../k8s/json.js";

/** Env of a container: literal values as written; references as `ref:secret/<name>/<key>`, `ref:configmap/…`, `ref:field/<path>`. */
export function containerEnv(container: Json, namespace: string, index: ConfigFiles): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of asRecords(container.envFrom)) {
    const prefix = asString(from.prefix) ?? "";
    const cm = asString(get(from, "configMapRef", "name"));
    const secret = asString(get(from, "secretRef", "name"));
    if (cm) for (const [k, v] of Object.entries(index.data("ConfigMap", namespace, cm) ?? {})) env[prefix + k] = v;
    if (secret)
      for (const k of Object.keys(index.data("Secret", namespace, secret) ?? {}))
        env[prefix + k] = `ref:secret/${secret}/${k}`;
  }
  for (const e of asRecords(container.env)) {
    const name = asString(e.name);
    if (!name) continue;
    if (typeof e.value === "string" || typeof e.value === "number" || typeof e.value === "boolean")
      env[name] = String(e.value);
    else if (e.valueFrom !== undefined) {
      const vf = asRecord(e.valueFrom);
      const s = asRecord(vf.secretKeyRef);
      const c = asRecord(vf.configMapKeyRef);
      if (asString(s.name)) env[name] = `ref:secret/${s.name}/${String(s.key)}`;
      else if (asString(c.name)) {
        const literal = index.data("ConfigMap", namespace, c.name as string)?.[String(c.key)];
        env[name] = literal ?? `ref:configmap/${c.name}/${String(c.key)}`;
      } else if (vf.fieldRef !== undefined) env[name] = `ref:field/${String(get(vf, "fieldRef", "fieldPath"))}`;
      else env[name] = "ref:other";
    } else env[name] = "";
  }
  return env;
}

/** ConfigMaps and Secrets a pod mounts or imports, in declaration order. */
export function referencedConfigs(podSpec: Json): Array<{ kind: ConfigKind; name: string }> {
  const out: Array<{ kind: ConfigKind; name: string }> = [];
  for (const v of asRecords(podSpec.volumes)) {
    const cm = asString(get(v, "configMap", "name"));
    const secret = asString(get(v, "secret", "secretName"));
    if (cm) out.push({ kind: "ConfigMap", name: cm });
    if (secret) out.push({ kind: "Secret", name: secret });
    for (const source of asRecords(get(v, "projected", "sources"))) {
      const pcm = asString(get(source, "configMap", "name"));
      const ps = asString(get(source, "secret", "name"));
      if (pcm) out.push({ kind: "ConfigMap", name: pcm });
      if (ps) out.push({ kind: "Secret", name: ps });
    }
  }
  for (const c of [...asRecords(podSpec.containers), ...asRecords(podSpec.initContainers)]) {
    for (const from of asRecords(c.envFrom)) {
      const cm = asString(get(from, "configMapRef", "name"));
      const secret = asString(get(from, "secretRef", "name"));
      if (cm) out.push({ kind: "ConfigMap", name: cm });
      if (secret) out.push({ kind: "Secret", name: secret });
    }
  }
  return out;
}

const basename = (p: string | undefined) => (p ? (p.split("/").at(-1) ?? "") : "");

/** The first key among `names` in the pod's referenced ConfigMaps/Secrets: its text and where it was found. */
function findConfigFile(
  podSpec: Json,
  namespace: string,
  index: ConfigFiles,
  names: string[],
): { text: string; file: ConfigFileRef } | undefined {
  for (const ref of referencedConfigs(podSpec)) {
    const object = index.object(ref.kind, namespace, ref.name);
    if (!object) continue;
    const data = index.dataOf(object);
    for (const key of names) {
      const text = key ? data[key] : undefined;
      if (text !== undefined) return { text, file: { object, key } };
    }
  }
  return undefined;
}

export function podComponentConfig(
  component: MonitoringComponent,
  podSpec: Json,
  containerIndex: number,
  namespace: string,
  index: ConfigFiles,
): ComponentConfig {
  const container = asRecords(podSpec.containers)[containerIndex] ?? {};
  const { flags } = parseCommandLine(containerWords(container));
  const env = containerEnv(container, namespace, index);
  const config: ComponentConfig = { flags, env };
  const files: NonNullable<ComponentConfig["files"]> = {};
  if (component === "grafana") {
    const ini = findConfigFile(podSpec, namespace, index, ["grafana.ini"]);
    config.grafanaIni = mergeGrafanaEnv(ini === undefined ? {} : index.ini(ini.text), env);
    if (ini) files.grafanaIni = ini.file;
  } else if (component === "prometheus") {
    const found = findConfigFile(podSpec, namespace, index, [
      basename(lastFlag(flags, "config.file")),
      "prometheus.yml",
      "prometheus.yaml",
    ]);
    const parsed = found === undefined ? undefined : index.yaml(found.text);
    if (found && parsed) {
      config.prometheusYaml = parsed;
      files.prometheusYaml = found.file;
    }
  } else if (component === "alertmanager") {
    const found = findConfigFile(podSpec, namespace, index, [
      basename(lastFlag(flags, "config.file")),
      "alertmanager.yml",
      "alertmanager.yaml",
    ]);
    const parsed = found === undefined ? undefined : index.yaml(found.text);
    if (found && parsed) {
      config.alertmanagerYaml = parsed;
      files.alertmanagerYaml = found.file;
    }
  } else if (component === "thanos-receive") {
    const inline = lastFlag(flags, "receive.hashrings");
    const file = lastFlag(flags, "receive.hashrings-file");
    const found =
      inline === undefined && file ? findConfigFile(podSpec, namespace, index, [basename(file)]) : undefined;
    const text = inline ?? found?.text;
    if (text !== undefined) config.receiveHashrings = text;
    if (found) files.receiveHashrings = found.file;
  }
  if (Object.keys(files).length > 0) config.files = files;
  return config;
}
