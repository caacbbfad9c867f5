import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores on the reference machine: keep workers to what it has.
    maxWorkers: 2,
  },
  bench: { include: ["bench/**/*.bench.ts"] },
});
