/**
 * The normalized inventory: what any manifest set (hamon's render, a Helm or kustomize output,
 * a live cluster) says about a monitoring stack, in one model that the audit and the simulator
 * both read. Every object keeps where it came from.
 *
 * This file is the contract between inventory readers, audit rules and the simulator: change it
 * deliberately.
 */
import type { IPodTemplateSpec } from "kubernetes-models/v1";
import type { LabelSelector } from "../k8s/label-selector.js";
import type { StackComponent } from "../vocabulary.js";

/** Where an object was read from. `line` is 1-based; a live cluster gives `file: "cluster:<context>"`. */
export interface SourceRef {
  file: string;
  line: number;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
}

/** Any object read, raw, with its place. Rules that need a kind not modeled below read these. */
export interface InventoryObject {
  ref: ObjectRef;
  source: SourceRef;
  /** The parsed document as written. */
  raw: Record<string, unknown>;
  /** `hamon.io/ignore` annotation, parsed: rule ids suppressed on this object, and the reason if given. */
  suppressed: { rules: string[]; reason?: string };
  /** ConfigMap and Secret read from a file: where each key (an embedded file) is written, by key. */
  embeddedFiles?: Record<string, EmbeddedFilePlace>;
}

/** Where a ConfigMap's or Secret's key is written in the input file, 1-based lines. */
export interface EmbeddedFilePlace {
  /** The key's line. */
  line: number;
  /** The line of the embedded file's first line, when its lines map one to one (a literal block scalar, not base64). */
  firstLine?: number;
}

/**
 * The monitoring component a workload is, recognised from hamon's `hamon.io/component` label
 * when present, otherwise from its image and arguments (e.g. `thanos query`, `grafana/grafana`).
 */
/** The stack's components, plus the Thanos ones hamon does not render but recognises in any input. */
export type MonitoringComponent = StackComponent | "thanos-sidecar" | "thanos-receive" | "other";

/**
 * A set of identical pods: a Deployment, StatefulSet, DaemonSet, ReplicaSet, or an Operator CR
 * expanded to the pods it will produce. A sharded Prometheus CR yields one PodGroup per shard
 * (`shard` set), each with `replicas` pods, with the labels the operator puts on them
 * (`operator.prometheus.io/shard`, `operator.prometheus.io/name`, `prometheus`,
 * `app.kubernetes.io/name`, …). A CloudNativePG Cluster yields one group of `instances` pods.
 */
export interface PodGroup {
  /** Stable id, e.g. `monitoring/Prometheus/hamon#shard-1` or `monitoring/Deployment/grafana`. */
  id: string;
  /** The object that declares it (the CR for operator-managed pods). */
  owner: InventoryObject;
  component: MonitoringComponent;
  /** Shard index for sharded components (Prometheus hashmod shards, hamon's Store Gateway shards). */
  shard?: number;
  namespace: string;
  /** Effective replica count (defaults applied: 1 for a Deployment without replicas, operator defaults for CRs). */
  replicas: number;
  /** The pod template as the scheduler will see it: labels, affinity, tolerations, resources, volumes. */
  template: IPodTemplateSpec;
  /** PVC templates (StatefulSet volumeClaimTemplates, Operator CR storage): the pods' volumes are zonal when their StorageClass is. */
  volumeClaims: Array<{ name: string; storageClassName?: string; storage?: string }>;
  /** Parsed configuration of the monitoring component, where it could be found. */
  config: ComponentConfig;
  /**
   * True for a DaemonSet: one pod per eligible node, so `replicas` (then 1) is a floor, not a count.
   * Absent otherwise.
   */
  perNode?: boolean;
  /** Name of the container the component was recognised from (its flags and env are `config`'s). */
  mainContainer?: string;
  /**
   * True when the owning operator creates PodDisruptionBudgets for these pods itself (CloudNativePG
   * does unless `spec.enablePDB: false`, cloudnative-pg.io/documentation/current/kubernetes_upgrade/).
   */
  operatorManagedPdb?: boolean;
}

