/**
 * The hamon spec (`hamon.yaml`): one zod schema, every default in it, once.
 *
 * The `.describe()` texts are the documentation: they flow into the JSON Schema that editors
 * use (`hamon schema`) and into docs/spec-reference.md. Durations, quantities and
 * addresses are parsed here, at the edge, into `Duration`, `Quantity` and `HostPort` values.
 *
 * Custom issue messages say what was expected, without a leading "expected" (load.ts prints
 * "found …; expected <message>").
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
import { HostPort } from "./host-port.js";
import { DEFAULT_PORTS } from "../upstream/ports.js";
import { VERSIONS } from "../upstream/versions.js";
import {
  CREDENTIAL_KEYS,
  isBackupSchedule,
  objectStoreProvider,
  RETENTION_POLICY_PATTERN,
} from "../upstream/barman-cloud.js";
import { RESERVED_RECEIVERS } from "../vocabulary.js";
import { COREDNS_METRICS } from "../upstream/cluster-targets.js";
import { NAMESPACE_NAME_LABEL } from "../k8s/well-known-labels.js";
import {
  CLUSTER_NAMESPACES,
  MAX_NODE_CPU,
  MAX_NODE_MEMORY_BYTES,
  MAX_VOLUME_BYTES,
  RESERVED_NAMESPACE_PREFIX,
} from "./limits.js";

const DURATION_SYNTAX = "a duration such as 30s, 15d or 1h30m (units y w d h m s ms)";

const durationText = (example: string) =>
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
const CPU: QuantityKind = {
  what: "a CPU quantity",
  examples: "500m or 2",
  max: MAX_NODE_CPU,
  print: (q) => q.toCpuString(),
};
const MEMORY: QuantityKind = {
  what: "a memory quantity",
  examples: "512Mi or 32Gi",
  max: MAX_NODE_MEMORY_BYTES,
  print: (q) => q.toBytesString(),
};
const STORAGE: QuantityKind = {
  what: "a volume size",
  examples: "10Gi or 1Ti",
  max: MAX_VOLUME_BYTES,
  print: (q) => q.toBytesString(),
};

const quantityText = (example: string, kind: QuantityKind) =>
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
const apiString = (
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
const dnsLabel = (what: string) =>
  apiString(`${what} (a DNS-1123 label)`, dns1123LabelProblems, JSON_SCHEMA.dns1123Label);
/** RFC 1123 subdomain, as Kubernetes requires for the names of Secrets and most other objects. */
const secretName = apiString(
  "a Secret name (a DNS-1123 subdomain)",
  dns1123SubdomainProblems,
  JSON_SCHEMA.dns1123Subdomain,
);
const labelKey = (what: string) =>
  apiString(`${what} (a Kubernetes label key: [prefix/]name)`, qualifiedNameProblems, JSON_SCHEMA.qualifiedName);
const labelValue = (what: string) =>
  apiString(`${what} (a Kubernetes label value)`, labelValueProblems, JSON_SCHEMA.labelValue);

/** An image tag as the OCI distribution spec allows it: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}` (distribution/reference regexp.go). */
const imageTag = (def: string, description: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, {
      message: "an image tag: letters, digits, '_', '.' and '-', at most 128 characters, not starting with '.' or '-'",
    })
    .default(def)
    .describe(description);

const imageVersion = (def: string, what: string) =>
  z
    .string()
    .regex(/^v?[0-9][0-9A-Za-z._-]{0,126}$/, {
      message: "a release tag such as v1.2.3 (a digit, then letters, digits, '.', '_' and '-'; an optional leading v)",
    })
    .default(def)
    .describe(`${what} release tag. Default ${def}.`);

const resourcesOverride = z
  .strictObject({
    cpu: quantityText("2", CPU)
      .optional()
      .describe("CPU request (no CPU limit is set: throttling stalls scrapes and gossip). Default: from sizing."),
    memory: quantityText("8Gi", MEMORY).optional().describe("Memory request and limit. Default: from sizing."),
  })
  .describe("Override the sized resources of each pod of this component.");

const taint = z.strictObject({
  // A taint's key and value follow label key and value syntax (kubernetes pkg/apis/core/validation/validation.go, validateNodeTaints).
  key: labelKey("a taint key").default("hamon.io/dedicated"),
  value: labelValue("a taint value").default("monitoring"),
  effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]).default("NoSchedule"),
});

const replicas = (min: number, def: number, why: string) =>
  z.number().int().min(min).max(50).default(def).describe(`${why} At least ${min}. Default ${def}.`);

/**
 * How a component's replicas spread over zones (render/scheduling.ts zoneSpreadConstraint):
 * required where the data is on a zonal volume (the pod cannot leave its zone anyway), preferred
 * for stateless ones (a hard rule could leave a pod Pending while another zone has room).
 */
const zoneSpread = (def: "required" | "preferred", why: string) =>
  z
    .enum(["required", "preferred"])
    .default(def)
    .describe(
      `Zone spread of the replicas: required (topologySpreadConstraint DoNotSchedule: never two in one zone while another zone is empty; a pod stays Pending when the zone it needs is full) or preferred (ScheduleAnyway: spread when the scheduler can). ${why} Default ${def}.`,
    );

const labelMap = (what: string) => z.record(labelKey(`a ${what} label key`), labelValue(`a ${what} label value`));

/** Which monitors of a kind Prometheus selects: by their labels and their namespace's labels; `{}` selects all. */
const monitorSelection = (kind: string) =>
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

