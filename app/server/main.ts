// The Engage server: `node build/server.js` (npm start builds it first). Reads and checks the
// configuration, waits for the database, prepares it, then serves until SIGTERM or SIGINT, when
// it stops taking requests, finishes those in flight and closes the database.
import { execFileSync } from "node:child_process";
import type { Server } from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { sql, type Kysely } from "kysely";
import pino from "pino";
import { openDatabase } from "~db/connection.server";
import type { Database } from "~db/schema";
import { createOidc } from "~/auth/oidc.server";
import { createSessionStore, sessionSecret } from "~/auth/session.server";
import { loadConfigOrExit } from "~/config.server";
import { startReminderSchedule } from "~/messages/job.server";
import { createSender } from "~/messages/sender.server";
import { createApp } from "./express-app.server";
import { prepareDatabase } from "./start-up.server";

const DATABASE_WAIT_MS = 20_000; // well inside 30 s: an unreachable database fails the start
const SHUTDOWN_GRACE_MS = 10_000;

process.env.NODE_ENV ??= "production"; // this is the built server; `npm run dev` is for development
const config = loadConfigOrExit("server", { ...process.env, ENGAGE_COMMIT: process.env.ENGAGE_COMMIT ?? gitCommit() });
const log = pino({ level: config.logLevel, base: { service: "engage" } });

const here = path.dirname(fileURLToPath(import.meta.url)); // the build directory
const db = openDatabase(config.database);
try {
  await waitForDatabase(db);
  await prepareDatabase(db, config, log);
} catch (error) {
  log.fatal({ err: error }, `Engage could not prepare its database: ${describe(error)}`);
  await db.destroy().catch(() => {});
  process.exit(1);
}

const sessions = createSessionStore(db, {
  secret: await sessionSecret(db, config.sessionSecret),
  trustProxy: config.trustProxy,
});
const build = (await import(pathToFileURL(path.join(here, "index.js")).href)) as ServerBuild;
const app = createApp({
  build,
  assetsDir: path.basename(here) === "build" ? path.resolve(here, "../public/build") : path.join(here, "assets"),
  publicDir: path.resolve(here, "../public"),
  log,
  context: { db, config, sessions, oidc: config.oidc ? createOidc(config.oidc) : null },
});

// Reminders and other messages: one instance at a time sends them (a lease in the database).
const sender = createSender(config.mail);
const stopReminders = config.reminders.inServer ? startReminderSchedule(db, config, sender, log) : async () => {};

const server: Server = app.listen(config.port, config.host, () => {
  const shown = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  log.info(
    { port: config.port, host: config.host, database: config.database.engine, demo: config.demo },
    `Engage is ready at http://${shown}:${config.port}`,
  );
});
server.on("error", (error) => {
  log.fatal({ err: error }, `Engage could not listen on ${config.host}:${config.port}: ${describe(error)}`);
  process.exit(1);
});

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: finishing requests in flight");
    const force = setTimeout(() => {
      log.warn("requests still open after the grace period: closing them");
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(() => void closeDown());
    server.closeIdleConnections();
  });
}

/** Once the last request has finished: stop the reminders job, the mail sender and the database, then exit. */
async function closeDown() {
  await stopReminders().catch((error) => log.error({ err: error }, "stopping the reminders job failed"));
  sender?.close();
  await db.destroy().catch((error) => log.error({ err: error }, "closing the database failed"));
  log.info("stopped");
  process.exit(0);
}

/** Retries until the database answers, for a few seconds (it may be starting beside us). */
async function waitForDatabase(database: Kysely<Database>) {
  const deadline = Date.now() + DATABASE_WAIT_MS;
  for (;;) {
    try {
      await sql`select 1`.execute(database);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`the database did not answer within 20 s (${describe(error)})`);
      log.warn(`waiting for the database: ${describe(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

function describe(error: unknown) {
  return error instanceof Error ? error.message : String(error);
}

function gitCommit(): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}
