// Modules' titles and summaries as trainers wrote them in Engage, and the modules added in Engage.
// Writes are guarded like module_settings: an insert only where no row exists yet, an update only
// from the version the form was made from, so of two trainers saving at once one is refused.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

/** Every row, modules added in Engage in the order they were added. */
export function listModuleDetails(db: Db) {
  return db
    .selectFrom("module_details as d")
    .leftJoin("users as u", "u.id", "d.changed_by")
    .selectAll("d")
    .select("u.display_name as changed_by_name")
    .orderBy("d.added_at")
    .orderBy("d.module_id")
    .execute();
}

/**
 * Records a module's title and summary; false when the row is not at `expectedVersion` (0: no row
 * yet, which for a new module also means its id is free). A title another module in use has fails
 * the unique index (a unique violation, for the caller to recognise once its transaction has ended).
 */
export async function writeModuleDetails(
  db: Db,
  s: {
    moduleId: string;
    expectedVersion: number;
    title: string;
    summary: string;
    addedInEngage: boolean;
    followsLibrary: boolean;
    userId: number;
    at: string;
  },
): Promise<boolean> {
  if (s.expectedVersion === 0) {
    const inserted = await db
      .insertInto("module_details")
      .values({
        module_id: s.moduleId,
        title: s.title,
        summary: s.summary,
        added_in_engage: s.addedInEngage,
        follows_library: s.followsLibrary,
        added_at: s.at,
        removed_at: null,
        row_version: 1,
        changed_by: s.userId,
        changed_at: s.at,
      })
      .onConflict((c) => c.column("module_id").doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await db
    .updateTable("module_details")
    .set({
      title: s.title,
      summary: s.summary,
      follows_library: s.followsLibrary,
      row_version: s.expectedVersion + 1,
      changed_by: s.userId,
      changed_at: s.at,
    })
    .where("module_id", "=", s.moduleId)
    .where("row_version", "=", s.expectedVersion)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Removes a module added in Engage; false when it is not at `expectedVersion` or already removed. */
export async function removeAddedModule(
  db: Db,
  s: { moduleId: string; expectedVersion: number; userId: number; at: string },
): Promise<boolean> {
  const updated = await db
    .updateTable("module_details")
    .set({ removed_at: s.at, row_version: s.expectedVersion + 1, changed_by: s.userId, changed_at: s.at })
    .where("module_id", "=", s.moduleId)
    .where("row_version", "=", s.expectedVersion)
    .where("added_in_engage", "=", true)
    .where("removed_at", "is", null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