/** Backups of the CloudNativePG database to object storage, through the Barman Cloud plugin (src/upstream/barman-cloud.ts). */
export const databaseBackup = z
  .strictObject({
    destinationPath: z
      .string()
      .refine((p) => objectStoreProvider(p) !== undefined, {
        message:
          "an object storage path: s3://bucket/path (S3 or S3-compatible), gs://bucket/path (Google Cloud Storage) or https://<account>.blob.core.windows.net/<container>/path (Azure)",
      })
      .meta({ examples: ["s3://prod-eu-grafana-backups/grafana-db"] })
      .describe(
        "Where base backups and the WAL archive go. Use a bucket or folder of its own: the retention deletes what is older there.",
      ),
    endpointURL: z
      .string()
      .refine(
        (text) => {
          try {
            const u = new URL(text);
            return (u.protocol === "https:" || u.protocol === "http:") && u.hostname !== "";
          } catch {
            return false;
          }
        },
        { message: "an http or https URL such as https://minio.example.com:9000" },
      )
      .optional()
      .describe(
        "Endpoint of an S3-compatible store (MinIO, Ceph, R2, …); its port is the one the NetworkPolicies open. Default: the provider's own endpoint, on 443.",
      ),
    secretName: secretName.describe(
      `Secret you create in the stack's namespace with the object storage credentials, by destination: s3:// keys ${Object.keys(CREDENTIAL_KEYS.s3).join(", ")}; gs:// key ${Object.keys(CREDENTIAL_KEYS.google).join(", ")}; Azure key ${Object.keys(CREDENTIAL_KEYS.azure).join(", ")}. hamon only references it.`,
    ),
    schedule: z
      .string()
      .refine(isBackupSchedule, {
        message:
          'a six-field cron schedule with seconds first, such as "0 0 3 * * *" (03:00 every day), or @daily: CloudNativePG\'s ScheduledBackup format, not the five-field crontab one',
      })
      .default("0 0 3 * * *")
      .describe('When base backups run (cron with seconds first, in UTC). Default "0 0 3 * * *": daily at 03:00.'),
    retention: z
      .string()
      .regex(RETENTION_POLICY_PATTERN, {
        message: "a retention such as 30d, 8w or 6m (a whole number of days, weeks or months)",
      })
      .default("30d")
      .describe(
        "How far back a restore can go: base backups and WAL older than the newest backup needed for this window are deleted. Default 30d.",
      ),
    serverName: dnsLabel("a server name")
      .optional()
      .describe(
        "Folder of this Cluster's WAL archive and base backups under destinationPath. Default: the Cluster's name (grafana-db). Give a new one with restoreFrom: barman-cloud archives only into a folder that holds no archive yet.",
      ),
    restoreFrom: dnsLabel("a server name")
      .optional()
      .describe(
        "Restore: create the Cluster from the backups under this server name (e.g. grafana-db), replaying its WAL archive to the end, instead of an empty database. Read only when the Cluster is created (docs/backups.md). Default: none.",
      ),
  })
  .superRefine((b, ctx) => {
    if (b.restoreFrom !== undefined && (b.serverName === undefined || b.serverName === b.restoreFrom))
      ctx.addIssue({
        code: "custom",
        path: ["serverName"],
        message: `a server name other than restoreFrom's "${b.restoreFrom}": the restored Cluster archives its WAL there, and barman-cloud refuses a folder that already holds an archive`,
        input: b.serverName,
      });
  })
  .describe(
    "Continuous backups of Grafana's database (WAL archiving plus scheduled base backups) to object storage through CloudNativePG's Barman Cloud plugin; restore: docs/backups.md. Default: none.",
  );

export const cloudNativePgDatabase = z.strictObject({
  type: z.literal("cloudnativepg").describe("A CloudNativePG `Cluster` rendered with the stack."),
  instances: replicas(
    2,
    3,
    "PostgreSQL instances (one primary, the rest streaming replicas), spread one per zone, so at most one per zone. With 2, a zone loss leaves the primary or a promoted replica alone, without a standby until the zone returns.",
  ),
  storageSize: quantityText("10Gi", STORAGE).prefault("10Gi").describe("Volume per instance. Default 10Gi."),
  imageTag: imageTag(
    VERSIONS.postgresql.tag,
    `PostgreSQL image tag of ${VERSIONS.postgresql.image}. Default ${VERSIONS.postgresql.tag} (docs/versions.md).`,
  ),
  backup: databaseBackup.optional(),
});

/**
 * The database engines Grafana HA supports besides SQLite, and each one's default port
 * (grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#database: `type` is mysql,
 * postgres or sqlite3; `host` defaults to port 3306 for MySQL and 5432 for PostgreSQL).
 */
export const DATABASE_ENGINES = { postgres: DEFAULT_PORTS.postgres, mysql: DEFAULT_PORTS.mysql } as const;

