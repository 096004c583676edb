// Staff files waiting for confirmation, and writing an import's users in bulk.
import { sql, type Kysely, type Transaction } from "kysely";
import { isPostgres } from "../migrations/helpers";
import type { Database } from "../schema";
import { usernameKey } from "./users.server";

type Db = Kysely<Database> | Transaction<Database>;

export async function insertStaffImport(
  db: Db,
  v: { uploadedBy: number; establishmentId: number | null; fileName: string; csv: string; deactivateMissing: boolean },
) {
  const row = await db
    .insertInto("staff_imports")
    .values({
      uploaded_by: v.uploadedBy,
      establishment_id: v.establishmentId,
      file_name: v.fileName,
      csv: v.csv,
      deactivate_missing: v.deactivateMissing,
      uploaded_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export function getStaffImport(db: Db, id: number) {
  return db.selectFrom("staff_imports").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Marks an upload applied; false when it already was (a second confirm changes nothing). */
export async function markStaffImportApplied(db: Db, id: number, summary: object): Promise<boolean> {
  const result = await db
    .updateTable("staff_imports")
    .set({ applied_at: new Date().toISOString(), summary: JSON.stringify(summary), csv: "" })
    .where("id", "=", id)
    .where("applied_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Uploads never confirmed are of no use after a day: their files go. */
export function deleteStaleStaffImports(db: Db, before: Date) {
  return db
    .deleteFrom("staff_imports")
    .where("applied_at", "is", null)
    .where("uploaded_at", "<", before.toISOString())
    .execute();
}

export interface ImportedUser {
  username: string;
  display_name: string;
  email: string | null;
  role: "officer" | "trainer" | "manager";
  establishment_id: number;
  unit_id: number | null;
  password_hash: string;
}

/** New users of an import, a few hundred rows to a statement; their ids, in the order given. */
export async function insertImportedUsers(db: Db, users: ImportedUser[]): Promise<number[]> {
  const now = new Date().toISOString();
  const ids: number[] = [];
  for (let i = 0; i < users.length; i += 200) {
    const rows = await db
      .insertInto("users")
      .values(
        users.slice(i, i + 200).map((u) => ({
          ...u,
          username_key: usernameKey(u.username),
          active: true,
          prison_joined_at: now,
          unit_joined_at: u.unit_id !== null ? now : null,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(["id", "username_key"])
      .execute();
    // Matched by username rather than trusting RETURNING's order, which neither database promises.
    const idOf = new Map(rows.map((r) => [r.username_key, r.id]));
    ids.push(...users.slice(i, i + 200).map((u) => idOf.get(usernameKey(u.username))!));
  }
  return ids;
}

/** A known user as an import leaves them: the placement times already worked out (kept or restarted). */
export interface ImportedChange {
  id: number;
  display_name: string;
  email: string | null;
  role: ImportedUser["role"];
  establishment_id: number;
  unit_id: number | null;
  prison_joined_at: string | null;
  unit_joined_at: string | null;
}

const CHANGED = ["display_name", "email", "role", "establishment_id", "unit_id", "prison_joined_at", "unit_joined_at"];

/**
 * Changed users of an import, a few hundred to a statement: one UPDATE … FROM a JSON list of rows
 * instead of one round trip per person (a whole prison renamed costs seconds on PostgreSQL otherwise).
 */
/**
 * Takes away email addresses a file moves to someone else, before any row is written: the unique index
 * is checked row by row, so two people swapping addresses would otherwise clash half-way.
 */
export async function clearEmailsOf(db: Db, userIds: number[]) {
  for (let i = 0; i < userIds.length; i += 500)
    await db
      .updateTable("users")
      .set({ email: null })
      .where("id", "in", userIds.slice(i, i + 500))
      .execute();
}

export async function updateImportedUsers(db: Db, changes: ImportedChange[]) {
  const now = new Date().toISOString();
  const set = sql.raw(CHANGED.map((c) => `${c} = v.${c}`).join(", "));
  for (let i = 0; i < changes.length; i += 500) {
    const rows = JSON.stringify(changes.slice(i, i + 500));
    const source = isPostgres(db)
      ? sql`jsonb_to_recordset(${rows}::jsonb) AS v(id integer, display_name text, email text, role text,
          establishment_id integer, unit_id integer, prison_joined_at timestamptz, unit_joined_at timestamptz)`
      : sql`(SELECT ${sql.raw(["id", ...CHANGED].map((c) => `j.value ->> '${c}' AS ${c}`).join(", "))}
          FROM json_each(${rows}) AS j) AS v`;
    // row_version too: an admin's form opened before the import is refused rather than undoing it.
    await sql`UPDATE users AS u SET ${set}, active = TRUE, updated_at = ${now}, row_version = row_version + 1
      FROM ${source} WHERE u.id = v.id`.execute(db);
  }
}
