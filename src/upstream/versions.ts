/**
 * Every image and operator version hamon pins, in one table: the image repository and tag, the
 * upstream support status of that release, where that status is written, and when it was
 * checked. The spec's defaults, the rendered images and PREREQUISITES.md read these; a test fails
 * when a rendered container runs an image that is not here (src/upstream/versions.test.ts).
 *
 * Bumping: change `tag`, re-check `support` at `source`, set `checked`, and read
 * docs/versions.md ("Config valid for both") for what must stay valid on the older binaries the
 * tests run.
 */
import { DEFAULT_IMAGE as CNPG_DEFAULT_IMAGE } from "./cloudnative-pg.js";
import { DEFAULT_IMAGES as OPERATOR_DEFAULT_IMAGES } from "./prometheus-operator.js";

/** Upstream support of a pinned release. */
export type SupportStatus =
  /** A long-term-support release, fixed until `until` (YYYY-MM-DD). */
  | { kind: "lts"; until: string }
  /** Supported until `until` by the project's published policy (YYYY-MM-DD). */
  | { kind: "supported-until"; until: string }
  /** Supported as the project's latest release line: fixes land only in the newest release. */
  | { kind: "latest" };

export interface PinnedVersion {
  /** What runs it, in words. */
  what: string;
  /** Image repository; undefined for an operator the user installs from a release manifest. */
  image?: string;
  /** Image tag, or the release to install. */
  tag: string;
  support: SupportStatus;
  /** Where the support status (and the release) is written. */
  source: string;
  /** When the release and its status were last checked (YYYY-MM-DD). */
  checked: string;
  /** How the release was chosen when the sources do not say it plainly. */
  note?: string;
}

const CHECKED = "2026-12-01";