export const externalDatabase = z
  .strictObject({
    type: z.literal("external").describe("A PostgreSQL or MySQL server that you run elsewhere, by reference."),
    engine: z
      .enum(["postgres", "mysql"])
      .default("postgres")
      .describe("postgres or mysql, the two shared databases Grafana HA supports. Default postgres."),
    host: z
      .string()
      .meta({ examples: ["postgres.example.com:5432"] })
      .describe(
        `hostname[:port] of the database server; port ${DEFAULT_PORTS.postgres} (postgres) or ${DEFAULT_PORTS.mysql} (mysql) when left out. Grafana connects to it and the NetworkPolicies allow exactly that port.`,
      ),
    name: z.string().min(1).default("grafana").describe("Database name. Default grafana."),
    secretName: secretName.describe("Secret with keys `username` and `password` for Grafana's database user."),
    sslMode: z
      .enum(["disable", "require", "verify-full"])
      .default("require")
      .describe(
        "disable, require (encrypted, the server's certificate not checked) or verify-full (encrypted and checked against `caSecret`, or the image's CAs). For mysql hamon writes Grafana's equivalents false, skip-verify and true. Default require.",
      ),
    caSecret: z
      .strictObject({
        secretName: secretName.describe(
          "Secret holding the CA certificate that signed the database server's certificate.",
        ),
        key: apiString("a key of a Secret's data", configMapKeyProblems, JSON_SCHEMA.configMapKey)
          .default("ca.crt")
          .describe("Key of the PEM CA certificate. Default ca.crt."),
      })
      .optional()
      .describe(
        "CA certificate for sslMode verify-full, by reference: mounted read-only in Grafana and given as `[database] ca_cert_path`. Default: none (the image's CAs).",
      ),
  })
  // The host's port defaults to its engine's, so the address is checked with the engine known.
  .superRefine((db, ctx) => {
    let address: HostPort;
    try {
      address = HostPort.parse(db.host, DATABASE_ENGINES[db.engine]);
    } catch (e) {
      ctx.addIssue({ code: "custom", path: ["host"], message: (e as RangeError).message, input: db.host });
      return;
    }
    if (address.isLoopback()) {
      ctx.addIssue({
        code: "custom",
        path: ["host"],
        message:
          "the address of a server every Grafana replica shares: a loopback address (localhost, 127.x, ::1) is inside each Grafana pod, so each replica would keep its own users, dashboards and alert rules",
        input: db.host,
      });
    }
  });

/** Grafana's shared database, with the external server's address parsed for its engine's default port. */
const grafanaDatabase = z
  .discriminatedUnion("type", [cloudNativePgDatabase, externalDatabase])
  .transform((db) =>
    db.type === "external" ? { ...db, host: HostPort.parse(db.host, DATABASE_ENGINES[db.engine]) } : db,
  );

/** An http(s) URL, as Alertmanager's `<url>` fields take it. */
const httpUrl = z
  .string()
  .refine(
    (text) => {
      try {
        const u = new URL(text);
        return (u.protocol === "https:" || u.protocol === "http:") && u.hostname !== "";
      } catch {
        return false;
      }
    },
    { message: "an http or https URL such as https://example.com/ping" },
  )
  .meta({ examples: ["https://api.opsgenie.com/v2/heartbeats/prod-eu/ping"] });

/** A receiver or key name: what the routes name and what `routes` must match. */
const receiverName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, {
    message:
      "a receiver name: letters, digits, '_', '.' and '-', at most 63 characters, starting with a letter or digit",
  })
  .refine((n) => !(RESERVED_RECEIVERS as ReadonlyArray<string>).includes(n), {
    message: `a receiver name other than ${RESERVED_RECEIVERS.join(", ")}: hamon's own routing uses them`,
  });
const credentialKey = (what: string) =>
  apiString("a key of a Secret's data", configMapKeyProblems, JSON_SCHEMA.configMapKey).describe(
    `Key of \`alerting.secretName\` holding ${what}; Alertmanager reads the file it is mounted as, so the value never appears in a manifest.`,
  );

const receiver = z.discriminatedUnion("type", [
  z.strictObject({
    name: receiverName.describe("Receiver name, as `alerting.routes` uses it."),
    type: z.literal("pagerduty").describe("PagerDuty Events API v2 (`pagerduty_configs.routing_key_file`)."),
    secretKey: credentialKey("the PagerDuty integration (routing) key"),
  }),
  z.strictObject({
    name: receiverName.describe("Receiver name, as `alerting.routes` uses it."),
    type: z.literal("opsgenie").describe("Opsgenie (`opsgenie_configs.api_key_file`)."),
    secretKey: credentialKey("the Opsgenie API key"),
  }),
  z.strictObject({
    name: receiverName.describe("Receiver name, as `alerting.routes` uses it."),
    type: z.literal("slack").describe("Slack incoming webhook (`slack_configs.api_url_file`)."),
    secretKey: credentialKey("the Slack incoming-webhook URL"),
    channel: z.string().min(1).describe("Channel, e.g. #alerts."),
  }),
  z.strictObject({
    name: receiverName.describe("Receiver name, as `alerting.routes` uses it."),
    type: z.literal("webhook").describe("Any Alertmanager webhook receiver (`webhook_configs`)."),
    url: httpUrl.describe("URL the notifications are POSTed to; not a secret (it is in the manifests)."),
    secretKey: credentialKey("a bearer token sent as `Authorization: Bearer …`").optional(),
  }),
]);