/** What a component is configured to do, from args, env, and referenced ConfigMaps/Secrets. */
export interface ComponentConfig {
  /**
   * Container args/command flags, `--name=value` (or `--name value`) parsed to name → values (a flag
   * may repeat). Names are stored without leading dashes (`query.replica-label`); a flag without a
   * value maps to `[""]`. A Thanos subcommand (`query`, `store`, …) is not a flag.
   */
  flags: Record<string, string[]>;
  /** Environment of the main container, literal values only (secretKeyRef/configMapKeyRef as `ref:` strings). */
  env: Record<string, string>;
  /** grafana.ini sections → keys → values, merged with `GF_<SECTION>_<KEY>` env, when this is Grafana. */
  grafanaIni?: Record<string, Record<string, string>>;
  /** prometheus.yml / alertmanager.yml, parsed, when found in a referenced ConfigMap or Secret. */
  prometheusYaml?: Record<string, unknown>;
  alertmanagerYaml?: Record<string, unknown>;
  /** Thanos Receive's hashrings file (JSON text), from `--receive.hashrings` or the mounted file `--receive.hashrings-file` names. */
  receiveHashrings?: string;
  /** For Operator CRs: the CR's spec, as written. */
  crSpec?: Record<string, unknown>;
  /** Where the config files above were read from: the ConfigMap or Secret and its key. */
  files?: Partial<Record<"grafanaIni" | "prometheusYaml" | "alertmanagerYaml" | "receiveHashrings", ConfigFileRef>>;
}

/** One key of a ConfigMap or Secret of the input, holding a configuration file. */
export interface ConfigFileRef {
  object: InventoryObject;
  key: string;
}

export interface PodDisruptionBudgetInfo {
  object: InventoryObject;
  namespace: string;
  selector: LabelSelector;
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  /** Ids of the PodGroups whose pods it selects. */
  selects: string[];
}

export interface StorageClassInfo {
  object: InventoryObject;
  name: string;
  provisioner: string;
  volumeBindingMode: "Immediate" | "WaitForFirstConsumer";
  /** True when volumes of this class are bound to one zone (block storage CSI drivers: EBS, PD, Azure Disk, …). */
  zonal: boolean;
}

export type ConfigKind = "ConfigMap" | "Secret";

/**
 * The ConfigMaps and Secrets of the input and the files they hold (each key), decoded and parsed
 * at most once per inventory (config-index.ts). Parsed values are shared: read them, never change them.
 */
export interface ConfigFiles {
  object(kind: ConfigKind, namespace: string, name: string): InventoryObject | undefined;
  /** Decoded string data (Secret `data` from base64, `stringData` over it); undefined when not in the input. */
  data(kind: ConfigKind, namespace: string, name: string): Record<string, string> | undefined;
  dataOf(object: InventoryObject): Record<string, string>;
  /** An embedded YAML or JSON text (a key's value, an inline flag value) as a mapping; undefined when it is not one. */
  yaml(text: string): Record<string, unknown> | undefined;
  /** `yaml` of one key of a ConfigMap or Secret. */
  yamlOf(object: InventoryObject, key: string): Record<string, unknown> | undefined;
  /** An INI text (grafana.ini): sections → keys → values. */
  ini(text: string): Record<string, Record<string, string>>;
}

export interface Inventory {
  objects: InventoryObject[];
  /**
   * The input's ConfigMaps and Secrets, decoded and parsed once; set by readInventory. Read it
   * through `configFilesOf(inventory)`, which also serves inventories built by hand.
   */
  configs?: ConfigFiles;
  podGroups: PodGroup[];
  pdbs: PodDisruptionBudgetInfo[];
  services: InventoryObject[];
  networkPolicies: InventoryObject[];
  storageClasses: StorageClassInfo[];
  priorityClasses: InventoryObject[];
  /** PersistentVolumeClaims written as objects (not templates). */
  persistentVolumeClaims?: InventoryObject[];
}
