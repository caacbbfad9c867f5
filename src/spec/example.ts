/**
 * The built-in example spec: what `hamon init` writes and what every command uses when no
 * SPEC is given. Three zones, a dedicated monitoring node pool of two nodes per zone.
 * Comments here are the user's first documentation; keep them in step with the schema.
 */
/**
 * The example's Grafana database block, from `database:` to its last line: tests that swap in
 * another database (an external one) replace exactly this text.
 */
export const EXAMPLE_DATABASE_YAML = `database:
    type: cloudnativepg
    instances: 3             # one PostgreSQL instance per zone
    backup:                  # WAL archive + daily base backups to object storage (restore: docs/backups.md)
      destinationPath: s3://prod-eu-grafana-backups/grafana-db
      secretName: grafana-db-backup      # you create it: keys ACCESS_KEY_ID, ACCESS_SECRET_KEY
      schedule: "0 0 3 * * *"            # seconds first: 03:00 UTC every day
      retention: 30d`;

export const EXAMPLE_SPEC_YAML = `# hamon.yaml: one highly available monitoring stack for one Kubernetes cluster.
# Every key not written here takes the default that \`hamon schema\` documents.
# Editors: add "# yaml-language-server: $schema=./hamon.schema.json" and run \`hamon schema > hamon.schema.json\`.
apiVersion: hamon.io/v1alpha1
kind: MonitoringStack

cluster:
  name: prod-eu              # becomes Prometheus' external label cluster="prod-eu"
  zones: [eu-west-1a, eu-west-1b, eu-west-1c]

namespace: monitoring
phase: 4                     # 1 Prometheus+Alertmanager HA, 2 +Thanos, 3 +Grafana HA, 4 +policies, node pool, priorities

nodePool:                    # dedicated nodes for the stack (phase 4 selects and tolerates them)
  labels: { hamon.io/pool: monitoring }
  taint: { key: hamon.io/dedicated, value: monitoring, effect: NoSchedule }
  nodesPerZone: 2
  cpu: "8"
  memory: 32Gi

storage:                     # rendered as a StorageClass with volumeBindingMode WaitForFirstConsumer
  className: hamon-ssd
  provisioner: ebs.csi.aws.com
  parameters: { type: gp3 }

objectStorage:               # Thanos bucket config, by reference: create this Secret yourself
  secretName: thanos-objstore
  secretKey: objstore.yml

workload:
  activeSeries: 1000000      # before HA duplication
  scrapeInterval: 30s
  localRetention: 2d         # on each Prometheus volume; older data comes from the bucket
  longTermRetention: { raw: 30d, fiveMinutes: 180d, oneHour: 2y }

prometheus:
  replicas: 2                # an HA pair per shard, deduplicated by Thanos Query
  shards: auto               # sized from workload.activeSeries
  zoneSpread: required       # a pair never in one zone (its volumes are zonal); docs/placement.md

alertmanager:
  replicas: 3                # any count >= 2 is HA: the gossip cluster is AP, no quorum

alerting:                    # hamon renders the routing; credentials stay in a Secret you create
  secretName: alertmanager-receivers   # mounted in each Alertmanager at /etc/alertmanager/secrets/alertmanager-receivers/
  receivers:
    - { name: pager, type: pagerduty, secretKey: pagerduty-routing-key }
    - { name: chat, type: slack, secretKey: slack-webhook-url, channel: "#alerts" }
  routes: { critical: pager, warning: chat, info: chat }
  heartbeat:                 # dead man's switch: Watchdog pings a service outside the cluster
    url: https://api.opsgenie.com/v2/heartbeats/prod-eu/ping
    secretKey: opsgenie-heartbeat-key
    authorizationType: GenieKey
    repeatInterval: 1m       # the outside service expects a ping every 1m10s (timings: docs/alerting.md)

thanos:
  query: { replicas: 2 }
  queryFrontend: { replicas: 2 }
  store: { shards: 1, replicas: 2 }

grafana:
  replicas: 2
  ${EXAMPLE_DATABASE_YAML}
  secretKey: { secretName: grafana-secret-key, key: secret-key }   # encrypts data source secrets: create once, never change
  ingress:                   # the way in (or type: httproute with parentRefs, for a Gateway)
    type: ingress
    host: grafana.example.com
    className: nginx
    tls: { secretName: grafana-tls, certManager: { kind: ClusterIssuer, name: letsencrypt } }
    controller: { namespace: ingress-nginx }   # its pods alone may reach Grafana (NetworkPolicy)
  oauth:                     # single sign-on (any OpenID Connect provider); the client secret stays in a Secret
    clientId: grafana
    clientSecret: { secretName: grafana-oauth, key: client-secret }
    authUrl: https://login.example.com/oauth2/authorize
    tokenUrl: https://login.example.com/oauth2/token
    apiUrl: https://login.example.com/oauth2/userinfo
  redis: { enabled: false }  # the cache lives in the shared database; when Redis helps: docs/grafana.md
`;