export const alertingSchema = z
  .strictObject({
    secretName: secretName.describe(
      "Secret you create in the stack's namespace holding every receiver credential, one per key. The Alertmanager CR mounts it (`spec.secrets`) read-only at /etc/alertmanager/secrets/<name>/ and the rendered routing points at those files: hamon never reads or writes a credential.",
    ),
    receivers: z
      .array(receiver)
      .min(1)
      .refine((rs) => new Set(rs.map((r) => r.name)).size === rs.length, {
        message: "distinct receiver names (one appears twice)",
      })
      .describe("Where notifications go, each credential by reference to a key of `secretName`."),
    routes: z
      .strictObject({
        critical: receiverName.describe("Receiver of `severity=critical` alerts."),
        warning: receiverName.describe(
          "Receiver of `severity=warning` alerts, and of alerts with no or another severity.",
        ),
        info: receiverName
          .optional()
          .describe("Receiver of `severity=info` alerts. Default: none (info alerts are not notified)."),
      })
      .describe("Severity routes, each naming one of `receivers`."),
    heartbeat: z
      .strictObject({
        url: httpUrl.describe(
          "The outside dead man's switch service's ping URL (e.g. https://api.opsgenie.com/v2/heartbeats/<name>/ping). It is in the manifests: put the secret part in `secretKey`.",
        ),
        secretKey: credentialKey(
          "the heartbeat service's credential, sent as `Authorization: <authorizationType> …`",
        ).optional(),
        authorizationType: z
          .string()
          .regex(/^[A-Za-z][A-Za-z0-9-]*$/, { message: "an HTTP authorization scheme such as Bearer or GenieKey" })
          .default("Bearer")
          .describe("Authorization scheme for `secretKey`: GenieKey for an Opsgenie heartbeat. Default Bearer."),
        repeatInterval: durationText("1m")
          .superRefine((d, ctx) => {
            if (d.milliseconds < 10_000)
              ctx.addIssue({
                code: "custom",
                message:
                  "a duration of at least 10s: Alertmanager looks at the Watchdog group every 10s (its group_interval) and refuses a repeat interval of 0",
                input: d.toString(),
              });
          })
          .prefault("1m")
          .describe(
            "How often the always-firing Watchdog alert is sent to the heartbeat URL (plus up to 10s, the route's group_interval). The outside service must alert when no ping arrives for longer than this plus its grace (docs/alerting.md). Default 1m.",
          ),
      })
      .optional()
      .describe(
        "Dead man's switch: the always-firing Watchdog alert is sent to a service outside the cluster, which alerts when it stops. Default: none (Watchdog goes to a receiver without integrations).",
      ),
  })
  .superRefine((a, ctx) => {
    const names = new Set(a.receivers.map((r) => r.name));
    for (const [severity, name] of Object.entries(a.routes)) {
      if (name !== undefined && !names.has(name))
        ctx.addIssue({
          code: "custom",
          path: ["routes", severity],
          message: `the name of one of alerting.receivers (${[...names].join(", ")})`,
          input: name,
        });
    }
  });

/** A share in percent, strictly between 0 and 100. */
const percent = (def: number, description: string) =>
  z.number().gt(0).lt(100).default(def).describe(`${description} Default ${def}.`);

/** Thresholds of the cluster alert rules (src/render/components/cluster-alert-rules.ts; docs/cluster-alerts.md). */
export const clusterAlertsSchema = z
  .strictObject({
    freeSpaceWarningPercent: percent(
      10,
      "Node filesystems and PersistentVolumes: a warning when less than this share of the space is free.",
    ),
    freeSpaceCriticalPercent: percent(
      3,
      "Node filesystems and PersistentVolumes: critical when less than this share is free; below freeSpaceWarningPercent.",
    ),
    fillingUpWithin: durationText("24h")
      .superRefine((d, ctx) => {
        if (d.milliseconds === 0)
          ctx.addIssue({
            code: "custom",
            message: "a duration longer than 0: how far ahead the trend is followed",
            input: d.toString(),
          });
      })
      .prefault("24h")
      .describe(
        "Node filesystems and PersistentVolumes: a warning when the last 6 hours' trend (predict_linear) fills them within this. Default 24h.",
      ),
    clockSkewSeconds: z
      .number()
      .gt(0)
      .max(3600)
      .default(0.05)
      .describe("A node's clock offset from its time source (node_timex_offset_seconds) that warns. Default 0.05."),
    crashLoopRestarts: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(3)
      .describe(
        "Restarts of one container within 15 minutes that count as crash looping (as does the CrashLoopBackOff state). Default 3.",
      ),
    notReadyFor: durationText("15m")
      .prefault("15m")
      .describe("How long a node or a pod must be not ready before it alerts. Default 15m."),
    rolloutStuckFor: durationText("15m")
      .prefault("15m")
      .describe(
        "How long a Deployment may lack replicas, or a StatefulSet or DaemonSet rollout make no progress, before it alerts. Default 15m.",
      ),
    apiServerErrorPercent: percent(5, "Share of API server requests answered 5xx that alerts (over 5 minutes)."),
    apiServerLatencySeconds: z
      .number()
      .gt(0)
      .max(60)
      .default(1)
      .describe(
        "99th percentile latency of the API server's non-streaming requests (WATCH and CONNECT left out) that alerts, per verb. Default 1.",
      ),
    certificateExpiryDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(7)
      .describe(
        "Client certificates (seen by the API server, and the kubelets' own) that expire within this many days warn. Default 7.",
      ),
    coreDnsErrorPercent: percent(5, "Share of CoreDNS responses that are SERVFAIL that alerts (over 5 minutes)."),
    targetDownPercent: percent(10, "Share of one job's scrape targets down that alerts."),
  })
  .superRefine((a, ctx) => {
    if (a.freeSpaceCriticalPercent >= a.freeSpaceWarningPercent)
      ctx.addIssue({
        code: "custom",
        path: ["freeSpaceCriticalPercent"],
        message: `a share below freeSpaceWarningPercent (${a.freeSpaceWarningPercent}): critical means less space free than the warning`,
        input: a.freeSpaceCriticalPercent,
      });
  })
  .prefault({})
  .describe(
    "Thresholds of the Kubernetes alert rules (docs/cluster-alerts.md); each rule is rendered only when its target (`targets`) is on.",
  );

/** A key of a Secret's data, by reference. */
const secretDataKey = (def: string) =>
  apiString("a key of a Secret's data", configMapKeyProblems, JSON_SCHEMA.configMapKey)
    .default(def)
    .describe(`Key of that Secret. Default ${def}.`);

/**
 * The host users type: one DNS name, as an Ingress rule's `host` and an HTTPRoute's `hostnames`
 * take it (a DNS-1123 subdomain, not an IP address: kubernetes pkg/apis/networking/validation/validation.go,
 * validateIngressRules; gateway-api apis/v1/shared_types.go, Hostname). Grafana's root_url is
 * built from it, so a wildcard is refused.
 */
