import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: "unit" (pure code, no servers, parallel) and "integration" (real PostgreSQL and a real
// Prometheus started by tests/integration/global-setup.ts; serial because they share those servers).
// "server-only" throws unless resolved under the "react-server" condition (as Next does for server code);
// tests run server modules in plain Node, so it resolves to the package's own empty module here.
const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", environment: "node", include: ["tests/unit/**/*.test.ts"] },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/setup-env.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
