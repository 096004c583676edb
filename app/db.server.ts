// The server's one database handle. The first call opens the database, migrates it, seeds the
// demo prison when it is empty and runs the other start-up steps; later calls share that work.
import type { Kysely } from "kysely";
import { databasePath, migrateToLatest, openDatabase } from "~db/connection.server";
import type { Database } from "~db/schema";
import { startUp } from "~/start-up.server";

declare global {
  // Kept on globalThis so a development rebuild does not open a second connection.
  var __engageDb: Promise<Kysely<Database>> | undefined;
}

export function getDb(): Promise<Kysely<Database>> {
  globalThis.__engageDb ??= open();
  return globalThis.__engageDb;
}

async function open() {
  const file = databasePath();
  const db = openDatabase(file);
  await migrateToLatest(db);
  await startUp(db, { file });
  return db;
}
