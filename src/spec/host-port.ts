/**
 * A server address written as `hostname[:port]` (an external database), parsed once at the
 * spec's edge so that every consumer (Grafana's `[database] host`, the NetworkPolicy egress, the
 * required flows) reads the same port.
 */
export class HostPort {
  private constructor(
    readonly host: string,
    readonly port: number,
  ) {}

  /** What `parse` accepts, for messages. */
  static readonly SYNTAX =
    "hostname[:port]: a DNS name or IPv4 address (or an IPv6 address in [brackets]), then optionally ':' and a port from 1 to 65535";

  /**
   * Parses `host`, `host:port`, `[v6]` or `[v6]:port`; the port defaults to `defaultPort`.
   * Throws a RangeError whose message says what was expected.
   */
  static parse(text: string, defaultPort: number): HostPort {
    const m = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]+)(?::([^:]*))?$/.exec(text);
    if (!m) throw new RangeError(HostPort.SYNTAX);
    const host = m[1]!;
    if (!host.startsWith("[") && !isHostname(host)) {
      throw new RangeError(
        `a host name of letters, digits, '-' and '.' (each '.'-separated part starting and ending with a letter or digit, at most 253 characters), or an IPv4 address; then optionally ':' and a port`,
      );
    }
    if (m[2] === undefined) return new HostPort(host, defaultPort);
    if (!/^[0-9]{1,5}$/.test(m[2]) || Number(m[2]) < 1 || Number(m[2]) > 65535) {
      throw new RangeError(`a port from 1 to 65535 after ':' (default ${defaultPort} when left out)`);
    }
    return new HostPort(host, Number(m[2]));
  }

  /** localhost, 127.0.0.0/8 or ::1: inside the pod that connects, never a shared server. */
  isLoopback(): boolean {
    return /^(localhost\.?|127\.\d+\.\d+\.\d+|\[(0*:)*:?0*1\])$/i.test(this.host);
  }

  /** `host:port`, the form Grafana's `[database] host` takes. */
  toString(): string {
    return `${this.host}:${this.port}`;
  }
}

/** RFC 1123 host name (case-insensitive) or a dotted IPv4 address. */
function isHostname(host: string): boolean {
  const label = /^[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?$/;
  return (
    host.length <= 253 &&
    host
      .replace(/\.$/, "")
      .split(".")
      .every((part) => label.test(part))
  );
}
