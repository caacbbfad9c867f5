/**
 * The HA properties of the rendered stack, asserted on the objects themselves.
 */
import { describe, expect, it } from "vitest";
import { REPLICA_LABEL } from "./stack-facts.js";
import { HOSTNAME_LABEL, ZONE_LABEL } from "../k8s/well-known-labels.js";
import { exampleStack, exampleVariant } from "../../test/support/example-stack.js";
import { EXAMPLE_DATABASE_YAML } from "../spec/example.js";
import { matches, renderedPods, withLine, type RenderedView } from "../../test/support/rendered.js";
import { COMPONENT_LABEL } from "../vocabulary.js";
import { Quantity } from "../units/quantity.js";

const example = exampleStack().view;
const exampleVariantView = (edit: (yaml: string) => string) => exampleVariant(edit).view;
const pods = renderedPods(example);
const replicated = pods.filter((p) => p.replicas > 1);

describe("the example render", () => {
  it("renders every component of phase 4", () => {
    expect(example.folders.map((f) => f.folder)).toEqual([
      "platform",
      "prometheus",
      "alertmanager",
      "thanos-query",
      "thanos-query-frontend",
      "thanos-store",
      "thanos-compact",
      "grafana",
      "postgresql",
      "node-exporter",
      "kube-state-metrics",
      "cluster-monitors",
      "network-policies",
      "rules",
    ]);
  });

  it("gives every replicated workload required anti-affinity per node that selects its own pods", () => {
    expect(replicated.map((p) => p.owner)).toEqual([
      "Prometheus/hamon#shard-0",
      "Alertmanager/hamon",
      "Deployment/thanos-query",
      "Deployment/thanos-query-frontend",
      "StatefulSet/thanos-store-0",
      "Deployment/grafana",
      "Deployment/kube-state-metrics",
    ]);
    for (const p of replicated) {
      const terms = p.pod.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
      const host = terms.find((t: any) => t.topologyKey === HOSTNAME_LABEL);
      expect(host, p.owner).toBeDefined();
      expect(matches(host.labelSelector.matchLabels, p.labels), `${p.owner} anti-affinity selects its own pods`).toBe(
        true,
      );
    }
  });

  it("spreads the replicas with zonal volumes over zones strictly, the stateless ones softly", () => {
    const required = ["Prometheus/hamon#shard-0", "Alertmanager/hamon", "StatefulSet/thanos-store-0"];
    for (const p of replicated) {
      const spread = (p.pod.topologySpreadConstraints ?? []).find((c: any) => c.topologyKey === ZONE_LABEL);
      if (required.includes(p.owner))
        expect(spread, p.owner).toMatchObject({
          maxSkew: 1,
          whenUnsatisfiable: "DoNotSchedule",
          minDomains: 2,
          nodeTaintsPolicy: "Honor",
        });
      else
        expect(spread, p.owner).toEqual(expect.objectContaining({ maxSkew: 1, whenUnsatisfiable: "ScheduleAnyway" }));
      if (spread) expect(matches(spread.labelSelector.matchLabels, p.labels)).toBe(true);
    }
  });

  it("spreads each Prometheus shard on its own: the operator adds the shard's labels to the selector", () => {
    const spread = example.one("Prometheus", "hamon").spec.topologySpreadConstraints;
    expect(spread).toEqual([expect.objectContaining({ additionalLabelSelectors: "OnShard" })]);
  });

  it("bounds each Prometheus volume with a size retention below it, from the spec's volume when given", () => {
    const bytes = (text: string) => {
      const [, n, unit] = /^([0-9]+)(GB|MB)$/.exec(text)!;
      return Number(n) * (unit === "GB" ? 2 ** 30 : 2 ** 20);
    };
    const prom = example.one("Prometheus", "hamon").spec;
    const volume = Quantity.parse(prom.storage.volumeClaimTemplate.spec.resources.requests.storage).value;
    expect(bytes(prom.retentionSize) / volume).toBeCloseTo(0.8, 2);
    const fixed = exampleVariantView((y) => y.replace(/^prometheus:\n/m, "prometheus:\n  storageSize: 100Gi\n"));
    expect(fixed.one("Prometheus", "hamon").spec.retentionSize).toBe("80GB");
  });

  it("follows the spec's zoneSpread choice", () => {
    const view = exampleVariantView(withLine("zoneSpread: required ", "zoneSpread: preferred"));
    const spread = view.one("Prometheus", "hamon").spec.topologySpreadConstraints;
    expect(spread).toEqual([expect.objectContaining({ whenUnsatisfiable: "ScheduleAnyway" })]);
    expect(spread[0]).not.toHaveProperty("minDomains");
  });

  it("covers every replicated workload with a PDB that allows at least one eviction", () => {
    const pdbs = example.byKind("PodDisruptionBudget");
    for (const p of replicated) {
      const covering = pdbs.filter((b) => matches(b.spec.selector.matchLabels, p.labels));
      expect(covering, p.owner).toHaveLength(1);
      const pdb = covering[0]!.spec;
      const allowed = pdb.maxUnavailable !== undefined ? pdb.maxUnavailable : p.replicas - pdb.minAvailable;
      expect(allowed, p.owner).toBeGreaterThanOrEqual(1);
    }
  });

  it("deduplicates on exactly the replica label Prometheus sets", () => {
    const prom = example.one("Prometheus", "hamon");
    expect(prom.spec.replicaExternalLabelName).toBe(REPLICA_LABEL);
    expect(prom.spec.replicas).toBeGreaterThanOrEqual(2);
    const queryArgs: string[] = example.one("Deployment", "thanos-query").spec.template.spec.containers[0].args;
    expect(queryArgs).toContain(`--query.replica-label=${prom.spec.replicaExternalLabelName}`);
    const compactArgs: string[] = example.one("StatefulSet", "thanos-compact").spec.template.spec.containers[0].args;
    expect(compactArgs).toContain(`--deduplication.replica-label=${prom.spec.replicaExternalLabelName}`);
    expect(compactArgs).toContain("--deduplication.func=penalty");
  });

  it("ships blocks with the Thanos sidecar using the referenced secret", () => {
    const prom = example.one("Prometheus", "hamon");
    expect(prom.spec.thanos.objectStorageConfig).toEqual({ name: "thanos-objstore", key: "objstore.yml" });
    expect(prom.spec.externalLabels.cluster).toBe("prod-eu");
  });

  it("points Thanos Query at every StoreAPI through DNS SRV of Services that exist with a grpc port", () => {
    const args: string[] = example.one("Deployment", "thanos-query").spec.template.spec.containers[0].args;
    const endpoints = args.filter((a) => a.startsWith("--endpoint=")).map((a) => a.slice("--endpoint=".length));
    expect(endpoints).toEqual([
      "dnssrv+_grpc._tcp.prometheus-operated.monitoring.svc",
      "dnssrv+_grpc._tcp.thanos-store.monitoring.svc",
    ]);
    const store = example.one("Service", "thanos-store");
    expect(store.spec.clusterIP).toBe("None");
    expect(store.spec.ports.map((p: any) => p.name)).toContain("grpc");
  });

  it("sends alerts to every Alertmanager pod, not through a load-balanced address", () => {
    const [target] = example.one("Prometheus", "hamon").spec.alerting.alertmanagers;
    // alertmanager-operated is the operator's governing Service; the operator configures
    // endpoint discovery on it, which yields one target per pod.
    expect(target).toMatchObject({ name: "alertmanager-operated", port: "web", namespace: "monitoring" });
    expect(example.one("Alertmanager", "hamon").spec.replicas).toBe(3);
  });

  it("runs exactly one Compactor, with retention and downsampling from the spec", () => {
    const compact = example.one("StatefulSet", "thanos-compact");
    expect(compact.spec.replicas).toBe(1);
    const args: string[] = compact.spec.template.spec.containers[0].args;
    expect(args).toEqual(
      expect.arrayContaining([
        "--retention.resolution-raw=30d",
        "--retention.resolution-5m=180d",
        "--retention.resolution-1h=2y",
      ]),
    );
    expect(args).not.toContain("--downsampling.disable");
  });

  it("shards the Store Gateway with replicas per shard", () => {
    const v = exampleVariantView(withLine("store: { shards: 1, replicas: 2 }", "store: { shards: 3, replicas: 2 }"));
    const sets = v.byKind("StatefulSet").filter((s) => s.metadata.name.startsWith("thanos-store-"));
    expect(sets.map((s) => s.spec.replicas)).toEqual([2, 2, 2]);
    const selectors = sets.map((s) =>
      s.spec.template.spec.containers[0].args.find((a: string) => a.startsWith("--selector.relabel-config=")),
    );
    selectors.forEach((sel, shard) => {
      const config = JSON.parse(sel.split("=").slice(1).join("="));
      expect(config[0]).toMatchObject({ action: "hashmod", modulus: 3, source_labels: ["__block_id"] });
      expect(config[1]).toMatchObject({ action: "keep", regex: String(shard) });
    });
  });

  it("runs Grafana HA on PostgreSQL (its cache there too, no Redis) with alerting peers over TCP and UDP 9094", () => {
    const grafana = example.one("Deployment", "grafana");
    expect(grafana.spec.replicas).toBeGreaterThanOrEqual(2);
    const env = Object.fromEntries(
      grafana.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom]),
    );
    expect(env.GF_DATABASE_TYPE).toBe("postgres");
    expect(env.GF_DATABASE_HOST).toBe("grafana-db-rw.monitoring.svc:5432");
    // No remote cache setting: Grafana's default, the database every replica shares.
    expect(env.GF_REMOTE_CACHE_TYPE).toBeUndefined();
    expect(example.byKind("Deployment").map((d) => d.metadata.name)).not.toContain("grafana-redis");
    expect(env.GF_UNIFIED_ALERTING_HA_PEERS).toBe("grafana-alerting.monitoring.svc:9094");
    const peers = example.one("Service", "grafana-alerting");
    expect(peers.spec.clusterIP).toBe("None");
    expect(peers.spec.ports.map((p: any) => `${p.port}/${p.protocol}`).sort()).toEqual(["9094/TCP", "9094/UDP"]);
    expect(matches(peers.spec.selector, grafana.spec.template.metadata.labels)).toBe(true);
  });

  it("provisions the Thanos datasource through the Query Frontend Service, deduplicated", () => {
    const yaml = example.one("ConfigMap", "grafana-datasources").data["datasources.yaml"] as string;
    expect(yaml).toContain("url: http://thanos-query-frontend.monitoring.svc:10902");
    expect(yaml).toContain("dedup=true");
    expect(example.one("Service", "thanos-query-frontend").spec.ports[0].port).toBe(10902);
  });

  it("keeps secrets by reference: no literal credential anywhere", () => {
    for (const p of pods) {
      for (const c of p.containers) {
        for (const e of c.env ?? []) {
          if (/(PASSWORD|SECRET|TOKEN)(_KEY)?$/.test(e.name))
            expect(e.valueFrom?.secretKeyRef, `${p.owner} ${e.name}`).toBeDefined();
        }
      }
    }
    // The only Secret hamon writes is the Alertmanager routing, which holds no credentials.
    expect(example.byKind("Secret").map((s) => s.metadata.name)).toEqual(["alertmanager-hamon"]);
  });

  it("runs PostgreSQL as 3 CloudNativePG instances, one per zone", () => {
    const db = example.one("Cluster", "grafana-db");
    expect(db.spec.instances).toBe(3);
    expect(db.spec.affinity).toMatchObject({
      enablePodAntiAffinity: true,
      podAntiAffinityType: "required",
      topologyKey: ZONE_LABEL,
    });
  });

  it("puts every volume on the WaitForFirstConsumer StorageClass", () => {
    const [sc] = example.byKind("StorageClass");
    expect(sc).toMatchObject({ metadata: { name: "hamon-ssd" }, volumeBindingMode: "WaitForFirstConsumer" });
    const classes = [
      ...example
        .byKind("StatefulSet")
        .flatMap((s) => s.spec.volumeClaimTemplates.map((t: any) => t.spec.storageClassName)),
      ...["Prometheus", "Alertmanager"].map(
        (k) => example.byKind(k)[0]!.spec.storage.volumeClaimTemplate.spec.storageClassName,
      ),
      example.one("Cluster", "grafana-db").spec.storage.storageClass,
    ];
    expect(new Set(classes)).toEqual(new Set(["hamon-ssd"]));
  });

  it("places every pod on the dedicated pool with a PriorityClass that exists", () => {
    const classes = new Set(example.byKind("PriorityClass").map((c) => c.metadata.name));
    // node-exporter runs on every node, not on the pool (node-exporter.test.ts).
    for (const p of pods.filter((x) => x.owner !== "DaemonSet/node-exporter")) {
      expect(p.pod.nodeSelector, p.owner).toEqual({ "hamon.io/pool": "monitoring" });
      expect(p.pod.tolerations, p.owner).toEqual([
        { key: "hamon.io/dedicated", operator: "Equal", value: "monitoring", effect: "NoSchedule" },
      ]);
      expect(classes.has(p.pod.priorityClassName), p.owner).toBe(true);
    }
    const values = Object.fromEntries(example.byKind("PriorityClass").map((c) => [c.metadata.name, c.value]));
    expect(values["hamon-monitoring-critical"]).toBeGreaterThan(values["hamon-monitoring"]);
    expect(values["hamon-monitoring"]).toBeGreaterThan(0);
  });

  it("meets Pod Security restricted in every pod and container hamon writes", () => {
    expect(example.byKind("Namespace")[0]!.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    for (const p of pods) {
      expect(p.pod.securityContext, p.owner).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: "RuntimeDefault" },
      });
      for (const c of p.containers) {
        expect(c.securityContext, `${p.owner}/${c.name}`).toMatchObject({
          allowPrivilegeEscalation: false,
          capabilities: { drop: ["ALL"] },
        });
      }
    }
  });

  it("denies all traffic by default and lets every component's pods through a policy of their own", () => {
    const policies = example.byKind("NetworkPolicy");
    expect(policies.find((p) => p.metadata.name === "default-deny")?.spec).toEqual({
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
    });
    for (const p of pods) {
      const own = policies.filter(
        (np) => np.spec.podSelector.matchLabels && matches(np.spec.podSelector.matchLabels, p.labels),
      );
      expect(own.length, p.owner).toBe(1);
    }
    const dns = policies.find((p) => p.metadata.name === "allow-dns")!;
    expect(dns.spec.egress[0].ports).toEqual([
      { port: 53, protocol: "TCP" },
      { port: 53, protocol: "UDP" },
    ]);
  });

  it("labels every pod with its hamon component", () => {
    for (const p of pods) expect(p.labels[COMPONENT_LABEL], p.owner).toBeTruthy();
  });

  it("matches every Service selector to some rendered pods", () => {
    for (const s of example.byKind("Service")) {
      if (s.metadata.name === "prometheus" || s.metadata.name === "alertmanager") continue; // operator-labelled pods, checked below
      expect(
        pods.some((p) => matches(s.spec.selector, p.labels)),
        s.metadata.name,
      ).toBe(true);
    }
    for (const name of ["prometheus", "alertmanager"]) {
      expect(
        pods.some((p) => matches(example.one("Service", name).spec.selector, p.labels)),
        name,
      ).toBe(true);
    }
  });
});

