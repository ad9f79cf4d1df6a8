import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      linalg: fileURLToPath(new URL("./graders/linalg/index.ts", import.meta.url)),
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // Outside Next.js the guard would throw; the tests call server modules directly on purpose.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["test/**/*.test.ts", "graders/**/*.test.ts", "exercises/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Grader child processes and databases are real; two cores, so keep parallelism modest.
    maxWorkers: 2,
  },
});
