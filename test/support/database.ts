// Databases for tests: the real data layer on the engine the run asks for (ENGAGE_TEST_DB=postgres
// for PostgreSQL, SQLite otherwise), never a mock. The global set-up (test/global-setup.ts) builds
// migrated template databases once per run; each test file gets its own copy, which is fast.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import type { Kysely } from "kysely";
import pg from "pg";
import pino from "pino";
import { afterAll, inject } from "vitest";
import { openDatabase, type DatabaseTarget } from "~db/connection.server";
import type { Database } from "~db/schema";
import { getCurrentUser } from "~/auth/guard.server";
import { createOidc } from "~/auth/oidc.server";
import { createSessionStore } from "~/auth/session.server";
import { readConfig, type Config } from "~/config.server";

export const TEST_ENGINE: "sqlite" | "postgres" = process.env.ENGAGE_TEST_DB === "postgres" ? "postgres" : "sqlite";

declare module "vitest" {
  export interface ProvidedContext {
    /** SQLite: template files; PostgreSQL: template database names, and the server's admin URL. */
    templates: { demo: string; empty: string };
    postgresUrl: string | null;
  }
}

let copies = 0;
// Where each test database lives, so a test can open a second handle on it: a second app instance.
const targets = new WeakMap<Kysely<Database>, DatabaseTarget>();

/**
 * A fresh, migrated database of its own, with the scenario library imported and (unless `demo` is
 * false) the demo prison with its sign-ins (no generated staff or history). Closed after the test file.
 */
export async function testDatabase({ demo = true }: { demo?: boolean } = {}): Promise<Kysely<Database>> {
  const template = inject("templates")[demo ? "demo" : "empty"];
  const target = TEST_ENGINE === "postgres" ? await copyPostgres(template) : copySqlite(template);
  return opened(target);
}

/** Another handle (another pool, or another SQLite connection) on the same database: a second instance. */
export function anotherInstance(db: Kysely<Database>): Kysely<Database> {
  const target = targets.get(db);
  if (!target) throw new Error("not a test database");
  return opened(target);
}

function opened(target: DatabaseTarget): Kysely<Database> {
  const db = openDatabase(target);
  targets.set(db, target);
  afterAll(() => db.destroy());
  return db;
}

/** An empty database with no tables, for the migration tests; on PostgreSQL in `encoding` when given. */
export async function blankDatabase({ encoding }: { encoding?: string } = {}): Promise<{
  db: Kysely<Database>;
  reopen: () => Kysely<Database>;
}> {
  const target: DatabaseTarget =
    TEST_ENGINE === "postgres"
      ? { engine: "postgres", url: postgresUrl(await createPostgresDatabase(null, encoding)) }
      : { engine: "sqlite", path: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "engage-test-")), "blank.sqlite") };
  return { db: openDatabase(target), reopen: () => openDatabase(target) };
}

function copySqlite(template: string): DatabaseTarget {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engage-test-"));
  const file = path.join(dir, `copy-${process.pid}-${copies++}.sqlite`);
  fs.copyFileSync(template, file);
  return { engine: "sqlite", path: file };
}

async function copyPostgres(template: string): Promise<DatabaseTarget> {
  return { engine: "postgres", url: postgresUrl(await createPostgresDatabase(template)), poolSize: 10 };
}

function postgresUrl(database: string) {
  const admin = inject("postgresUrl");
  if (!admin) throw new Error("No PostgreSQL server: run the tests with ENGAGE_TEST_DB=postgres (npm run test:pg).");
  const url = new URL(admin);
  url.pathname = `/${database}`;
  return url.toString();
}

async function createPostgresDatabase(template: string | null, encoding?: string): Promise<string> {
  const name = `test_${process.pid}_${copies++}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: inject("postgresUrl")! });
  await client.connect();
  try {
    // Copies from one template cannot run at the same moment: retry while another is copying.
    for (let attempt = 0; ; attempt++) {
      try {
        const copied = template ? ` template ${template}` : "";
        // Another encoding needs template0 (template1 is UTF8) and a locale that allows it.
        const encoded = encoding ? ` template template0 encoding '${encoding}' locale 'C'` : "";
        await client.query(`create database ${name}${copied}${encoded}`);
        return name;
      } catch (error) {
        if (attempt > 50 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await client.end();
  }
}

export const TEST_SESSION_SECRET = "test-secret-that-is-long-enough-for-the-cookie";

export function testConfig(overrides: Record<string, string> = {}): Config {
  const read = readConfig({ NODE_ENV: "test", SESSION_SECRET: TEST_SESSION_SECRET, ...overrides });
  if (!read.ok) throw new Error(read.problems.join("; "));
  return read.config;
}

/** What the server hands every loader and action, over a test database. */
export function testContext(db: Kysely<Database>, config: Config = testConfig()): AppLoadContext {
  return {
    db,
    config,
    sessions: createSessionStore(db, { secret: TEST_SESSION_SECRET, trustProxy: config.trustProxy }),
    oidc: config.oidc ? createOidc(config.oidc) : null,
    log: pino({ level: "silent" }),
    requestId: "test",
    clientAddress: "127.0.0.1",
    dataRequest: false,
  };
}

/** The user as the guard sees them on a request with a real session of theirs. */
export async function currentUserNamed(context: AppLoadContext, username: string) {
  const id = await userIdOf(context.db, username);
  const cookie = (await context.sessions.startUserSession(new Request("http://localhost/"), id)).split(";")[0];
  const user = await getCurrentUser(new Request("http://localhost/", { headers: { Cookie: cookie } }), context);
  if (!user) throw new Error(`No signed-in user for ${username}`);
  return user;
}

/** A user's id by username (the demo sign-ins, or users a test made). */
export async function userIdOf(db: Kysely<Database>, username: string): Promise<number> {
  const row = await db.selectFrom("users").select("id").where("username_key", "=", username).executeTakeFirstOrThrow();
  return row.id;
}

/** A request carrying the session cookie of `username` (or none), as the browser would send it. */
export async function requestAs(
  context: AppLoadContext,
  username: string | null,
  pathAndQuery = "/x",
  init: RequestInit = {},
): Promise<Request> {
  const headers = new Headers(init.headers);
  if (username) {
    const cookie = await context.sessions.startUserSession(
      new Request("http://localhost/"),
      await userIdOf(context.db, username),
    );
    headers.set("Cookie", cookie.split(";")[0]);
  }
  return new Request(`http://localhost${pathAndQuery}`, { ...init, headers });
}

/** The signed-in user as the guard sees them (role, prison), for calling services directly. */
export async function currentUserOf(context: AppLoadContext, username: string) {
  const { getCurrentUser } = await import("~/auth/guard.server");
  return (await getCurrentUser(await requestAs(context, username), context))!;
}