export const VERSIONS = {
  prometheus: {
    what: "Prometheus (run by the Prometheus Operator from the CR's `version`)",
    image: OPERATOR_DEFAULT_IMAGES.prometheus,
    tag: "v3.13.3",
    // The release-cycle page lists LTS releases with one year of fixes (2.53 until 2025-07-31,
    // 3.5 until 2026-07-31); 3.13 is the LTS after 3.5, "support until July 2027"
    // (gitlab.com/gitlab-org/omnibus-gitlab/-/merge_requests/9666). 3.13.3 (2026-09-07) is the
    // newest 3.13 patch found (sourceforge.net/projects/prometheus.mirror/files/).
    support: { kind: "lts", until: "2027-07-31" },
    source: "https://prometheus.io/docs/introduction/release-cycle/",
    checked: CHECKED,
    note: "3.13 is the current LTS; the stored copy of the release-cycle page ends at 3.5, the 3.13 LTS window is from GitLab's bump to it (omnibus-gitlab MR 9666).",
  },
  alertmanager: {
    what: "Alertmanager (run by the Prometheus Operator from the CR's `version`)",
    image: OPERATOR_DEFAULT_IMAGES.alertmanager,
    tag: "v0.35.1",
    // Alertmanager has no LTS: fixes ship in the newest minor. v0.35.1 is the newest release
    // (2026-11-24, pkg.go.dev/github.com/prometheus/alertmanager?tab=versions).
    support: { kind: "latest" },
    source: "https://github.com/prometheus/alertmanager/blob/main/CHANGELOG.md",
    checked: CHECKED,
  },
  thanos: {
    what: "Thanos (sidecar, Query, Query Frontend, Store Gateway, Compactor)",
    image: OPERATOR_DEFAULT_IMAGES.thanos,
    tag: "v0.42.5",
    // Thanos has no LTS: fixes ship in the newest minor. 0.42.5 is the newest patch found (Wolfi/Chainguard package 0.42.5,
    // 2026-11-19; thanos.io lists v0.42 as the newest docs version).
    support: { kind: "latest" },
    source: "https://github.com/thanos-io/thanos/releases",
    checked: CHECKED,
  },
  grafana: {
    what: "Grafana",
    image: "docker.io/grafana/grafana",
    tag: "12.4.10",
    // Each Grafana minor gets patches for 9 months; the last minor of a major gets 15 (Grafana's
    // upgrade and support policy, as summarised at versionlog.com/grafana/). 12.4 is the last
    // 12.x minor (13.x is out); 12.4.0 shipped in early 2026, so 12.4 is patched into 2027.
    support: { kind: "supported-until", until: "2027-05-31" },
    source: "https://versionlog.com/grafana/",
    checked: CHECKED,
    note: "12.4.10 (2026-09) is the newest 12.4 patch found (renovate updates in NethServer/ns8-metrics 1.4.0); the end date is 15 months after 12.4.0 by the policy above, rounded to the month because 12.4.0's day was not in the stored sources.",
  },
  nodeExporter: {
    what: "node-exporter",
    image: "quay.io/prometheus/node-exporter",
    tag: "v1.12.1",
    // Prometheus exporters have no LTS: fixes ship in the newest release (v1.12.1, 2026-07,
    // prometheus-community/helm-charts prometheus-node-exporter-4.56.1).
    support: { kind: "latest" },
    source: "https://github.com/prometheus/node_exporter/releases",
    checked: CHECKED,
  },
  kubeStateMetrics: {
    what: "kube-state-metrics",
    image: "registry.k8s.io/kube-state-metrics/kube-state-metrics",
    tag: "v2.20.0",
    // Its README's compatibility matrix keeps the five newest releases; v2.20.0 is the newest
    // (prometheus-community/helm-charts kube-state-metrics-8.4.0).
    support: { kind: "latest" },
    source: "https://github.com/kubernetes/kube-state-metrics#compatibility-matrix",
    checked: CHECKED,
  },
  postgresql: {
    what: "PostgreSQL for Grafana (CloudNativePG operand image, `standard` flavour: the Barman Cloud plugin brings its own backup tools)",
    image: CNPG_DEFAULT_IMAGE,
    tag: "17.9-standard-trixie",
    // PostgreSQL 17 is supported until 2029-11-08 (postgresql.org/support/versioning/, and the
    // table of github.com/cloudnative-pg/postgres-containers). Tags are
    // <major>.<minor>-<flavour>-<debian>; the `standard` flavour has no Barman Cloud, which the
    // plugin's sidecar provides (github.com/cloudnative-pg/postgres-containers README).
    support: { kind: "supported-until", until: "2029-11-08" },
    source: "https://www.postgresql.org/support/versioning/",
    checked: CHECKED,
    note: "17.9 is the newest 17.x minor for which a trixie-based CNPG operand tag was found in the stored sources; take the newest 17.x minor when bumping.",
  },
  redis: {
    what: "Redis for Grafana's remote cache",
    image: "docker.io/library/redis",
    tag: "8.10.2",
    // 8.10.2 is the docker library's `latest`; fixes ship in the newest minor lines.
    support: { kind: "latest" },
    source: "https://github.com/docker-library/official-images/blob/master/library/redis",
    checked: CHECKED,
  },
  redisExporter: {
    what: "redis_exporter beside Redis",
    image: "quay.io/oliver006/redis_exporter",
    tag: "v1.91.1",
    // One maintainer, fixes in the newest release (v1.91.1, 2026-09,
    // prometheus-community/helm-charts prometheus-redis-exporter-6.31.1).
    support: { kind: "latest" },
    source: "https://github.com/oliver006/redis_exporter/releases",
    checked: CHECKED,
  },
  prometheusOperator: {
    what: "Prometheus Operator (installed by you; the CRs are written against @kubernetes-models/prometheus-operator 6.0.0)",
    tag: "v0.90.1",
    // The operator supports its newest release; v0.90.1 is the newest tag indexed at
    // doc.crds.dev/github.com/prometheus-operator/prometheus-operator; since 0.86.0 it turns on UTF-8
    // names for Prometheus ≥ 3 itself (its release notes).
    support: { kind: "latest" },
    source: "https://github.com/prometheus-operator/prometheus-operator/releases",
    checked: CHECKED,
  },
  cloudNativePg: {
    what: "CloudNativePG operator (installed by you)",
    tag: "1.30.0",
    // "Support provided until 3 months after the N+1 minor release"; 1.30.0 was released
    // 2026-06-29 (cloudnative-pg.io/docs/1.30/release_notes/v1.30/) and is the newest minor
    // with release notes in the stored sources.
    support: { kind: "latest" },
    source: "https://cloudnative-pg.io/documentation/current/supported_releases/",
    checked: CHECKED,
    note: "1.30 is the newest minor found; when 1.31 is out, 1.30 stays supported for 3 more months.",
  },
  barmanCloudPlugin: {
    what: "CloudNativePG Barman Cloud plugin (installed by you in the operator's namespace; needs cert-manager)",
    tag: "v0.16.0",
    // The plugin replaces the in-tree `spec.backup.barmanObjectStore`, deprecated since
    // CloudNativePG 1.26 and removed in 1.32 (cloudnative-pg.io/docs/1.31/appendixes/backup_barmanobjectstore).
    // v0.16.0 requires CloudNativePG 1.30 or later (its intro.md).
    support: { kind: "latest" },
    source: "https://cloudnative-pg.io/plugin-barman-cloud/docs/intro/",
    checked: CHECKED,
  },
} as const satisfies Record<string, PinnedVersion>;

export type PinnedName = keyof typeof VERSIONS;

/** `<repository>:<tag>` of a pinned image. */
export function pinnedImage(name: PinnedName): string {
  const v: PinnedVersion = VERSIONS[name];
  if (v.image === undefined) throw new Error(`hamon bug: ${name} is an operator release, not an image`);
  return `${v.image}:${v.tag}`;
}

/** Every image the table pins, as `<repository>:<tag>`. */
export function pinnedImages(): string[] {
  return Object.values(VERSIONS as Record<string, PinnedVersion>).flatMap((v) =>
    v.image === undefined ? [] : [`${v.image}:${v.tag}`],
  );
}

/** `major.minor` of a release tag such as v1.30.0 or 1.30.0, e.g. for a release branch name. */
export function minorOf(tag: string): string {
  const m = /^v?(\d+)\.(\d+)/.exec(tag);
  if (!m) throw new Error(`hamon bug: ${tag} is not a major.minor release tag`);
  return `${m[1]}.${m[2]}`;
}