const publicHost = apiString(
  "a host name such as grafana.example.com (a DNS-1123 subdomain, no wildcard)",
  dns1123SubdomainProblems,
  JSON_SCHEMA.dns1123Subdomain,
)
  .refine((h) => !/^[0-9.]+$/.test(h), {
    message: "a DNS name such as grafana.example.com, not an IP address (Ingress and HTTPRoute hosts are names)",
  })
  .meta({ examples: ["grafana.example.com"] });

/** Labels of the pods that proxy users to Grafana; {} admits every pod of their namespace. */
const proxyPodLabels = (def: Record<string, string>, what: string) =>
  labelMap("pod")
    .default(def)
    .describe(
      `Labels of the ${what} pods in that namespace; {} admits every pod there. Default ${
        Object.entries(def)
          .map(([k, v]) => `${k}=${v}`)
          .join(", ") || "{}"
      }.`,
    );
const PROXY_FLOW =
  "Grafana's NetworkPolicy admits exactly these pods to its port (phase 4), and `hamon audit --flows` shows the flow.";

/**
 * ingress-nginx's own manifests run the controller in namespace ingress-nginx with these labels
 * (kubernetes/ingress-nginx deploy/static/provider/cloud/deploy.yaml, Deployment ingress-nginx-controller).
 */
const INGRESS_NGINX = {
  namespace: "ingress-nginx",
  podLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" },
};

export const grafanaIngressSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("ingress").describe("A networking.k8s.io/v1 Ingress."),
    host: publicHost.describe("Host users reach Grafana at; Grafana's root_url is https://<host>/."),
    className: apiString(
      "an IngressClass name (a DNS-1123 subdomain)",
      dns1123SubdomainProblems,
      JSON_SCHEMA.dns1123Subdomain,
    )
      .optional()
      .describe("`ingressClassName`. Default: none (the cluster's default IngressClass)."),
    tls: z
      .strictObject({
        secretName: secretName
          .default("grafana-tls")
          .describe(
            "Secret of type kubernetes.io/tls with the certificate for `host`: yours, or the one cert-manager writes when `certManager` is set. Default grafana-tls.",
          ),
        certManager: z
          .strictObject({
            kind: z
              .enum(["ClusterIssuer", "Issuer"])
              .default("ClusterIssuer")
              .describe("ClusterIssuer or Issuer (in the stack's namespace). Default ClusterIssuer."),
            name: dnsLabel("an issuer name").describe("Name of the cert-manager issuer."),
          })
          .optional()
          .describe(
            "Let cert-manager issue the certificate into `secretName`: hamon annotates the Ingress with cert-manager.io/cluster-issuer or cert-manager.io/issuer (cert-manager.io/docs/usage/ingress/). Default: none (you create the Secret).",
          ),
      })
      .optional()
      .describe("TLS at the Ingress. Default: none (TLS ends before the controller, e.g. at a load balancer)."),
    controller: z
      .strictObject({
        namespace: dnsLabel("a namespace name")
          .default(INGRESS_NGINX.namespace)
          .describe(`Namespace of the ingress controller pods. Default ${INGRESS_NGINX.namespace}.`),
        podLabels: proxyPodLabels(INGRESS_NGINX.podLabels, "ingress controller"),
      })
      .prefault({})
      .describe(
        `Where the ingress controller runs (default: ingress-nginx as its manifests install it). ${PROXY_FLOW}`,
      ),
  }),
  z.strictObject({
    type: z.literal("httproute").describe("A Gateway API gateway.networking.k8s.io/v1 HTTPRoute."),
    host: publicHost.describe("Host users reach Grafana at; Grafana's root_url is https://<host>/."),
    parentRefs: z
      .array(
        z.strictObject({
          name: apiString(
            "a Gateway name (a DNS-1123 subdomain)",
            dns1123SubdomainProblems,
            JSON_SCHEMA.dns1123Subdomain,
          ),
          namespace: dnsLabel("a namespace name")
            .optional()
            .describe("The Gateway's namespace. Default: the stack's namespace."),
          sectionName: dnsLabel("a listener name")
            .optional()
            .describe(
              "The Gateway listener to attach to (its HTTPS listener). Default: every listener that admits the route.",
            ),
        }),
      )
      .min(1)
      .describe(
        "The Gateways the route attaches to; each must allow routes from the stack's namespace, and terminates TLS.",
      ),
    controller: z
      .strictObject({
        namespace: dnsLabel("a namespace name").describe("Namespace of the Gateway's proxy pods."),
        podLabels: proxyPodLabels({}, "Gateway's proxy"),
      })
      .describe(
        `Where the Gateway's proxy pods run (e.g. the Gateway's own namespace for Istio, envoy-gateway-system for Envoy Gateway). ${PROXY_FLOW}`,
      ),
  }),
]);

