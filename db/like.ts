// Text search with LIKE, the same on both engines. Case-insensitive for every letter, not A–Z only:
// both sides are lowercased by Unicode's default mapping (toLowerCase). SQLite's lower() folds A–Z
// only and PostgreSQL's follows the database's locale (A–Z only under "C"), so on SQLite the column
// goes through fold_case, toLowerCase registered on each connection (connection.server.ts), and on
// PostgreSQL through lower() under ICU's root locale. lower() keeps its meaning: indexes are built on it.
// The wildcards % and _ in the searched text are taken literally through an explicit ESCAPE clause
// (SQLite has no default escape character).
import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import { isPostgres } from "./migrations/helpers";
import type { Database } from "./schema";

/** How search lowercases text; SQLite's fold_case runs it on the column's side. */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

export const FOLD_CASE_FUNCTION = "fold_case";

function escapeLike(text: string): string {
  return foldCase(text).replace(/[\\%_]/g, (c) => `\\${c}`);
}

function like(db: Kysely<Database>, column: string, pattern: string): Expression<SqlBool> {
  const folded = isPostgres(db)
    ? sql`lower(${sql.ref(column)} collate "und-x-icu")`
    : sql`${sql.raw(FOLD_CASE_FUNCTION)}(${sql.ref(column)})`;
  return sql<SqlBool>`${folded} like ${pattern} escape '\\'`;
}

/** `column` contains `text` anywhere. */
export function contains(db: Kysely<Database>, column: string, text: string): Expression<SqlBool> {
  return like(db, column, `%${escapeLike(text)}%`);
}

/** `column` begins with `text`. */
export function startsWith(db: Kysely<Database>, column: string, text: string): Expression<SqlBool> {
  return like(db, column, `${escapeLike(text)}%`);
}

/**
 * Refuses to start on a PostgreSQL built without ICU, which has no "und-x-icu": said once at start-up, rather than
 * every search failing. SQLite's fold_case is registered with each connection.
 */
export async function checkCaseFolding(db: Kysely<Database>): Promise<void> {
  if (!isPostgres(db)) return;
  try {
    await sql`select lower('É' collate "und-x-icu")`.execute(db);
  } catch {
    throw new Error('this PostgreSQL server was built without ICU (no "und-x-icu" collation), which searches need');
  }
}
