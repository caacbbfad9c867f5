/**
 * The addresses components are given, parsed: Thanos' `--endpoint`/`--store` forms
 * (thanos.io/tip/thanos/service-discovery.md: `dnssrv+_grpc._tcp.<svc>.<ns>.svc` looks up SRV
 * records, i.e. every pod behind the named port; `dnssrvnoa+` the same without A lookups;
 * `dns+host:port` A/AAAA records), URLs (`http://thanos-query.monitoring.svc:10902`), and
 * `host:port`. And host names → the Service they name in the cluster
 * (kubernetes.io/docs/concepts/services-networking/dns-pod-service/: `<svc>`, `<svc>.<ns>`,
 * `<svc>.<ns>.svc`, `<svc>.<ns>.svc.<cluster-domain>`, and `<pod>.<svc>.<ns>.svc…` for a pod
 * of a headless Service).
 */
import { DEFAULT_PORTS } from "../../upstream/ports.js";

export interface TargetAddress {
  host: string;
  /** Port number, when the address carries one (or a URL scheme implies it). */
  port?: number;
  /** SRV lookups name the Service port: `_grpc._tcp` → `grpc`. */
  srvPortName?: string;
  protocol: "TCP" | "UDP";
}

const SCHEME_PORTS: Record<string, number> = {
  http: 80,
  https: 443,
  grpc: 80,
  postgres: DEFAULT_PORTS.postgres,
  postgresql: DEFAULT_PORTS.postgres,
  mysql: DEFAULT_PORTS.mysql,
  redis: DEFAULT_PORTS.redis,
};

export function parseTargetAddress(value: string): TargetAddress | undefined {
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  const srv = /^(dnssrvnoa|dnssrv)\+/.test(trimmed);
  const v = trimmed.replace(/^(dnssrvnoa|dnssrv|dns)\+/, "");
  if (srv) {
    // Thanos' Alertmanager URLs put the scheme after the prefix: `dnssrv+http://_web._tcp.<svc>[/path]`
    // (thanos.io/tip/components/rule.md, `--alertmanagers.url`).
    const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?_([^.]+)\._(tcp|udp)\.([^/:]+?)(?::(\d+))?(?:\/.*)?$/i.exec(v);
    if (!m) return undefined;
    return { host: m[3] as string, srvPortName: m[1] as string, protocol: m[2] === "udp" ? "UDP" : "TCP" };
  }
  const url = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?/i.exec(v);
  if (url) {
    const scheme = (url[1] as string).toLowerCase();
    const port = url[3] ? Number(url[3]) : SCHEME_PORTS[scheme];
    return { host: url[2] as string, ...(port !== undefined ? { port } : {}), protocol: "TCP" };
  }
  const hp = /^(\[[^\]]+\]|[^/:\s]+)(?::(\d+))?(?:\/.*)?$/.exec(v);
  if (!hp) return undefined;
  return { host: hp[1] as string, ...(hp[2] ? { port: Number(hp[2]) } : {}), protocol: "TCP" };
}

/** The Service a host name names, or undefined when it is not a cluster Service name (an IP, a public name). */
export function serviceOfHost(
  host: string,
  defaultNamespace: string,
): { service: string; namespace: string } | undefined {
  const h = host.toLowerCase().replace(/\.$/, "");
  if (/^\d+\.\d+\.\d+\.\d+$/.test(h) || h.includes(":") || h.startsWith("[")) return undefined;
  const parts = h.split(".");
  if (parts.length === 1) return { service: parts[0] as string, namespace: defaultNamespace };
  const svcAt = parts.indexOf("svc");
  if (svcAt === 2) return { service: parts[0] as string, namespace: parts[1] as string };
  if (svcAt === 3) return { service: parts[1] as string, namespace: parts[2] as string };
  if (parts.length === 2 && svcAt < 0) return { service: parts[0] as string, namespace: parts[1] as string };
  return undefined;
}
