// Each module's pass marks with when they came into force, one row per change, oldest first by id.
import type { Kysely, Transaction } from "kysely";
import type { Database, ModuleMarksTable } from "../schema";

type Db = Kysely<Database> | Transaction<Database>;

export type StoredMarks = Omit<ModuleMarksTable, "id" | "module_id" | "from_at">;

export function listModuleMarks(db: Db) {
  return db.selectFrom("module_marks").selectAll().orderBy("id").execute();
}

export function lastMarksOf(db: Db, moduleId: string) {
  return db
    .selectFrom("module_marks")
    .selectAll()
    .where("module_id", "=", moduleId)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function addModuleMarks(db: Db, m: { moduleId: string; marks: StoredMarks; from: string | null }) {
  await db
    .insertInto("module_marks")
    .values({ module_id: m.moduleId, ...m.marks, from_at: m.from })
    .execute();
}