/** The folders of the cluster's targets, in every phase (on by default). */
const CLUSTER_TARGET_FOLDERS = ["node-exporter", "kube-state-metrics", "cluster-monitors"];

describe("phases", () => {
  // The meta-monitoring rules come last in every phase; the rest grows phase by phase.
  const folders = (phase: number) =>
    exampleVariantView(withLine("phase: 4 ", `phase: ${phase} `))
      .folders.map((f) => f.folder)
      .filter((f) => f !== "rules");

  it("phase 1: Prometheus HA pair and Alertmanager cluster only, no Thanos sidecar", () => {
    const v = exampleVariantView(withLine("phase: 4 ", "phase: 1 "));
    expect(v.folders.map((f) => f.folder)).toEqual([
      "platform",
      "prometheus",
      "alertmanager",
      ...CLUSTER_TARGET_FOLDERS,
      "rules",
    ]);
    expect(v.one("Prometheus", "hamon").spec.thanos).toBeUndefined();
    // The stack's PriorityClasses come with phase 4; node-exporter's own is there in every phase.
    expect(v.byKind("PriorityClass").map((c) => c.metadata.name)).toEqual(["hamon-node-exporter"]);
    expect(
      renderedPods(v)
        .filter((p) => p.owner !== "DaemonSet/node-exporter")
        .every((p) => p.pod.nodeSelector === undefined && p.pod.priorityClassName === undefined),
    ).toBe(true);
    // HA scaffolding is phase 1 already.
    expect(v.byKind("PodDisruptionBudget").map((p) => p.metadata.name)).toEqual([
      "prometheus-hamon",
      "alertmanager-hamon",
      "kube-state-metrics",
    ]);
  });

  it("phase 2 adds Thanos; phase 3 adds Grafana, PostgreSQL; phase 4 adds policies", () => {
    const withoutTargets = (phase: number) => folders(phase).filter((f) => !CLUSTER_TARGET_FOLDERS.includes(f));
    expect(withoutTargets(2)).toEqual([
      "platform",
      "prometheus",
      "alertmanager",
      "thanos-query",
      "thanos-query-frontend",
      "thanos-store",
      "thanos-compact",
    ]);
    expect(withoutTargets(3)).toEqual([...withoutTargets(2), "grafana", "postgresql"]);
    expect(withoutTargets(4)).toEqual([...withoutTargets(3), "network-policies"]);
    // The cluster's targets are there from phase 1 on.
    for (const phase of [1, 2, 3, 4])
      expect(folders(phase).filter((f) => CLUSTER_TARGET_FOLDERS.includes(f))).toEqual(CLUSTER_TARGET_FOLDERS);
  });

  it("uses an external database by reference instead of CloudNativePG", () => {
    const v = exampleVariantView(
      withLine(
        EXAMPLE_DATABASE_YAML,
        "database: { type: external, host: 'db.example:5432', secretName: grafana-db-user }",
      ),
    );
    expect(v.byKind("Cluster")).toHaveLength(0);
    const env = v.one("Deployment", "grafana").spec.template.spec.containers[0].env;
    expect(env.find((e: any) => e.name === "GF_DATABASE_HOST").value).toBe("db.example:5432");
    expect(env.find((e: any) => e.name === "GF_DATABASE_PASSWORD").valueFrom.secretKeyRef).toEqual({
      name: "grafana-db-user",
      key: "password",
    });
  });

  it("connects Grafana to an external database on the port its host names, and allows exactly that port", () => {
    const withHost = (host: string) =>
      exampleVariantView(
        withLine(EXAMPLE_DATABASE_YAML, `database: { type: external, host: '${host}', secretName: grafana-db-user }`),
      );
    const databaseEgress = (v: RenderedView) =>
      v
        .one("NetworkPolicy", "allow-grafana")
        .spec.egress.filter((rule: any) => rule.to?.some((peer: any) => peer.ipBlock))
        .flatMap((rule: any) => rule.ports.map((p: any) => `${p.protocol}/${p.port}`));
    const hostEnv = (v: RenderedView) =>
      v
        .one("Deployment", "grafana")
        .spec.template.spec.containers[0].env.find((e: any) => e.name === "GF_DATABASE_HOST").value;

    // TCP/443 is the example's identity provider (grafana.oauth).
    const custom = withHost("db.example:6543");
    expect(hostEnv(custom)).toBe("db.example:6543");
    expect(databaseEgress(custom)).toEqual(["TCP/443", "TCP/6543"]);
    // No port: PostgreSQL's default, written out so that Grafana and the policy agree.
    const plain = withHost("db.example");
    expect(hostEnv(plain)).toBe("db.example:5432");
    expect(databaseEgress(plain)).toEqual(["TCP/443", "TCP/5432"]);
  });
});
