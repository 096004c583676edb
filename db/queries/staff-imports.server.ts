// Staff files waiting for confirmation, and writing an import's users in bulk.
import type { Kysely, Transaction } from "kysely";
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

/** New users of an import, a few hundred rows to a statement. */
export async function insertImportedUsers(db: Db, users: ImportedUser[]) {
  const now = new Date().toISOString();
  for (let i = 0; i < users.length; i += 200) {
    await db
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
      .execute();
  }
}
