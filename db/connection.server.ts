// Opening the database: SQLite (better-sqlite3) is the embedded default, PostgreSQL (node-postgres
// with a pool) the engine for the estate. Everything above this file speaks Kysely only, and both
// engines hand the app the same values: times as ISO 8601 UTC strings, flags as booleans.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type KyselyPlugin, type SqliteDatabase } from "kysely";
import { LRUCache } from "lru-cache";
import pg from "pg";
import { foldForSearch } from "./fold";
import { FOLD_FOR_SEARCH_FUNCTION } from "./like";
import { isPostgres } from "./migrations/helpers";
import { migrationProvider } from "./migrations/index";
import { BOOLEAN_COLUMNS, type Database } from "./schema";

export type DatabaseTarget =
  { engine: "sqlite"; path: string } | { engine: "postgres"; url: string; poolSize?: number };

export function openDatabase(target: DatabaseTarget): Kysely<Database> {
  return target.engine === "postgres" ? openPostgres(target.url, target.poolSize ?? 10) : openSqlite(target.path);
}

function openSqlite(file: string): Kysely<Database> {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL"); // safe with WAL; a crash can lose only the last commit
  // For search (like.ts). directOnly: no index, view or trigger may use it, so the file never needs it.
  sqlite.function(FOLD_FOR_SEARCH_FUNCTION, { deterministic: true, directOnly: true }, (text: unknown) =>
    typeof text === "string" ? foldForSearch(text) : text,
  );
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: withPortableParameters(sqlite) }),
    plugins: [sqliteBooleans],
  });
}

// Enough for every query Engage writes; lists of ids of varying length make more, used less often.
const PREPARED_STATEMENTS = 500;

// SQLite binds neither booleans nor dates: store flags as 0/1 and times as ISO 8601 UTC text, whose
// fixed format makes text order the same as time order.
function portable(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/**
 * Prepared statements are kept (by their SQL) and reused: preparing costs more than running most
 * of Engage's queries. A statement still being iterated is busy, so another use gets a fresh one.
 */
function withPortableParameters(sqlite: SQLite.Database): SqliteDatabase {
  const prepared = new LRUCache<string, SQLite.Statement>({ max: PREPARED_STATEMENTS });
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = prepared.get(sql);
      if (!statement || statement.busy) {
        statement = sqlite.prepare(sql);
        prepared.set(sql, statement);
      }
      const bind = (parameters: ReadonlyArray<unknown>) => parameters.map(portable);
      return {
        reader: statement.reader,
        all: (parameters) => statement.all(bind(parameters)),
        run: (parameters) => statement.run(bind(parameters)),
        iterate: (parameters) => statement.iterate(bind(parameters)),
      };
    },
  };
}

const booleanColumns = new Set<string>(BOOLEAN_COLUMNS);

/**
 * SQLite returns flags as 0/1: give the app the booleans PostgreSQL gives it. Every row of a result
 * has the same columns, so the flag columns are found once, from the first row (a report reads
 * tens of thousands of rows, most with no flag at all).
 */
const sqliteBooleans: KyselyPlugin = {
  transformQuery: ({ node }) => node,
  transformResult({ result }) {
    const flags = result.rows[0] ? Object.keys(result.rows[0]).filter((key) => booleanColumns.has(key)) : [];
    if (flags.length)
      for (const row of result.rows)
        for (const key of flags) if (typeof row[key] === "number") row[key] = row[key] === 1;
    return Promise.resolve(result);
  },
};

// PostgreSQL type ids (pg_type.oid) whose default parsing differs from what the app expects.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const TIMESTAMPTZ = 1184;

const pgTypes: pg.CustomTypesConfig = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    switch (oid) {
      case INT8: // counts: well inside Number's exact range
      case NUMERIC: // averages
        return (v: string) => Number(v);
      case DATE: // a calendar day stays "YYYY-MM-DD", never a midnight in the server's zone
        return (v: string) => v;
      case TIMESTAMPTZ:
        return (v: string) => new Date(v).toISOString();
      default:
        return pg.types.getTypeParser(oid, format) as (v: string) => unknown;
    }
  },
};

function openPostgres(url: string, poolSize: number): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: pgTypes,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: "engage",
  });
  // An idle client losing its connection (the server restarted) must not crash the process: the
  // pool drops it and the next query opens a new one.
  pool.on("error", () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export function engineOf(db: Kysely<Database>): "sqlite" | "postgres" {
  return isPostgres(db) ? "postgres" : "sqlite";
}

/** Applies every pending migration; running it again is a no-op. Safe with several instances. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error("The migrations failed", { cause: error });
  const failed = results?.find((r) => r.status === "Error");
  if (failed) throw new Error(`Migration ${failed.migrationName} failed`);
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** The name of the newest migration applied, and whether any known migration is still pending. */
export async function migrationState(db: Kysely<Database>): Promise<{ last: string | null; pending: number }> {
  const migrations = await new Migrator({ db, provider: migrationProvider }).getMigrations();
  const applied = migrations.filter((m) => m.executedAt);
  return { last: applied.at(-1)?.name ?? null, pending: migrations.length - applied.length };
}
