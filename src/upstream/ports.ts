/**
 * The ports the stack's components listen on by default, each as its upstream documents it.
 * hamon renders with these, and the inventory, NetworkPolicy analysis and audit assume them when
 * a manifest leaves a port out.
 */
export const DEFAULT_PORTS = {
  /** `--web.listen-address` default `0.0.0.0:9090` (prometheus --help). */
  prometheusWeb: 9090,
  /** `--web.listen-address` default `:9093` (alertmanager --help). */
  alertmanagerWeb: 9093,
  /** `--cluster.listen-address` default `0.0.0.0:9094`, gossip over TCP and UDP (alertmanager --help). */
  alertmanagerCluster: 9094,
  /** `--grpc-address` default `0.0.0.0:10901`: the StoreAPI (thanos.io/tip/components/sidecar.md, query.md, store.md). */
  thanosGrpc: 10901,
  /** `--http-address` default `0.0.0.0:10902` (same pages). */
  thanosHttp: 10902,
  /** `[server] http_port` default 3000 (grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#http_port). */
  grafanaHttp: 3000,
  /** Grafana unified alerting gossip, TCP and UDP: `ha_listen_address` default `0.0.0.0:9094` (grafana.com/docs/grafana/latest/alerting/set-up/configure-high-availability/). */
  grafanaAlertingHa: 9094,
  /** PostgreSQL's `port` default (postgresql.org/docs/current/runtime-config-connection.html). */
  postgres: 5432,
  /** MySQL's default port (dev.mysql.com/doc/refman/8.0/en/server-system-variables.html#sysvar_port). */
  mysql: 3306,
  /** Redis' `port` default (redis.io/docs/latest/operate/oss_and_stack/management/config-file/). */
  redis: 6379,
  /** memcached's `-p` default. */
  memcached: 11211,
  /** oliver006/redis_exporter `--web.listen-address` default `:9121`. */
  redisExporter: 9121,
} as const;
