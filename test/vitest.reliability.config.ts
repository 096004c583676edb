// The reliability test runs the built server (npm run build first), so it has its own run.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root,
  resolve: { alias: { "~db": `${root}db`, "~": `${root}app` } },
  test: {
    include: ["test/reliability/**/*.test.ts"],
    environment: "node",
    testTimeout: 180_000,
    pool: "forks",
  },
});
