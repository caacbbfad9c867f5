/**
 * Property: whatever YAML comes in, the audit answers. Either the input is refused with a
 * ManifestParseError naming file:line (exit 2), or an inventory is read and every rule and every
 * reporter runs without throwing. Inputs: Kubernetes-shaped documents whose fields are sometimes
 * right, sometimes of the wrong type, plus raw text; at least 10,000 documents in all.
 */
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { ManifestParseError } from "../inventory/manifest-documents.js";
import { readInventory } from "../inventory/read-inventory.js";
import { runAudit } from "./run-audit.js";
import { formatJson } from "./reporters/json-report.js";
import { formatSarif } from "./reporters/sarif-report.js";
import { formatText } from "./reporters/text-report.js";

const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3, max: 5 }),
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 12 }),
  fc.constant(""),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: a }, { weight: 1, arbitrary: junk });

const labels = fc.dictionary(
  fc.constantFrom("app", "app.kubernetes.io/name", "hamon.io/component", "prometheus", "tier"),
  fc.constantFrom("grafana", "prometheus", "k8s", "thanos-query", "x"),
  { maxKeys: 3 },
);
const flagWord = fc.oneof(
  fc.constantFrom(
    "query",
    "store",
    "compact",
    "rule",
    "sidecar",
    "--wait",
    "--cluster.peer=am-0:9094",
    "--cluster.listen-address=",
    "--requirepass",
    "$(PW)",
    "hunter2",
  ),
  fc.constantFrom(
    "--query.replica-label=replica",
    "--deduplication.replica-label=prometheus_replica",
    "--deduplication.func=penalty",
    "--objstore.config-file=/etc/o/o.yml",
    "--alertmanagers.url=http://am.monitoring.svc:9093",
  ),
  fc.string({ maxLength: 10 }),
);
const container = fc.record(
  {
    name: maybe(fc.constantFrom("main", "grafana", "thanos")),
    image: maybe(
      fc.constantFrom(
        "quay.io/thanos/thanos:v0.36.1",
        "grafana/grafana:11",
        "quay.io/prometheus/alertmanager:v0.27.0",
        "quay.io/prometheus/prometheus:v2.54.1",
        "redis:7",
        "busybox",
      ),
    ),
    args: maybe(fc.array(flagWord, { maxLength: 5 })),
    env: maybe(
      fc.array(
        fc.record({
          name: maybe(
            fc.constantFrom("GF_DATABASE_TYPE", "GF_SECURITY_ADMIN_PASSWORD", "GF_UNIFIED_ALERTING_HA_PEERS", "X"),
          ),
          value: junk,
        }),
        { maxLength: 3 },
      ),
    ),
    volumeMounts: maybe(
      fc.array(
        fc.record({
          name: maybe(fc.constantFrom("a", "storage")),
          mountPath: maybe(fc.constantFrom("/var/lib/grafana", "/etc/o")),
        }),
        { maxLength: 2 },
      ),
    ),
  },
  { requiredKeys: [] },
);
const affinity = fc.record(
  {
    podAntiAffinity: maybe(
      fc.record(
        {
          requiredDuringSchedulingIgnoredDuringExecution: maybe(
            fc.array(
              fc.record(
                {
                  topologyKey: maybe(fc.constantFrom("kubernetes.io/hostname", "topology.kubernetes.io/zone")),
                  labelSelector: maybe(
                    fc.record(
                      {
                        matchLabels: maybe(labels),
                        matchExpressions: maybe(
                          fc.array(
                            fc.record({
                              key: junk,
                              operator: maybe(fc.constantFrom("In", "NotIn", "Exists", "DoesNotExist")),
                              values: junk,
                            }),
                            { maxLength: 2 },
                          ),
                        ),
                      },
                      { requiredKeys: [] },
                    ),
                  ),
                },
                { requiredKeys: [] },
              ),
              { maxLength: 2 },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    nodeAffinity: maybe(
      fc.record(
        {
          requiredDuringSchedulingIgnoredDuringExecution: maybe(
            fc.record(
              {
                nodeSelectorTerms: maybe(
                  fc.array(
                    fc.record(
                      {
                        matchExpressions: maybe(
                          fc.array(
                            fc.record({
                              key: maybe(fc.constant("topology.kubernetes.io/zone")),
                              operator: maybe(fc.constant("In")),
                              values: junk,
                            }),
                            { maxLength: 2 },
                          ),
                        ),
                      },
                      { requiredKeys: [] },
                    ),
                    { maxLength: 2 },
                  ),
                ),
              },
              { requiredKeys: [] },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);
const podSpec = fc.record(
  {
    containers: maybe(fc.array(maybe(container), { maxLength: 3 })),
    affinity: maybe(affinity),
    priorityClassName: junk,
    volumes: maybe(
      fc.array(
        fc.record(
          {
            name: junk,
            configMap: maybe(fc.record({ name: junk })),
            secret: maybe(fc.record({ secretName: junk })),
            emptyDir: junk,
          },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
    ),
  },
  { requiredKeys: [] },
);
const spec = fc.record(
  {
    replicas: junk,
    instances: junk,
    shards: junk,
    selector: maybe(fc.record({ matchLabels: maybe(labels) }, { requiredKeys: [] })),
    template: maybe(
      fc.record(
        { metadata: maybe(fc.record({ labels: maybe(labels) }, { requiredKeys: [] })), spec: maybe(podSpec) },
        { requiredKeys: [] },
      ),
    ),
    minAvailable: junk,
    maxUnavailable: junk,
    replicaExternalLabelName: junk,
    thanos: junk,
    storage: maybe(
      fc.record(
        {
          volumeClaimTemplate: maybe(
            fc.record(
              { spec: maybe(fc.record({ storageClassName: junk }, { requiredKeys: [] })) },
              { requiredKeys: [] },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    affinity: maybe(affinity),
    volumeClaimTemplates: junk,
    strategy: junk,
  },
  { requiredKeys: [] },
);
const kinds = fc.constantFrom(
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "Prometheus",
  "Alertmanager",
  "ThanosRuler",
  "Cluster",
  "PodDisruptionBudget",
  "StorageClass",
  "ConfigMap",
  "Secret",
  "Service",
  "PriorityClass",
  "PersistentVolumeClaim",
  "NetworkPolicy",
  "Foo",
);
const object = fc.record(
  {
    apiVersion: maybe(
      fc.constantFrom(
        "apps/v1",
        "monitoring.coreos.com/v1",
        "postgresql.cnpg.io/v1",
        "policy/v1",
        "v1",
        "storage.k8s.io/v1",
      ),
    ),
    kind: maybe(kinds),
    metadata: maybe(
      fc.record(
        {
          name: junk,
          namespace: junk,
          labels: maybe(labels),
          annotations: maybe(
            fc.record(
              { "hamon.io/ignore": junk, "storageclass.kubernetes.io/is-default-class": junk },
              { requiredKeys: [] },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    spec: maybe(spec),
    data: maybe(
      fc.dictionary(
        fc.constantFrom("grafana.ini", "prometheus.yml", "alertmanager.yaml", "x.yaml"),
        fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.constant("[database]\ntype=postgres\npassword=x"),
          fc.constant("global: {slack_api_url: http://x}"),
        ),
        { maxKeys: 2 },
      ),
    ),
    provisioner: maybe(fc.constantFrom("ebs.csi.aws.com", "nfs")),
    volumeBindingMode: junk,
  },
  { requiredKeys: [] },
);
const listOf = fc.array(object, { maxLength: 3 }).map((items) => ({ apiVersion: "v1", kind: "List", items }));
const document = fc.oneof(
  { weight: 8, arbitrary: object.map((o) => stringify(o)) },
  { weight: 1, arbitrary: listOf.map((o) => stringify(o)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

describe("the audit never throws on arbitrary YAML", () => {
  it("answers on ≥ 10,000 generated documents", () => {
    let documents = 0;
    let refused = 0;
    let withFindings = 0;
    fc.assert(
      fc.property(fc.array(document, { minLength: 10, maxLength: 14 }), (docs) => {
        documents += docs.length;
        const text = docs.join("\n---\n");
        let inventory;
        try {
          inventory = readInventory([{ file: "gen.yaml", text }]);
        } catch (e) {
          if (!(e instanceof ManifestParseError)) throw e;
          expect(e.message).toMatch(/^gen\.yaml:\d+: /);
          refused++;
          return;
        }
        const result = runAudit(inventory);
        expect(result.ruleErrors).toEqual([]);
        if (result.findings.length > 0) withFindings++;
        formatText(result, { color: true, verbose: true });
        JSON.parse(formatJson(result));
        JSON.parse(formatSarif(result, "0.1.0"));
      }),
      { numRuns: 1000 },
    );
    expect(documents).toBeGreaterThanOrEqual(10_000);
    // Most inputs must get past the parser, or the property tests little.
    expect(refused).toBeLessThan(500);
    // …and the generated objects must reach the rules.
    expect(withFindings).toBeGreaterThan(100);
    // 1,000 audits of ~12 documents: seconds on an idle machine, minutes on a loaded one.
  }, 300_000);
});
