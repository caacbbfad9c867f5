/**
 * Bounds on what a spec may ask for: past them a value is a typo, not a plan, and hamon refuses
 * it at its spec path rather than render objects that the cluster cannot run.
 */

const Ti = 2 ** 40;

/**
 * Largest spec file hamon reads. A real spec is a few kilobytes (the built-in example is under
 * 2 KB); the cap keeps a runaway or wrong file from being parsed at all.
 */
export const MAX_SPEC_BYTES = 1024 * 1024;

/**
 * Largest node hamon plans for. Judgment: the largest cloud machines sold today stay under
 * about 900 vCPUs and 32 TiB of memory (e.g. AWS's high-memory u7in instances,
 * aws.amazon.com/ec2/instance-types/high-memory/); these bounds leave room above them.
 */
export const MAX_NODE_CPU = 4096;
export const MAX_NODE_MEMORY_BYTES = 64 * Ti;

/**
 * Largest volume hamon renders: 64 TiB, the largest single block volume of the major clouds
 * (AWS EBS io2 Block Express, docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html;
 * Google Persistent Disk, cloud.google.com/compute/docs/disks; Azure Ultra Disk,
 * learn.microsoft.com/azure/virtual-machines/disks-types). A claim above it stays Pending.
 */
export const MAX_VOLUME_BYTES = 64 * Ti;

/**
 * Namespaces hamon refuses to render into. hamon owns the namespace it renders: it labels it
 * Pod Security "restricted" and puts a default-deny NetworkPolicy in it, which would break every
 * other workload there. `default`, `kube-system`, `kube-public` and `kube-node-lease` are the
 * namespaces a cluster starts with, and the `kube-` prefix is reserved for Kubernetes system
 * namespaces (kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/).
 */
export const CLUSTER_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;
export const RESERVED_NAMESPACE_PREFIX = "kube-";

/**
 * Most nodes that YAML aliases may add to a spec when expanded. Aliases in a spec repeat a few
 * small blocks (a resources override, a label set); nested aliases that expand exponentially
 * (a "billion laughs" alias bomb) would make every later step take forever.
 */
export const MAX_ALIAS_EXPANSION_NODES = 10_000;

/** Issues printed in a SpecError's message; the rest are counted ("… and 12 more"). */
export const MAX_PRINTED_ISSUES = 50;