export const grafanaOAuthSchema = z.strictObject({
  name: z.string().min(1).default("SSO").describe("Label of the login button. Default SSO."),
  clientId: z.string().min(1).describe("OAuth client id registered at the identity provider (not a secret)."),
  clientSecret: z
    .strictObject({
      secretName: secretName.describe("Secret holding the OAuth client secret."),
      key: secretDataKey("client-secret"),
    })
    .describe(
      "The client secret, by reference: Grafana reads it from the Secret (GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET through secretKeyRef).",
    ),
  authUrl: httpUrl
    .meta({ examples: ["https://login.example.com/oauth2/authorize"] })
    .describe("Authorization endpoint, where the browser is sent to log in."),
  tokenUrl: httpUrl
    .meta({ examples: ["https://login.example.com/oauth2/token"] })
    .describe("Token endpoint; Grafana calls it, so its port is allowed out of Grafana's pods."),
  apiUrl: httpUrl
    .meta({ examples: ["https://login.example.com/oauth2/userinfo"] })
    .describe("User info endpoint; Grafana calls it, so its port is allowed out of Grafana's pods."),
  scopes: z
    .array(
      z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, {
        message: "an OAuth scope: printable characters, no space, quote or backslash",
      }),
    )
    .min(1)
    .default(["openid", "profile", "email"])
    .describe("Scopes asked for. Default openid, profile, email."),
  roleAttributePath: z
    .string()
    .min(1)
    .optional()
    .describe(
      "JMESPath over the ID token or user info that gives the Grafana role, e.g. contains(groups[*], 'admins') && 'Admin' || 'Viewer'. Default: none (new users get Viewer).",
    ),
});

