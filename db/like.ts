// Text search with LIKE, the same on both engines: case-insensitive (lower() on both sides; SQLite's
// lower() folds ASCII letters only), and with the wildcards % and _ in the searched text taken
// literally through an explicit ESCAPE clause (SQLite has no default escape character).
import { sql, type Expression, type SqlBool } from "kysely";

function escapeLike(text: string): string {
  return text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
}

function like(column: string, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** `column` contains `text` anywhere. */
export function contains(column: string, text: string): Expression<SqlBool> {
  return like(column, `%${escapeLike(text)}%`);
}

/** `column` begins with `text`. */
export function startsWith(column: string, text: string): Expression<SqlBool> {
  return like(column, `${escapeLike(text)}%`);
}
