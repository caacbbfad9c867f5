import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { reportFailure } from "./exit.js";
import { registerLab } from "./lab-command.js";

function program(): Command {
  const p = new Command("hamon").exitOverride();
  registerLab(p);
  return p;
}

async function failureOf(args: string[]): Promise<unknown> {
  try {
    await program().parseAsync(["node", "hamon", ...args]);
  } catch (e) {
    return e;
  }
  throw new Error("expected the command to fail");
}

describe("hamon lab (CLI)", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("exits 2 with the apt-get command when a binary is missing, before starting anything", async () => {
    vi.stubEnv("HAMON_PROMETHEUS", "/nonexistent/prometheus");
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const error = await failureOf(["lab"]);
    expect(reportFailure(error)).toBe(2);
    const printed = stderr.mock.calls.map((c) => String(c[0])).join("");
    stderr.mockRestore();
    expect(printed).toContain("prometheus not found");
    expect(printed).toContain("sudo apt-get install -y prometheus");
    expect(printed).not.toContain("hamon lab: "); // no progress: nothing was started
  });

  it("exits 2 naming prometheus-node-exporter when the spec renders a node-exporter and it is missing", async () => {
    vi.stubEnv("HAMON_NODE_EXPORTER", "/nonexistent/node_exporter");
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const error = await failureOf(["lab"]);
    stderr.mockRestore();
    expect(reportFailure(error)).toBe(2);
    expect((error as Error).message).toContain("node-exporter not found");
    expect((error as Error).message).toContain("HAMON_NODE_EXPORTER");
    expect((error as Error).message).toContain("prometheus-node-exporter");
  });

  it("exits 2 on an unknown --format", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(reportFailure(await failureOf(["lab", "--format", "xml"]))).toBe(2);
    stderr.mockRestore();
  });

  it("exits 2 on an unreadable spec", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(reportFailure(await failureOf(["lab", "/nonexistent/hamon.yaml"]))).toBe(2);
    stderr.mockRestore();
  });
});
