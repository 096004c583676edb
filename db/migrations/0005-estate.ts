import { sql, type Kysely } from "kysely";

// What several instances on one database need: constraints in place of the checks that only
// SQLite's single connection made safe, and indexes PostgreSQL does not add for foreign keys.
export async function up(db: Kysely<any>): Promise<void> {
  // At most one attempt in progress per officer and scenario. Keep the newest if a race ever
  // left two, abandoning the others, so the index can be built.
  await sql`
    update attempts set status = 'abandoned'
    where status = 'in_progress' and exists (
      select 1 from attempts newer
      where newer.officer_id = attempts.officer_id and newer.scenario_id = attempts.scenario_id
        and newer.status = 'in_progress'
        and (newer.started_at > attempts.started_at or (newer.started_at = attempts.started_at and newer.id > attempts.id))
    )`.execute(db);
  await db.schema
    .createIndex("attempts_one_in_progress")
    .on("attempts")
    .columns(["officer_id", "scenario_id"])
    .unique()
    .where(sql.ref("status"), "=", "in_progress")
    .execute();

  // Each scenario's versions form one line: a version names the one it follows, and only one
  // version may follow each, so two instances cannot both add "the next version".
  await db.schema
    .alterTable("scenario_versions")
    .addColumn("previous_version_id", "integer", (c) => c.references("scenario_versions.id"))
    .execute();
  await sql`
    update scenario_versions set previous_version_id = (
      select max(p.id) from scenario_versions p
      where p.scenario_id = scenario_versions.scenario_id and p.id < scenario_versions.id
    )`.execute(db);
  await db.schema
    .createIndex("scenario_versions_next")
    .on("scenario_versions")
    .columns(["scenario_id", "previous_version_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("scenario_versions_first")
    .on("scenario_versions")
    .column("scenario_id")
    .unique()
    .where(sql.ref("previous_version_id"), "is", null)
    .execute();

  // Audit rows carry the request id that the server's log lines carry.
  await db.schema.alterTable("audit_events").addColumn("request_id", "text").execute();
  await db.schema
    .createIndex("audit_events_prison_at")
    .on("audit_events")
    .columns(["establishment_id", "at"])
    .execute();
  await db.schema.createIndex("audit_events_actor").on("audit_events").column("actor_user_id").execute();
  await db.schema.createIndex("audit_events_subject").on("audit_events").column("subject_user_id").execute();
  await db.schema.createIndex("xapi_deliveries_attempt").on("xapi_deliveries").column("attempt_id").execute();
  await db.schema
    .createIndex("written_reply_reviews_reviewer")
    .on("written_reply_reviews")
    .column("reviewer_id")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    "written_reply_reviews_reviewer",
    "xapi_deliveries_attempt",
    "audit_events_subject",
    "audit_events_actor",
    "audit_events_prison_at",
    "scenario_versions_first",
    "scenario_versions_next",
    "attempts_one_in_progress",
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.alterTable("scenario_versions").dropColumn("previous_version_id").execute();
  await db.schema.alterTable("audit_events").dropColumn("request_id").execute();
}
