/**
 * Thanos components that read or write the bucket → object storage
 * (thanos.io/tip/thanos/storage.md): a Prometheus CR's sidecar with
 * `spec.thanos.objectStorageConfig` (or `…File`), a ThanosRuler CR with `objectStorageConfig`,
 * and any container run with `--objstore.config` or `--objstore.config-file` (Store Gateway,
 * Compactor, Ruler, Receive, a sidecar container). The destination is the bucket's `endpoint`
 * when the configuration can be read (inline, or the Secret/ConfigMap key it names or mounts)
 * and names a Service of the input (an in-cluster MinIO); otherwise object storage outside the
 * cluster, on the endpoint's port, or 443 (80 with `insecure: true`). And CloudNativePG Clusters
 * that archive to, or restore from, an ObjectStore of the Barman Cloud plugin.
 */
import { containerWords } from "../../inventory/component-recognition.js";
import { configFilesOf } from "../../inventory/config-index.js";
import { parseCommandLine } from "../../inventory/flags.js";
import type { Inventory, PodGroup } from "../../inventory/model.js";
import { asRecord, asRecords, asString, get, isRecord } from "../../k8s/json.js";
import type { FlowContext, RequiredFlow } from "./model.js";
import { OUTSIDE } from "./outside-addresses.js";
import { resolveAddress, type ServiceView } from "./services.js";
import { parseTargetAddress } from "./target-address.js";
import { atIp, flowsToResolution, originName, podOf } from "./_build.js";
import {
  BARMAN_CLOUD_PLUGIN,
  OBJECT_STORE_API_VERSION,
  OBJECT_STORE_KIND,
  OBJECT_STORE_PARAMETER,
} from "../../upstream/barman-cloud.js";

function configData(
  inv: Inventory,
  kind: "Secret" | "ConfigMap",
  namespace: string,
  name: string,
  key: string,
): string | undefined {
  return configFilesOf(inv).data(kind, namespace, name)?.[key];
}

/** The objstore config text of a container run with `--objstore.config-file`: the mounted Secret/ConfigMap key. */
function mountedFile(
  inv: Inventory,
  g: PodGroup,
  container: Record<string, unknown>,
  file: string,
): string | undefined {
  const spec = asRecord(g.template.spec);
  let best: { path: string; volume: string; subPath?: string } | undefined;
  for (const m of asRecords(container.volumeMounts)) {
    const path = asString(m.mountPath);
    const volume = asString(m.name);
    if (
      path &&
      volume &&
      (file === path || file.startsWith(path.replace(/\/$/, "") + "/")) &&
      (!best || path.length > best.path.length)
    )
      best = { path, volume, ...(asString(m.subPath) ? { subPath: m.subPath as string } : {}) };
  }
  if (!best) return undefined;
  const v = asRecords(spec.volumes).find((x) => x.name === best?.volume);
  const key = best.subPath ?? file.slice(best.path.replace(/\/$/, "").length + 1);
  const secret = asString(get(v, "secret", "secretName"));
  const cm = asString(get(v, "configMap", "name"));
  if (secret) return configData(inv, "Secret", g.namespace, secret, key);
  if (cm) return configData(inv, "ConfigMap", g.namespace, cm, key);
  return undefined;
}

/**
 * Flows from `g`'s pods to a bucket at `endpoint`: to the Service it names (an in-cluster MinIO),
 * else outside the cluster on its port; without an endpoint, outside on `defaultPort`.
 */
function endpointFlows(
  ctx: FlowContext,
  services: ServiceView[],
  g: PodGroup,
  endpoint: string | undefined,
  defaultPort: number,
  why: string,
): RequiredFlow[] {
  const from = podOf(ctx, g);
  let port = defaultPort;
  if (endpoint) {
    const a = parseTargetAddress(endpoint);
    if (a) {
      const res = resolveAddress(a.port === undefined ? { ...a, port } : a, g.namespace, services, ctx.cluster);
      if (res.kind !== "unresolved") return flowsToResolution(from, res, `${why}, endpoint ${endpoint}`, g.owner);
      port = a.port ?? port;
    }
  }
  return [
    {
      from: { kind: "pod", pod: from },
      to: atIp(OUTSIDE.objectStorage.ip),
      port,
      protocol: "TCP",
      why,
      origin: g.owner,
    },
  ];
}

