// Text search with LIKE, the same on both engines. A search ignores case, accents and how the text was
// encoded: both sides are folded by foldForSearch (fold.ts: compatibility decomposition, accents removed, Unicode's
// lowercase, then letters that have no decomposition as the plain letters people type), so "elodie" finds
// Élodie, "élodie" finds Elodie, "lodz" finds Łódź, and a name imported from HR as e + U+0301 is found by text
// typed with é. On SQLite the column goes through fold_for_search, foldForSearch registered on each connection
// (connection.server.ts); on PostgreSQL through built-ins that do the same: normalize() (the database must be
// UTF8), regexp_replace() over the same marks, lower() under ICU's root locale (lower() alone follows the
// database's locale, A–Z only under "C"), and replace() for each letter of the same table. lower() keeps its
// meaning: indexes are built on it.
// The wildcards % and _ in the searched text are taken literally through an explicit ESCAPE clause (SQLite
// has no default escape character), escaped after folding: folding turns a full-width ％ into %.
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from "kysely";
import { isPostgres } from "./migrations/helpers";
import { foldForSearch, MARKS_PATTERN, PLAIN_LETTERS } from "./fold";
import type { Database } from "./schema";

export const FOLD_FOR_SEARCH_FUNCTION = "fold_for_search";

function escapeLike(text: string): string {
  return foldForSearch(text).replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column` folded in the database as foldForSearch folds text. */
export function foldedColumn(db: Kysely<Database>, column: string): RawBuilder<string> {
  if (!isPostgres(db)) return sql<string>`${sql.raw(FOLD_FOR_SEARCH_FUNCTION)}(${sql.ref(column)})`;
  const unaccented = sql`regexp_replace(normalize(${sql.ref(column)}, NFKD), ${MARKS_PATTERN}, '', 'g')`;
  const lowered = sql<string>`lower(${unaccented} collate "und-x-icu")`;
  // replace() rather than translate(): ß, æ, œ and þ become two letters.
  return PLAIN_LETTERS.reduce((text, [letter, plain]) => sql<string>`replace(${text}, ${letter}, ${plain})`, lowered);
}

function like(db: Kysely<Database>, column: string, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`${foldedColumn(db, column)} like ${pattern} escape '\\'`;
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
 * Refuses to start on a PostgreSQL database that cannot fold text as search does, said once at start-up rather
 * than every search failing: one not in UTF8 (normalize() works only there) or a server built without ICU (no
 * "und-x-icu"). SQLite's fold_for_search is registered with each connection.
 */
export async function checkSearchFolding(db: Kysely<Database>): Promise<void> {
  if (!isPostgres(db)) return;
  const { rows } = await sql<{ encoding: string }>`select getdatabaseencoding() as encoding`.execute(db);
  const encoding = rows[0]?.encoding;
  if (encoding !== "UTF8")
    throw new Error(
      `this PostgreSQL database's encoding is ${encoding}, but searches need UTF8: create it with ENCODING 'UTF8'`,
    );
  try {
    await sql`select lower('É' collate "und-x-icu")`.execute(db);
  } catch {
    throw new Error('this PostgreSQL server was built without ICU (no "und-x-icu" collation), which searches need');
  }
}
