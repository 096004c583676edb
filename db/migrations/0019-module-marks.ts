import type { Kysely } from "kysely";
import { isPostgres, notNull, timestamp, withId } from "./helpers";

// Each module's pass marks, with when they came into force: an assessment passes on the marks in
// force when it was finished as well as on today's, so raising them never takes a pass away. One row
// per change (a trainer's save, or modules.yaml changing between deploys). from_at null: the marks
// in force before the first change Engage recorded. Starts empty: until a change, only today's marks.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("module_marks"))
    .addColumn("module_id", "text", notNull)
    .addColumn("min_reflection_to_question", isPostgres(db) ? "double precision" : "real", notNull)
    .addColumn("min_percent_complex_reflections", "integer", notNull)
    .addColumn("max_mi_non_adherent", "integer", notNull)
    .addColumn("from_at", timestamp(db))
    .execute();
  await db.schema.createIndex("module_marks_module").on("module_marks").columns(["module_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("module_marks").execute();
}