function bucketFlows(
  inv: Inventory,
  ctx: FlowContext,
  services: ServiceView[],
  g: PodGroup,
  text: string | undefined,
  why: string,
): RequiredFlow[] {
  const config = text === undefined ? undefined : asRecord(configFilesOf(inv).yaml(text)?.config);
  const insecure = config?.insecure === true;
  return endpointFlows(ctx, services, g, asString(config?.endpoint), insecure ? 80 : 443, why);
}

/**
 * A CloudNativePG Cluster using the Barman Cloud plugin (src/upstream/barman-cloud.ts) → the
 * object storage of each ObjectStore it names: as WAL archiver (`spec.plugins[]`) and as restore
 * source (`spec.externalClusters[].plugin`). The plugin's sidecar in each instance pod uploads
 * and downloads; the destination is the ObjectStore's `endpointURL` when set, else the provider's
 * HTTPS endpoint outside the cluster (443).
 */
function barmanCloudFlows(inv: Inventory, ctx: FlowContext, services: ServiceView[], g: PodGroup): RequiredFlow[] {
  const cr = g.config.crSpec ?? {};
  const uses = [
    ...asRecords(cr.plugins).map((p) => ({ plugin: p, field: "spec.plugins" })),
    ...asRecords(cr.externalClusters).map((e) => ({ plugin: asRecord(e.plugin), field: "spec.externalClusters" })),
  ].filter((u) => u.plugin.name === BARMAN_CLOUD_PLUGIN);
  const out: RequiredFlow[] = [];
  const seen = new Set<string>();
  for (const { plugin, field } of uses) {
    const storeName = asString(get(plugin, "parameters", OBJECT_STORE_PARAMETER));
    if (storeName === undefined || seen.has(storeName)) continue;
    seen.add(storeName);
    const store = inv.objects.find(
      (o) =>
        o.ref.kind === OBJECT_STORE_KIND &&
        o.ref.apiVersion === OBJECT_STORE_API_VERSION &&
        o.ref.name === storeName &&
        (o.ref.namespace ?? g.namespace) === g.namespace,
    );
    const endpoint = asString(get(store?.raw, "spec", "configuration", "endpointURL"));
    out.push(
      ...endpointFlows(
        ctx,
        services,
        g,
        endpoint,
        443,
        `object storage: ${originName(g)} ${field} Barman Cloud plugin (ObjectStore ${storeName})`,
      ),
    );
  }
  return out;
}

export function objectStorageFlows(inv: Inventory, ctx: FlowContext, services: ServiceView[]): RequiredFlow[] {
  const out: RequiredFlow[] = [];
  for (const g of inv.podGroups) {
    const name = originName(g);
    const cr = g.config.crSpec;
    const kind = g.owner.ref.kind;
    if (kind === "Cluster" && g.component === "postgresql") {
      out.push(...barmanCloudFlows(inv, ctx, services, g));
      continue;
    }
    if (cr && (kind === "Prometheus" || kind === "ThanosRuler")) {
      const holder = kind === "Prometheus" ? asRecord(cr.thanos) : cr;
      const ref = holder.objectStorageConfig;
      const field = kind === "Prometheus" ? "spec.thanos.objectStorageConfig" : "spec.objectStorageConfig";
      if (isRecord(ref) && asString(ref.name) && asString(ref.key)) {
        out.push(
          ...bucketFlows(
            inv,
            ctx,
            services,
            g,
            configData(inv, "Secret", g.namespace, ref.name as string, ref.key as string),
            `object storage: ${name} ${field} (Secret ${String(ref.name)})`,
          ),
        );
      } else if (asString(holder.objectStorageConfigFile)) {
        out.push(...bucketFlows(inv, ctx, services, g, undefined, `object storage: ${name} ${field}File`));
      }
      continue;
    }
    for (const c of asRecords(asRecord(g.template.spec).containers)) {
      const { flags } = parseCommandLine(containerWords(c));
      const inline = flags["objstore.config"]?.at(-1);
      const file = flags["objstore.config-file"]?.at(-1);
      if (inline !== undefined)
        out.push(
          ...bucketFlows(
            inv,
            ctx,
            services,
            g,
            inline,
            `object storage: ${name} container ${String(c.name)} --objstore.config`,
          ),
        );
      else if (file !== undefined)
        out.push(
          ...bucketFlows(
            inv,
            ctx,
            services,
            g,
            mountedFile(inv, g, c, file),
            `object storage: ${name} container ${String(c.name)} --objstore.config-file=${file}`,
          ),
        );
    }
  }
  return out;
}
