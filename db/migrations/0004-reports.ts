import type { Kysely } from "kysely";

// Indexes for the manager reports. Reports read every attempt of a prison's officers: a covering
// index on the columns the competency rules need means no visit to the (large) attempt rows with
// their conversation snapshots. Wings filter officers by unit.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("attempts_report")
    .on("attempts")
    .columns([
      "officer_id",
      "scenario_id",
      "mode",
      "status",
      "started_at",
      "finished_at",
      "outcome",
      "open_questions",
      "closed_questions",
      "simple_reflections",
      "complex_reflections",
      "mi_adherent",
      "mi_non_adherent",
      "module_id",
      "id",
    ])
    .execute();
  await db.schema.createIndex("users_unit_role").on("users").columns(["unit_id", "role", "active"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("users_unit_role").execute();
  await db.schema.dropIndex("attempts_report").execute();
}
