/**
 * IPv4 and IPv6 addresses and CIDR blocks, as integers, for NetworkPolicy `ipBlock`
 * (kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicySpec:
 * `cidr` "e.g. 192.168.1.0/24 or 2001:db8::/64", `except` "values will be rejected if they are
 * outside the cidr range"). Hand-written and small: parse once, compare prefixes as bigints.
 *
 * IPv4 and IPv6 are separate families: 0.0.0.0/0 does not contain any IPv6 address and ::/0 no
 * IPv4 address, which is why an "anywhere" rule needs both. An IPv4-mapped IPv6 address
 * (::ffff:192.0.2.1) is an IPv6 address here.
 */

export type IpFamily = 4 | 6;

export interface IpAddress {
  family: IpFamily;
  value: bigint;
}

export interface Cidr {
  family: IpFamily;
  /** The network address with host bits cleared. */
  network: bigint;
  prefixLength: number;
  /** As written. */
  text: string;
}

const BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };

export class CidrError extends Error {}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // No leading zeros: Kubernetes rejects them since 1.20 (ambiguous octal).
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let head = text;
  let tailV4: bigint | undefined;
  // An embedded IPv4 address in the last 32 bits (::ffff:192.0.2.1).
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".")) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = text.slice(0, lastColon + 1) + "0:0";
  }
  const halves = head.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const left = groups(halves[0] ?? "");
  const right = halves.length === 2 ? groups(halves[1] ?? "") : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...right];
  let value = 0n;
  for (const group of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

/** Parses an IPv4 or IPv6 address; throws CidrError naming the text when it is neither. */
export function parseIp(text: string): IpAddress {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = text.includes(":") ? parseIpv6(text) : undefined;
  if (v6 !== undefined) return { family: 6, value: v6 };
  throw new CidrError(`"${text}" is not an IPv4 or IPv6 address`);
}

/** Parses `address/prefix`; host bits are cleared (the API server accepts them in ipBlock). */
export function parseCidr(text: string): Cidr {
  const slash = text.indexOf("/");
  if (slash < 0) throw new CidrError(`"${text}" is not a CIDR: expected address/prefix-length`);
  const address = parseIp(text.slice(0, slash));
  const lengthText = text.slice(slash + 1);
  const bits = BITS[address.family];
  if (!/^[0-9]{1,3}$/.test(lengthText) || Number(lengthText) > bits) {
    throw new CidrError(`"${text}": prefix length must be 0..${bits}`);
  }
  const prefixLength = Number(lengthText);
  const hostBits = BigInt(bits - prefixLength);
  return { family: address.family, network: (address.value >> hostBits) << hostBits, prefixLength, text };
}

/** True when `ip` lies in `cidr` (same family, same leading prefixLength bits). */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.family !== ip.family) return false;
  const hostBits = BigInt(BITS[cidr.family] - cidr.prefixLength);
  return ip.value >> hostBits === cidr.network >> hostBits;
}
