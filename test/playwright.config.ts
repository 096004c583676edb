// End-to-end tests: the real built server (npm run build first) on its own port with a fresh
// database, driven by Debian's Chromium. CHROMIUM_PATH points the tests at another Chromium.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import { TEST_CLIENT } from "./support/oidc-test-client";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.E2E_PORT || 3211);
// The test OpenID Provider (single sign-on) listens on the next port.
const oidcPort = Number(process.env.E2E_OIDC_PORT || port + 1);
const dbFile = `${root}test/results/e2e-${port}.sqlite`;
const buildDir = process.env.ENGAGE_BUILD_DIR || "build";
const executablePath =
  process.env.CHROMIUM_PATH ||
  ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => fs.existsSync(p));

export default defineConfig({
  testDir: "./e2e",
  outputDir: `./results/playwright-${port}`,
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "off",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      command: "npx tsx test/support/oidc-provider.ts",
      cwd: root,
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { OIDC_TEST_PORT: String(oidcPort), ENGAGE_TEST_URL: `http://localhost:${port}` },
    },
    {
      command: `rm -f ${dbFile} ${dbFile}-wal ${dbFile}-shm && node ${buildDir}/server.js`,
      cwd: root,
      url: `http://localhost:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        PORT: String(port),
        DATABASE_PATH: dbFile,
        NODE_ENV: "production",
        ENGAGE_DEMO: "true",
        LOG_LEVEL: "warn",
        ENGAGE_URL: `http://localhost:${port}`,
        OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
        OIDC_CLIENT_ID: TEST_CLIENT.id,
        OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
        OIDC_ROLE_MAP: "ROLE_ENGAGE_MANAGER=manager,ROLE_ENGAGE_TRAINER=trainer",
      },
    },
  ],
});
