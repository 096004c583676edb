// The real HTTP server (app/server/express-app.server.ts) around the real route modules, in the
// test process: the route tree is read from app/routes by Remix's own flat-routes convention, so
// every route file is served exactly as in the build, over a test database on either engine.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import type { Kysely } from "kysely";
import pino from "pino";
import { afterAll } from "vitest";
import type { Database } from "~db/schema";
import { createSessionStore } from "~/auth/session.server";
import type { Config } from "~/config.server";
import type { AppContext } from "~/context.server";
import { createApp } from "~/server/express-app.server";
import remixConfig from "../../remix.config.js";
import { TEST_SESSION_SECRET, testConfig } from "./database";

const root = fileURLToPath(new URL("../..", import.meta.url));
const appDir = path.join(root, "app");

export interface RouteFile {
  id: string;
  file: string;
  path: string;
  index: boolean;
  module: Record<string, unknown>;
}

let routeFiles: Promise<RouteFile[]> | null = null;

/** Every route under app/routes, as Remix names and nests them, with its module. */
export function appRoutes(): Promise<RouteFile[]> {
  routeFiles ??= (async () => {
    const manifest = flatRoutes(appDir, remixConfig.ignoredRouteFiles ?? []);
    return Promise.all(
      Object.values(manifest).map(async (r) => ({
        id: r.id,
        file: r.file,
        path: `/${r.path ?? ""}`,
        index: Boolean(r.index),
        module: (await import(pathToFileURL(path.join(appDir, r.file)).href)) as Record<string, unknown>,
      })),
    );
  })();
  return routeFiles;
}

async function serverBuild(): Promise<ServerBuild> {
  const routes = await appRoutes();
  const rootModule = await import("~/root");
  const entry = await import("~/entry.server");
  const all = [{ id: "root", path: "", index: false, module: rootModule, parentId: undefined }, ...routes];
  const serverRoutes: ServerBuild["routes"] = {};
  const assetRoutes: ServerBuild["assets"]["routes"] = {};
  for (const r of all) {
    const parentId = r.id === "root" ? undefined : "root";
    const routePath = r.id === "root" ? "" : r.path.slice(1) || undefined;
    const common = { id: r.id, parentId, path: routePath, index: r.index || undefined, caseSensitive: undefined };
    serverRoutes[r.id] = { ...common, module: r.module as never };
    assetRoutes[r.id] = {
      ...common,
      module: `/build/${r.id}.js`,
      hasAction: "action" in r.module,
      hasLoader: "loader" in r.module,
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: "ErrorBoundary" in r.module,
    };
  }
  return {
    mode: "production",
    entry: { module: entry as never },
    routes: serverRoutes,
    assets: {
      entry: { module: "/build/entry.client.js", imports: [] },
      routes: assetRoutes,
      url: "/build/manifest-test.js",
      version: "test",
    },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: remixConfig.future as ServerBuild["future"],
    isSpaMode: false,
  };
}

export interface TestServer {
  url: string;
  context: Omit<AppContext, "log" | "requestId" | "clientAddress">;
  /** Log lines written while serving (JSON objects). */
  logs: Record<string, unknown>[];
}

/** Serves Engage over `db` on a free loopback port until the test file ends. */
export async function startTestServer(db: Kysely<Database>, config: Config = testConfig()): Promise<TestServer> {
  const logs: Record<string, unknown>[] = [];
  const log = pino({ level: "info" }, { write: (line: string) => logs.push(JSON.parse(line)) });
  const context = {
    db,
    config,
    sessions: createSessionStore(db, { secret: TEST_SESSION_SECRET, trustProxy: config.trustProxy }),
    oidc: null,
  };
  const app = createApp({
    build: await serverBuild(),
    assetsDir: fs.mkdtempSync(path.join(os.tmpdir(), "engage-assets-")),
    publicDir: path.join(root, "public"),
    log,
    context,
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  server.keepAliveTimeout = 1000;
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, context, logs };
}