export const specSchema = z
  .strictObject({
    apiVersion: z.literal("hamon.io/v1alpha1").default("hamon.io/v1alpha1"),
    kind: z.literal("MonitoringStack").default("MonitoringStack"),
    cluster: z
      .strictObject({
        name: dnsLabel("a cluster name").describe("Cluster name; becomes Prometheus' `cluster` external label."),
        zones: z
          .array(
            labelValue("a zone name").refine((zone) => zone.length > 0, {
              message: "a non-empty zone name (the value of the node label topology.kubernetes.io/zone)",
            }),
          )
          .min(1)
          .refine((zs) => new Set(zs).size === zs.length, { message: "distinct zone names (one appears twice)" })
          .describe("Values of `topology.kubernetes.io/zone` of the nodes the stack runs on."),
        nodes: z
          .number()
          .int()
          .min(1)
          .max(100_000)
          .default(10)
          .describe(
            "Nodes in the whole cluster (not only the stack's pool): node-exporter and the kubelet add series per node, which sizing adds to workload.activeSeries. Default 10.",
          ),
        pods: z
          .number()
          .int()
          .min(0)
          .max(10_000_000)
          .default(300)
          .describe(
            "Pods in the whole cluster: kube-state-metrics and cAdvisor add series per pod, which sizing adds to workload.activeSeries. Default 300.",
          ),
      })
      .describe("The Kubernetes cluster the stack monitors and runs in."),
    namespace: dnsLabel("a namespace name")
      .refine(
        (ns) =>
          !(CLUSTER_NAMESPACES as ReadonlyArray<string>).includes(ns) && !ns.startsWith(RESERVED_NAMESPACE_PREFIX),
        {
          message:
            'a namespace used by the stack alone, neither default nor one starting with kube-: hamon labels its namespace Pod Security "restricted" and puts a default-deny NetworkPolicy in it, which would cut off every other workload there',
        },
      )
      .default("monitoring")
      .describe(
        "Namespace of the whole stack, dedicated to it: hamon labels it Pod Security restricted and denies all traffic in it by default, so default and kube-* namespaces are refused. Default monitoring.",
      ),
    phase: z
      .number()
      .int()
      .min(1)
      .max(4)
      .default(4)
      .describe(
        "Rollout phase. 1: Prometheus HA pair, Alertmanager cluster, anti-affinity, PDBs. " +
          "2: + Thanos (sidecar, Query, Query Frontend, Store Gateway, Compactor). " +
          "3: + Grafana HA with its database (and Redis when grafana.redis.enabled). 4: + NetworkPolicies, dedicated node pool, PriorityClasses. Default 4.",
      ),
    nodePool: z
      .strictObject({
        labels: z
          .record(labelKey("a node label key"), labelValue("a node label value"))
          .default({ "hamon.io/pool": "monitoring" })
          .describe("Labels of the dedicated nodes; pods select them (phase 4). Default hamon.io/pool=monitoring."),
        taint: taint
          .nullable()
          .prefault({})
          .describe(
            "Taint of the dedicated nodes, tolerated by the stack (phase 4); null for none. Default hamon.io/dedicated=monitoring:NoSchedule.",
          ),
        nodesPerZone: z.number().int().min(1).max(1000).default(2).describe("Nodes in each zone. Default 2."),
        cpu: quantityText("8", CPU).prefault("8").describe("Allocatable CPU of each node. Default 8."),
        memory: quantityText("32Gi", MEMORY)
          .prefault("32Gi")
          .describe("Allocatable memory of each node. Default 32Gi."),
      })
      .prefault({})
      .describe("The node pool that runs the stack."),
    storage: z
      .strictObject({
        className: dnsLabel("a StorageClass name")
          .default("hamon-ssd")
          .describe("Name of the StorageClass hamon renders. Default hamon-ssd."),
        // The API server validates the provisioner as a qualified name, lower-cased
        // (kubernetes pkg/apis/storage/validation/validation.go, validateProvisioner).
        provisioner: apiString(
          "a CSI provisioner name",
          (v) => qualifiedNameProblems(v.toLowerCase()),
          JSON_SCHEMA.qualifiedName,
        ).describe("CSI provisioner, e.g. ebs.csi.aws.com, pd.csi.storage.gke.io, disk.csi.azure.com."),
        parameters: z.record(z.string(), z.string()).default({}).describe("Provisioner parameters, e.g. type: gp3."),
      })
      .describe(
        "The StorageClass for every volume of the stack (WaitForFirstConsumer, so volumes follow the scheduler's zone choice).",
      ),
    objectStorage: z
      .strictObject({
        secretName: secretName
          .default("thanos-objstore")
          .describe("Secret holding the Thanos objstore config. Default thanos-objstore."),
        secretKey: apiString("a key of a Secret's data", configMapKeyProblems, JSON_SCHEMA.configMapKey)
          .default("objstore.yml")
          .describe("Key in that Secret. Default objstore.yml."),
      })
      .prefault({})
      .describe("Thanos object storage, by reference only (https://thanos.io/tip/thanos/storage.md/)."),
    workload: z
      .strictObject({
        activeSeries: z
          .number()
          .int()
          .min(1)
          .default(1_000_000)
          .describe(
            "Active series of your own workloads (before HA duplication); sizing adds the cluster targets' series from cluster.nodes and cluster.pods (docs/sizing.md). Default 1000000.",
          ),
        scrapeInterval: durationText("30s").prefault("30s").describe("Default scrape interval. Default 30s."),
        localRetention: durationText("2d")
          .prefault("2d")
          .describe(
            "How long each Prometheus keeps data on its volume. With Thanos (phase ≥ 2) older data is served from object storage. Default 2d.",
          ),
        longTermRetention: z
          .strictObject({
            raw: durationText("30d")
              .prefault("30d")
              .describe(
                "Raw resolution in object storage; at least 40h, the age at which the Compactor makes 5m data from it. Default 30d.",
              ),
            fiveMinutes: durationText("180d")
              .prefault("180d")
              .describe(
                "5m downsampled; at least 10d, the age at which the Compactor makes 1h data from it. Default 180d.",
              ),
            oneHour: durationText("2y").prefault("2y").describe("1h downsampled. Default 2y."),
          })
          .prefault({})
          .describe(
            "Thanos Compactor retention per resolution. Each must be a finite period: Thanos reads 0 as keep forever, which has no steady bucket size to plan for, so hamon refuses it (write e.g. 10y).",
          ),
      })
      .prefault({})
      .describe("What the stack must carry; sizing derives shards, resources and volumes from it."),
    targets: z
      .strictObject({
        nodeExporter: z
          .boolean()
          .default(true)
          .describe("node-exporter on every node (a DaemonSet in its own namespace). Default true."),
        kubeStateMetrics: z
          .boolean()
          .default(true)
          .describe("kube-state-metrics: the state of Kubernetes objects as metrics. Default true."),
        kubelet: z
          .boolean()
          .default(true)
          .describe(
            "The kubelet's metrics, cAdvisor and probes, through the Prometheus Operator's kubelet Service (see PREREQUISITES.md). Default true.",
          ),
        apiServer: z.boolean().default(true).describe("The API server (`default/kubernetes`). Default true."),
        coreDns: z
          .strictObject({
            enabled: z.boolean().default(true).describe("CoreDNS' metrics on port 9153. Default true."),
            serviceLabels: z
              .record(labelKey("a Service label key"), labelValue("a Service label value"))
              .default({ ...COREDNS_METRICS.serviceLabels })
              .describe(
                "Labels of the CoreDNS Service in kube-system that exposes port `metrics` (9153); they differ by distribution. Default k8s-app=kube-dns (kubeadm, EKS, AKS).",
              ),
          })
          .prefault({})
          .describe("CoreDNS."),
        serviceMonitors: monitorSelection("ServiceMonitors"),
        podMonitors: monitorSelection("PodMonitors"),
      })
      .prefault({})
      .describe(
        "What Prometheus scrapes: the cluster's own targets (all on by default) and which of your ServiceMonitors and PodMonitors it selects.",
      ),
    clusterAlerts: clusterAlertsSchema,
    prometheus: z
      .strictObject({
        replicas: replicas(2, 2, "Replicas of each shard: an HA pair by default, deduplicated by Thanos Query."),
        zoneSpread: zoneSpread("required", "Each shard's pair; its volumes are zonal."),
        shards: z
          .union([z.literal("auto"), z.number().int().min(1).max(100)])
          .default("auto")
          .describe(
            "hashmod shards; `auto` keeps each shard under the series ceiling and each replica within nodePool.memory (see `hamon size`). Default auto.",
          ),
        version: imageVersion(VERSIONS.prometheus.tag, "Prometheus"),
        resources: resourcesOverride.optional(),
        storageSize: quantityText("50Gi", STORAGE).optional().describe("Volume per replica. Default: from sizing."),
      })
      .prefault({})
      .describe("Prometheus, run by the Prometheus Operator."),
    alertmanager: z
      .strictObject({
        replicas: replicas(
          2,
          3,
          "Clustered Alertmanagers. Any count ≥ 2 is HA: the cluster gossips (AP, no quorum), so an odd count is not needed.",
        ),
        zoneSpread: zoneSpread("required", "Its volumes (silences, notification log) are zonal."),
        version: imageVersion(VERSIONS.alertmanager.tag, "Alertmanager"),
        resources: resourcesOverride.optional(),
      })
      .prefault({})
      .describe("Alertmanager, run by the Prometheus Operator."),
    alerting: alertingSchema
      .optional()
      .describe(
        "Where alerts go: receivers by reference, severity routes, the dead man's switch (docs/alerting.md). Default: none, every alert goes to a receiver without integrations.",
      ),
    thanos: z
      .strictObject({
        version: imageVersion(VERSIONS.thanos.tag, "Thanos"),
        query: z
          .strictObject({
            replicas: replicas(2, 2, "Thanos Query replicas."),
            zoneSpread: zoneSpread("preferred", "Stateless."),
            resources: resourcesOverride.optional(),
          })
          .prefault({})
          .describe("Thanos Query: fans out to every StoreAPI and deduplicates HA replicas."),
        queryFrontend: z
          .strictObject({
            replicas: replicas(2, 2, "Thanos Query Frontend replicas."),
            zoneSpread: zoneSpread("preferred", "Stateless."),
            resources: resourcesOverride.optional(),
          })
          .prefault({})
          .describe("Thanos Query Frontend: splits and caches range queries in front of Query."),
        store: z
          .strictObject({
            shards: z
              .number()
              .int()
              .min(1)
              .max(20)
              .default(1)
              .describe("Store Gateway shards (hashmod over block IDs). Default 1."),
            replicas: replicas(2, 2, "Store Gateway replicas of each shard."),
            zoneSpread: zoneSpread("required", "Each shard's replicas; their cache volumes are zonal."),
            resources: resourcesOverride.optional(),
          })
          .prefault({})
          .describe("Thanos Store Gateway: serves the bucket's blocks to Query."),
        compact: z
          .strictObject({
            storageSize: quantityText("100Gi", STORAGE)
              .optional()
              .describe("Compactor scratch volume. Default: from sizing."),
            resources: resourcesOverride.optional(),
          })
          .prefault({})
          .describe(
            "Thanos Compactor: exactly one per bucket; compacts, deduplicates HA pairs, downsamples, applies retention.",
          ),
        ruler: z
          .strictObject({
            replicas: replicas(2, 2, "Thanos Ruler replicas, each evaluating every whole-view rule."),
            zoneSpread: zoneSpread("required", "Its volume (rule results not yet uploaded, alert state) is zonal."),
            resources: resourcesOverride.optional(),
          })
          .prefault({})
          .describe(
            "Thanos Ruler, rendered only when Prometheus is sharded (shards > 1): evaluates the PrometheusRules labelled hamon.io/rule-scope=whole-view through Thanos Query, since each shard sees only a slice of the targets (docs/placement.md).",
          ),
      })
      .prefault({})
      .describe("Thanos (phase ≥ 2)."),
    grafana: z
      .strictObject({
        replicas: replicas(2, 2, "Grafana replicas, sharing one database."),
        zoneSpread: zoneSpread("preferred", "Stateless: its state is in the database."),
        version: z
          .string()
          .regex(/^[0-9][0-9A-Za-z._-]{0,127}$/, {
            message: "a release tag such as 12.4.10 (a digit, then letters, digits, '.', '_' and '-')",
          })
          .default(VERSIONS.grafana.tag)
          .describe(`Grafana image tag. Default ${VERSIONS.grafana.tag}.`),
        adminSecretName: secretName
          .default("grafana-admin")
          .describe("Secret with keys `admin-user` and `admin-password`. Default grafana-admin."),
        secretKey: z
          .strictObject({
            secretName: secretName
              .default("grafana-secret-key")
              .describe("Secret holding Grafana's secret_key. Default grafana-secret-key."),
            key: secretDataKey("secret-key"),
          })
          .prefault({})
          .describe(
            "Grafana's secret_key, which encrypts data source and contact point secrets in the database, from a Secret you create (GF_SECURITY_SECRET_KEY through secretKeyRef); every replica must read the same one, and it must never change afterwards.",
          ),
        ingress: grafanaIngressSchema
          .optional()
          .describe(
            "The way in for users: an Ingress or a Gateway API HTTPRoute to Grafana, which also sets Grafana's root_url and domain (docs/grafana.md). Default: none (reach Grafana with kubectl port-forward).",
          ),
        oauth: grafanaOAuthSchema
          .optional()
          .describe(
            "Single sign-on with any OpenID Connect or OAuth2 provider (Grafana's generic OAuth), every credential by reference. Needs `ingress`: the provider sends users back to root_url. Default: none (Grafana's own logins).",
          ),
        database: grafanaDatabase
          .prefault({ type: "cloudnativepg" })
          .describe(
            "Grafana's shared database: type cloudnativepg, or external (PostgreSQL or MySQL). Default: a 3-instance CloudNativePG cluster.",
          ),
        redis: z
          .strictObject({
            enabled: z
              .boolean()
              .default(false)
              .describe(
                "Render Redis as Grafana's remote cache. Off by default: the cache then lives in Grafana's database, which every replica shares already (docs/grafana.md says when Redis helps). Default false.",
              ),
            version: imageTag(VERSIONS.redis.tag, `Redis image tag. Default ${VERSIONS.redis.tag}.`),
            secretName: secretName
              .default("grafana-redis")
              .describe("Secret with key `password`. Default grafana-redis."),
          })
          .prefault({})
          .describe(
            "Redis for Grafana's remote cache, when enabled: one instance (Grafana's client takes a single address; see docs/ha-design.md).",
          ),
        resources: resourcesOverride.optional(),
      })
      .superRefine((g, ctx) => {
        if (g.oauth && !g.ingress)
          ctx.addIssue({
            code: "custom",
            path: ["oauth"],
            message:
              "grafana.ingress as well: the identity provider sends users back to Grafana's root_url, which hamon sets from the ingress host",
            input: g.oauth,
          });
      })
      .prefault({})
      .describe("Grafana (phase ≥ 3)."),
  })
  .describe("hamon.yaml: a highly available monitoring stack for one Kubernetes cluster.");

/** The spec as written by a user (durations and quantities as text). */
export type SpecInput = z.input<typeof specSchema>;
/** The spec with every default applied and every unit parsed. */
export type Spec = z.output<typeof specSchema>;
export type AlertingSpec = z.output<typeof alertingSchema>;
export type ReceiverSpec = AlertingSpec["receivers"][number];
export type ResourcesOverride = z.output<typeof resourcesOverride>;
export type ClusterAlertsSpec = z.output<typeof clusterAlertsSchema>;
export type DatabaseBackupSpec = z.output<typeof databaseBackup>;
export type ZoneSpread = Spec["prometheus"]["zoneSpread"];
