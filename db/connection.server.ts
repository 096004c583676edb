// Opening the database. SQLite (better-sqlite3) is the embedded default; everything above this
// file speaks Kysely only, so a PostgreSQL dialect can be dropped in here for a large deployment.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { migrationProvider } from "./migrations/index";
import type { Database } from "./schema";

export const DEFAULT_DATABASE_PATH = "db/data/engage.sqlite";

export function databasePath(): string {
  return process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
}

export function openDatabase(file: string = databasePath()): Kysely<Database> {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL"); // safe with WAL; a crash can lose only the last commit
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/** Applies every pending migration; running it again is a no-op. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  const failed = results?.find((r) => r.status === "Error");
  if (failed) throw new Error(`Migration ${failed.migrationName} failed`);
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
