/**
 * Loopback ports chosen free at run time: the kernel picks one (bind to port 0), we release it and
 * hand it to a child process. Alertmanager's gossip listens on the same port for TCP and UDP
 * (memberlist), so a cluster port must be free for both.
 */
import { createSocket } from "node:dgram";
import { createServer } from "node:net";

export const LOOPBACK = "127.0.0.1";

function bindTcp(port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ port, host: LOOPBACK, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(bound));
    });
  });
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const socket = createSocket("udp4");
    socket.once("error", () => {
      socket.close();
      resolveFree(false);
    });
    socket.bind({ port, address: LOOPBACK, exclusive: true }, () => socket.close(() => resolveFree(true)));
  });
}

/** Hands out distinct free ports; never the same port twice in one lab. */
export class PortAllocator {
  private readonly given = new Set<number>();

  /** A port free for TCP (and for UDP too when `udp` is set). */
  async next(options: { udp?: boolean } = {}): Promise<number> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const port = await bindTcp(0);
      if (this.given.has(port)) continue;
      if (options.udp && !(await udpFree(port))) continue;
      this.given.add(port);
      return port;
    }
    throw new Error("no free loopback port found after 50 attempts");
  }
}
