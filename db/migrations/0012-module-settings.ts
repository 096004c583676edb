import type { Kysely } from "kysely";
import { flag, isPostgres, notNull, timestamp } from "./helpers";

// What a module asks for competency, as changed by a trainer in Engage: one row per module once it
// has been changed. follows_library marks a module put back on scenarios/modules.yaml's values; the
// row stays so its row_version only ever grows (a stale form can never match it again).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("module_settings")
    .addColumn("module_id", "text", (c) => c.primaryKey())
    .addColumn("follows_library", flag(db), notNull)
    .addColumn("min_reflection_to_question", isPostgres(db) ? "double precision" : "real", notNull)
    .addColumn("min_percent_complex_reflections", "integer", notNull)
    .addColumn("max_mi_non_adherent", "integer", notNull)
    .addColumn("refresher_months", "integer", notNull)
    .addColumn("requires_observation", flag(db), notNull)
    .addColumn("row_version", "integer", notNull)
    .addColumn("changed_by", "integer", (c) => c.references("users.id"))
    .addColumn("changed_at", timestamp(db), notNull)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("module_settings").execute();
}
