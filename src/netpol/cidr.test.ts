import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CidrError, cidrContains, parseCidr, parseIp } from "./cidr.js";

const contains = (cidr: string, address: string) => cidrContains(parseCidr(cidr), parseIp(address));

describe("IPv4", () => {
  it("parses dotted quads to their 32-bit value", () => {
    expect(parseIp("0.0.0.0")).toEqual({ family: 4, value: 0n });
    expect(parseIp("255.255.255.255")).toEqual({ family: 4, value: 0xffffffffn });
    expect(parseIp("10.1.2.3").value).toBe((10n << 24n) + (1n << 16n) + (2n << 8n) + 3n);
  });

  it("rejects what is not an address", () => {
    for (const bad of ["256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "a.b.c.d", "", "1.2.3.-1"]) {
      expect(() => parseIp(bad), bad).toThrow(CidrError);
    }
  });

  it("contains exactly the addresses of the prefix", () => {
    expect(contains("172.17.0.0/16", "172.17.0.0")).toBe(true);
    expect(contains("172.17.0.0/16", "172.17.255.255")).toBe(true);
    expect(contains("172.17.0.0/16", "172.18.0.0")).toBe(false);
    expect(contains("172.17.0.0/16", "172.16.255.255")).toBe(false);
    expect(contains("10.0.0.1/32", "10.0.0.1")).toBe(true);
    expect(contains("10.0.0.1/32", "10.0.0.2")).toBe(false);
    expect(contains("0.0.0.0/0", "203.0.113.9")).toBe(true);
    expect(contains("10.0.0.0/7", "11.255.0.1")).toBe(true);
    expect(contains("10.0.0.0/7", "12.0.0.0")).toBe(false);
  });

  it("clears host bits of a CIDR written with them", () => {
    expect(parseCidr("192.168.1.77/24").network).toBe(parseIp("192.168.1.0").value);
    expect(contains("192.168.1.77/24", "192.168.1.3")).toBe(true);
  });

  it("rejects bad prefix lengths", () => {
    for (const bad of ["10.0.0.0/33", "10.0.0.0/", "10.0.0.0", "10.0.0.0/-1", "10.0.0.0/1a"])
      expect(() => parseCidr(bad), bad).toThrow(CidrError);
  });
});

describe("IPv6", () => {
  it("parses full, compressed and IPv4-embedded forms", () => {
    expect(parseIp("::")).toEqual({ family: 6, value: 0n });
    expect(parseIp("::1").value).toBe(1n);
    expect(parseIp("2001:db8::1").value).toBe((0x2001n << 112n) | (0xdb8n << 96n) | 1n);
    expect(parseIp("2001:0db8:0000:0000:0000:0000:0000:0001")).toEqual(parseIp("2001:db8::1"));
    expect(parseIp("fe80::").value).toBe(0xfe80n << 112n);
    expect(parseIp("::ffff:192.0.2.1").value).toBe((0xffffn << 32n) | parseIp("192.0.2.1").value);
    expect(parseIp("1:2:3:4:5:6:7:8").value).toBe(0x00010002000300040005000600070008n);
  });

  it("rejects malformed addresses", () => {
    for (const bad of [
      "1::2::3",
      "1:2:3:4:5:6:7:8:9",
      "12345::",
      "g::1",
      ":::",
      "1:2:3:4:5:6:7",
      "::ffff:999.0.0.1",
      "1:2:3:4:5:6:7::8",
    ]) {
      expect(() => parseIp(bad), bad).toThrow(CidrError);
    }
  });

  it("contains exactly the addresses of the prefix", () => {
    expect(contains("2001:db8::/32", "2001:db8:ffff::1")).toBe(true);
    expect(contains("2001:db8::/32", "2001:db9::1")).toBe(false);
    expect(contains("::/0", "2001:db8::1")).toBe(true);
    expect(contains("2001:db8::1/128", "2001:db8::1")).toBe(true);
    expect(contains("2001:db8::1/128", "2001:db8::2")).toBe(false);
    expect(contains("2001:db8:0:8000::/49", "2001:db8:0:ffff::")).toBe(true);
    expect(contains("2001:db8:0:8000::/49", "2001:db8:0:7fff::")).toBe(false);
  });

  it("keeps the families apart", () => {
    expect(contains("0.0.0.0/0", "::1")).toBe(false);
    expect(contains("::/0", "10.0.0.1")).toBe(false);
    expect(contains("::/0", "::ffff:10.0.0.1")).toBe(true);
  });
});

describe("properties", () => {
  const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join("."));

  it("an IPv4 address is in its own /n for every n", () => {
    fc.assert(
      fc.property(v4, fc.nat(32), (a, n) => {
        expect(contains(`${a}/${n}`, a)).toBe(true);
      }),
    );
  });

  it("containment agrees with comparing the first n bits as a string", () => {
    const bits = (a: string) =>
      a
        .split(".")
        .map((o) => Number(o).toString(2).padStart(8, "0"))
        .join("");
    fc.assert(
      fc.property(v4, v4, fc.nat(32), (a, b, n) => {
        expect(contains(`${a}/${n}`, b)).toBe(bits(a).slice(0, n) === bits(b).slice(0, n));
      }),
    );
  });

  it("an IPv6 address printed in full hex groups parses back to the same value", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (value) => {
        const groups = Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
        expect(parseIp(groups.join(":")).value).toBe(value);
      }),
    );
  });
});
