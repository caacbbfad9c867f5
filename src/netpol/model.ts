/**
 * What the NetworkPolicy evaluator reads and answers: policies as `kubectl get -o yaml` shows
 * them, the pods and namespaces they apply to, flows between endpoints, and verdicts that name
 * the policy rules that allowed a flow or the side that blocked it.
 */
import type { SelectorLike, Labels } from "../k8s/label-selector.js";

export type Protocol = "TCP" | "UDP" | "SCTP";
export type Direction = "Ingress" | "Egress";

/** A NetworkPolicyPort: `port` a number or a container port name; `protocol` defaults to TCP. */
export interface PolicyPort {
  protocol?: Protocol;
  port?: number | string;
  endPort?: number;
}

export interface PolicyPeer {
  podSelector?: SelectorLike | null;
  namespaceSelector?: SelectorLike | null;
  ipBlock?: { cidr: string; except?: string[] } | null;
}

export interface PolicyIngressRule {
  from?: PolicyPeer[] | null;
  ports?: PolicyPort[] | null;
}

export interface PolicyEgressRule {
  to?: PolicyPeer[] | null;
  ports?: PolicyPort[] | null;
}

/** networking.k8s.io/v1 NetworkPolicy, as parsed YAML/JSON (structurally compatible with kubernetes-models' INetworkPolicy). */
export interface NetworkPolicyObject {
  metadata?: { name?: string; namespace?: string };
  spec?: {
    podSelector?: SelectorLike | null;
    policyTypes?: Direction[] | null;
    ingress?: PolicyIngressRule[] | null;
    egress?: PolicyEgressRule[] | null;
  };
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  /** Defaults to TCP. */
  protocol?: Protocol;
  /** Served by a container other than the component's main one (a proxy, a reloader, an exporter sidecar). */
  sidecar?: boolean;
}

export interface ClusterPod {
  name: string;
  namespace: string;
  labels: Labels;
  /** Every container's ports: named ports in policies resolve against these. */
  ports: ContainerPort[];
  /** `hostNetwork: true`: the pod uses its node's network, where NetworkPolicy behaviour is undefined. */
  hostNetwork?: boolean;
}

export interface ClusterNamespace {
  name: string;
  /** Labels as written; `kubernetes.io/metadata.name` is added by the evaluator as the API server does. */
  labels?: Labels;
  /** False when no Namespace object was given: its labels, besides its name, are unknown. */
  labelsKnown?: boolean;
}

export interface NetworkCluster {
  policies: NetworkPolicyObject[];
  /** Every pod known; needed for "namespaces with pods but no default deny". */
  pods: ClusterPod[];
  namespaces: ClusterNamespace[];
  /** Namespace of a policy whose metadata has none (what kubectl would apply it to). Default `default`. */
  defaultNamespace?: string;
}

/** One end of a flow: a pod of the cluster, or an address outside it. */
export type Endpoint = { kind: "pod"; pod: ClusterPod } | { kind: "ip"; ip: string };

export interface Flow {
  from: Endpoint;
  to: Endpoint;
  /** A port number, or the name of one of the destination pod's container ports. */
  port: number | string;
  /** Default TCP. */
  protocol?: Protocol;
}

/** One allow rule, or one peer of it: `peerIndex` is absent when the rule has no peers (all peers). */
export interface RuleRef {
  /** `namespace/name`. */
  policy: string;
  direction: Direction;
  ruleIndex: number;
  peerIndex?: number;
}

export type SideVerdict =
  /** The endpoint on this side is outside the cluster: no policy applies to it. */
  | { status: "external" }
  /** No policy selecting the pod has this policy type: everything allowed. */
  | { status: "not-isolated" }
  /** Isolated, and these rules (every matching peer of every matching rule) allow the flow. */
  | { status: "allowed"; isolatedBy: string[]; by: RuleRef[] }
  | { status: "blocked"; isolatedBy: string[]; reason: string };

export interface FlowVerdict {
  flow: Flow;
  allowed: boolean;
  /** At the source: does it allow the traffic out? */
  egress: SideVerdict;
  /** At the destination: does it allow the traffic in? */
  ingress: SideVerdict;
  /** When the flow's named port does not exist on the destination pod. */
  problem?: string;
  /** One line: "allowed by …" or the blocking side's reason. */
  summary: string;
  /**
   * When the verdict rests on something the input cannot show (a hostNetwork pod, the labels of a
   * namespace with no Namespace object): what is uncertain, and the assumption made. Empty: none.
   */
  uncertain: string[];
}
