// Helpers so one set of migrations builds an idiomatic schema on each engine: on PostgreSQL
// identity keys, timestamptz, date and boolean; on SQLite their usual stand-ins (integer keys,
// ISO 8601 text, 0/1), which is what existing SQLite databases already hold.
import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, PostgresAdapter } from "kysely";

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An auto-numbered integer primary key. */
export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}

/** A point in time. */
export const timestamp = (db: Kysely<any>) => (isPostgres(db) ? "timestamptz" : "text");

/** A calendar day, YYYY-MM-DD. */
export const day = (db: Kysely<any>) => (isPostgres(db) ? "date" : "text");

/** A yes/no flag. */
export const flag = (db: Kysely<any>) => (isPostgres(db) ? "boolean" : "integer");

/** The stored form of a flag's value, for defaults and data fixes in migrations. */
export const flagValue = (db: Kysely<any>, value: boolean) => (isPostgres(db) ? value : value ? 1 : 0);

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
