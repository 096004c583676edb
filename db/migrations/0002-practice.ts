import type { Kysely } from "kysely";
import { notNull, timestamp, withId } from "./helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("scenario_versions"))
    .addColumn("scenario_id", "text", notNull)
    .addColumn("content_hash", "text", notNull)
    .addColumn("yaml", "text", notNull)
    .addColumn("title", "text", notNull)
    .addColumn("module_id", "text", notNull)
    .addColumn("source", "text", notNull)
    .addColumn("change_note", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", timestamp(db), notNull)
    .execute();
  // Not unique: a file reverted to earlier content becomes the newest version again.
  await db.schema
    .createIndex("scenario_versions_scenario")
    .on("scenario_versions")
    .columns(["scenario_id", "id"])
    .execute();
  await db.schema.createIndex("scenario_versions_hash").on("scenario_versions").column("content_hash").execute();

  await db.schema
    .createTable("attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("officer_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("establishment_id", "integer", (c) => c.references("establishments.id"))
    .addColumn("scenario_version_id", "integer", (c) => c.notNull().references("scenario_versions.id"))
    .addColumn("scenario_id", "text", notNull)
    .addColumn("module_id", "text", notNull)
    .addColumn("mode", "text", notNull)
    .addColumn("status", "text", notNull)
    .addColumn("snapshot", "text", notNull)
    .addColumn("shuffle_seed", "integer", notNull)
    .addColumn("row_version", "integer", notNull)
    .addColumn("step_count", "integer", notNull)
    .addColumn("started_at", timestamp(db), notNull)
    .addColumn("updated_at", timestamp(db), notNull)
    .addColumn("finished_at", timestamp(db))
    .addColumn("ending_node", "text")
    .addColumn("outcome", "text")
    .addColumn("open_questions", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("closed_questions", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("simple_reflections", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("complex_reflections", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("mi_adherent", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("mi_non_adherent", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("attempts_officer")
    .on("attempts")
    .columns(["officer_id", "status", "scenario_id"])
    .execute();
  await db.schema
    .createIndex("attempts_establishment")
    .on("attempts")
    .columns(["establishment_id", "status", "finished_at"])
    .execute();

  await withId(db, db.schema.createTable("attempt_steps"))
    .addColumn("attempt_id", "text", (c) => c.notNull().references("attempts.id").onDelete("cascade"))
    .addColumn("seq", "integer", notNull)
    .addColumn("node_id", "text", notNull)
    .addColumn("choice_id", "text")
    .addColumn("mi_code", "text")
    .addColumn("reply_node_id", "text", notNull)
    .addColumn("reply_talk", "text", notNull)
    .addColumn("free_text", "text")
    .addColumn("at", timestamp(db), notNull)
    .addUniqueConstraint("attempt_steps_seq", ["attempt_id", "seq"])
    .execute();

  await withId(db, db.schema.createTable("written_reply_reviews"))
    .addColumn("step_id", "integer", (c) => c.notNull().unique().references("attempt_steps.id").onDelete("cascade"))
    .addColumn("reviewer_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("rating", "integer", notNull)
    .addColumn("comment", "text")
    .addColumn("at", timestamp(db), notNull)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["written_reply_reviews", "attempt_steps", "attempts", "scenario_versions"]) {
    await db.schema.dropTable(t).execute();
  }
}
