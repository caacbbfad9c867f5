/**
 * The Barman Cloud plugin's `ObjectStore` (barmancloud.cnpg.io/v1). No kubernetes-models package
 * covers it, so this class writes and validates it by hand against its CRD
 * (github.com/cloudnative-pg/plugin-barman-cloud config/crd/bases/barmancloud.cnpg.io_objectstores.yaml):
 * `spec.configuration` required with a non-empty `destinationPath`; `serverName` forbidden there
 * (x-kubernetes-validations: "use the 'serverName' plugin parameter in the Cluster resource");
 * `retentionPolicy` matching `^[1-9][0-9]*[dwm]$`; every credential a `{name, key}` reference;
 * compression one of the CRD's enums. hamon's own rules on top: exactly one provider's credentials
 * (hamon never relies on ambient IAM), and no field it does not write.
 */
import type { Manifest } from "../manifest.js";
import { OBJECT_STORE_API_VERSION, OBJECT_STORE_KIND, RETENTION_POLICY_PATTERN } from "../../upstream/barman-cloud.js";

export interface SecretKeyRef {
  name: string;
  key: string;
}

export interface ObjectStoreSpec {
  retentionPolicy?: string;
  configuration: {
    destinationPath: string;
    endpointURL?: string;
    s3Credentials?: { accessKeyId: SecretKeyRef; secretAccessKey: SecretKeyRef };
    googleCredentials?: { applicationCredentials: SecretKeyRef };
    azureCredentials?: { connectionString: SecretKeyRef };
    wal?: { compression?: "bzip2" | "gzip" | "lz4" | "snappy" | "xz" | "zstd" };
    data?: { compression?: "bzip2" | "gzip" | "snappy" };
  };
}

export interface ObjectStoreData {
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  spec: ObjectStoreSpec;
}

const CONFIGURATION_FIELDS = new Set([
  "destinationPath",
  "endpointURL",
  "s3Credentials",
  "googleCredentials",
  "azureCredentials",
  "wal",
  "data",
]);
const WAL_COMPRESSION = new Set(["bzip2", "gzip", "lz4", "snappy", "xz", "zstd"]);
const DATA_COMPRESSION = new Set(["bzip2", "gzip", "snappy"]);

export class ObjectStore implements Manifest {
  readonly apiVersion = OBJECT_STORE_API_VERSION;
  readonly kind = OBJECT_STORE_KIND;
  readonly metadata: ObjectStoreData["metadata"];
  readonly spec: ObjectStoreSpec;

  constructor(data: ObjectStoreData) {
    this.metadata = data.metadata;
    this.spec = data.spec;
  }

  validate(): void {
    const problems = objectStoreProblems(this.spec);
    if (problems.length > 0) throw new Error(problems.join("; "));
  }

  toJSON(): unknown {
    return { apiVersion: this.apiVersion, kind: this.kind, metadata: this.metadata, spec: this.spec };
  }
}

const isRef = (v: unknown): boolean =>
  typeof v === "object" &&
  v !== null &&
  Object.keys(v).sort().join() === "key,name" &&
  Object.values(v).every((x) => typeof x === "string" && x !== "");

/** What in an ObjectStore spec its CRD would refuse, in words; empty when it is valid. */
export function objectStoreProblems(spec: ObjectStoreSpec): string[] {
  const problems: string[] = [];
  const c = spec.configuration as ObjectStoreSpec["configuration"] | undefined;
  if (typeof c !== "object" || c === null) return ["spec.configuration is required"];
  for (const field of Object.keys(c))
    if (!CONFIGURATION_FIELDS.has(field))
      problems.push(
        field === "serverName"
          ? "spec.configuration.serverName is forbidden: use the 'serverName' plugin parameter in the Cluster resource"
          : `spec.configuration.${field} is not a field hamon writes`,
      );
  if (typeof c.destinationPath !== "string" || c.destinationPath === "")
    problems.push("spec.configuration.destinationPath must be a non-empty string");
  if (spec.retentionPolicy !== undefined && !RETENTION_POLICY_PATTERN.test(spec.retentionPolicy))
    problems.push(`spec.retentionPolicy ${spec.retentionPolicy} does not match ${RETENTION_POLICY_PATTERN.source}`);
  const refs: Array<[string, unknown]> = [
    ...(c.s3Credentials
      ? ([
          ["s3Credentials.accessKeyId", c.s3Credentials.accessKeyId],
          ["s3Credentials.secretAccessKey", c.s3Credentials.secretAccessKey],
        ] as Array<[string, unknown]>)
      : []),
    ...(c.googleCredentials
      ? ([["googleCredentials.applicationCredentials", c.googleCredentials.applicationCredentials]] as Array<
          [string, unknown]
        >)
      : []),
    ...(c.azureCredentials
      ? ([["azureCredentials.connectionString", c.azureCredentials.connectionString]] as Array<[string, unknown]>)
      : []),
  ];
  for (const [path, ref] of refs)
    if (!isRef(ref)) problems.push(`spec.configuration.${path} must be a {name, key} Secret reference`);
  if ([c.s3Credentials, c.googleCredentials, c.azureCredentials].filter((x) => x !== undefined).length !== 1)
    problems.push("spec.configuration needs exactly one of s3Credentials, googleCredentials, azureCredentials");
  if (c.wal?.compression !== undefined && !WAL_COMPRESSION.has(c.wal.compression))
    problems.push(`spec.configuration.wal.compression ${c.wal.compression} is not one of the CRD's values`);
  if (c.data?.compression !== undefined && !DATA_COMPRESSION.has(c.data.compression))
    problems.push(`spec.configuration.data.compression ${c.data.compression} is not one of the CRD's values`);
  return problems;
}
