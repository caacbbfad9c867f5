import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { LOOPBACK, PortAllocator } from "./free-ports.js";

describe("PortAllocator", () => {
  it("hands out distinct ports that can be bound on loopback", async () => {
    const ports = new PortAllocator();
    const given = [await ports.next(), await ports.next({ udp: true }), await ports.next()];
    expect(new Set(given).size).toBe(3);
    for (const port of given) {
      await new Promise<void>((resolve, reject) => {
        const server = createServer().once("error", reject);
        server.listen(port, LOOPBACK, () => server.close(() => resolve()));
      });
    }
  });
});
