// What modules ask for competency where a trainer has changed it in Engage. Writes are guarded by
// row_version: an insert only where no row exists yet, an update only from the version the form
// was made from, so of two trainers saving at once one is refused.
import type { Kysely, Transaction } from "kysely";
import type { Database, ModuleSettingsTable } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

export type ModuleSettingsValues = Omit<ModuleSettingsTable, "module_id" | "row_version" | "changed_by" | "changed_at">;

export function listModuleSettings(db: Db) {
  return db
    .selectFrom("module_settings as s")
    .leftJoin("users as u", "u.id", "s.changed_by")
    .selectAll("s")
    .select("u.display_name as changed_by_name")
    .execute();
}

/** Records a module's settings; false when the row is not at `expectedVersion` (0: no row yet). */
export async function writeModuleSettings(
  db: Db,
  s: { moduleId: string; expectedVersion: number; values: ModuleSettingsValues; userId: number; at: string },
): Promise<boolean> {
  if (s.expectedVersion === 0) {
    const inserted = await db
      .insertInto("module_settings")
      .values({ module_id: s.moduleId, ...s.values, row_version: 1, changed_by: s.userId, changed_at: s.at })
      .onConflict((c) => c.column("module_id").doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await db
    .updateTable("module_settings")
    .set({ ...s.values, row_version: s.expectedVersion + 1, changed_by: s.userId, changed_at: s.at })
    .where("module_id", "=", s.moduleId)
    .where("row_version", "=", s.expectedVersion)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
