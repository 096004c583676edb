// Text search with LIKE, the same on both engines. A search ignores case, accents and how the text was
// encoded: both sides are folded by foldForSearch (compatibility decomposition, accents removed, Unicode's
// lowercase), so "elodie" finds Élodie, "élodie" finds Elodie, and a name imported from HR as e + U+0301 is
// found by text typed with é. On SQLite the column goes through fold_for_search, foldForSearch registered on
// each connection (connection.server.ts); on PostgreSQL through built-ins that do the same: normalize() (the
// database must be UTF8), regexp_replace() over the same marks, and lower() under ICU's root locale (lower()
// alone follows the database's locale, A–Z only under "C"). lower() keeps its meaning: indexes are built on it.
// The wildcards % and _ in the searched text are taken literally through an explicit ESCAPE clause (SQLite
// has no default escape character), escaped after folding: folding turns a full-width ％ into %.
import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import { isPostgres } from "./migrations/helpers";
import type { Database } from "./schema";

/**
 * The accents search removes: the blocks of combining marks that Latin, Greek and Cyrillic letters decompose
 * into, not every \p{M} (PostgreSQL's regular expressions have no \p{M}, and the marks of other scripts, such
 * as Devanagari's vowel signs, are letters' sounds rather than accents). One pattern for both engines: \uXXXX
 * means the same in JavaScript's and PostgreSQL's regular expressions.
 */
const COMBINING_MARKS = [
  [0x0300, 0x036f], // Combining Diacritical Marks
  [0x1ab0, 0x1aff], // Combining Diacritical Marks Extended
  [0x1dc0, 0x1dff], // Combining Diacritical Marks Supplement
  [0x20d0, 0x20ff], // Combining Diacritical Marks for Symbols
  [0xfe20, 0xfe2f], // Combining Half Marks
] as const;

const u = (c: number) => `\\u${c.toString(16).padStart(4, "0")}`;
const MARKS_PATTERN = `[${COMBINING_MARKS.map(([from, to]) => `${u(from)}-${u(to)}`).join("")}]`;
const MARKS = new RegExp(MARKS_PATTERN, "gu");

/**
 * How search folds text. NFKD rather than NFD: it also decomposes compatibility forms, so a ligature (ﬁ),
 * full-width letters (Ａ) and the like match the plain letters people type, as usernames' keys already do.
 */
export function foldForSearch(text: string): string {
  return text.normalize("NFKD").replace(MARKS, "").toLowerCase();
}

export const FOLD_FOR_SEARCH_FUNCTION = "fold_for_search";

function escapeLike(text: string): string {
  return foldForSearch(text).replace(/[\\%_]/g, (c) => `\\${c}`);
}

function like(db: Kysely<Database>, column: string, pattern: string): Expression<SqlBool> {
  const folded = isPostgres(db)
    ? sql`lower(regexp_replace(normalize(${sql.ref(column)}, NFKD), ${MARKS_PATTERN}, '', 'g') collate "und-x-icu")`
    : sql`${sql.raw(FOLD_FOR_SEARCH_FUNCTION)}(${sql.ref(column)})`;
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
